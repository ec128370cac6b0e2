/**
 * Timestamps from the core, shown the way people read them ("5 minutes ago").
 *
 * The core sends RFC 3339 strings. `parseTimestamp` also accepts more than millisecond
 * precision (chrono writes nanoseconds; some engines then return NaN) and SQLite's
 * `YYYY-MM-DD HH:MM:SS`, read as UTC.
 */

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

/** Milliseconds since the epoch, or `null` when `text` is not a timestamp. */
export function parseTimestamp(text: string): number | null {
  let iso = text.trim();
  const sqlite = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(iso);
  if (sqlite) iso = `${sqlite[1]}T${sqlite[2]}Z`;
  // Keep at most three fractional digits: "…:05.123456789Z" -> "…:05.123Z".
  iso = iso.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * "just now", "5 minutes ago", "yesterday", "3 days ago"; past four weeks, the date.
 * Times slightly in the future (clock skew) read as "just now". Unparseable input is
 * returned unchanged so that nothing is hidden.
 */
export function formatRelative(text: string, now: number = Date.now()): string {
  const then = parseTimestamp(text);
  if (then === null) return text;
  const elapsed = now - then;
  if (elapsed < 45 * SECOND) return 'just now';
  if (elapsed < HOUR) return relative.format(-Math.max(1, Math.floor(elapsed / MINUTE)), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 28 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return dateOnly.format(then);
}

/** Full local date and time, for tooltips; unparseable input is returned unchanged. */
export function formatAbsolute(text: string): string {
  const then = parseTimestamp(text);
  return then === null ? text : absolute.format(then);
}
