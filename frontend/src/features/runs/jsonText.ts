/**
 * JSON typed by the user: parse it, and say where it is wrong (line and column) in words
 * that do not depend on the webview's own error messages.
 */
export type JsonParse = { ok: true; value: unknown } | { ok: false; message: string };

/** Parses `text`; errors name line and column when the engine tells the offset. */
export function parseJsonText(text: string): JsonParse {
  if (text.trim() === '') return { ok: false, message: 'Empty: type or paste a JSON document.' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const offset = /position (\d+)/.exec(raw)?.[1];
    if (offset === undefined) return { ok: false, message: `Invalid JSON: ${raw}` };
    const before = text.slice(0, Number(offset));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { ok: false, message: `Invalid JSON at line ${line}, column ${column}: ${raw.replace(/ in JSON at position \d+.*$/, '')}` };
  }
}

/** Parses an object (an event, pinned results): anything else is an error saying so. */
export function parseJsonObject(text: string, what: string): JsonParse {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, message: `${what} must be a JSON object ({ … }).` };
  }
  return parsed;
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
