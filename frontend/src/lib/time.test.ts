import { describe, expect, it } from 'vitest';

import { formatRelative, parseTimestamp } from './time';

const NOW = Date.parse('2025-06-15T12:00:00Z');

describe('parseTimestamp', () => {
  it('reads RFC 3339 with an offset and with nanoseconds', () => {
    expect(parseTimestamp('2025-06-15T14:00:00+02:00')).toBe(NOW);
    expect(parseTimestamp('2025-06-15T12:00:00.123456789Z')).toBe(NOW + 123);
  });

  it('reads SQLite timestamps as UTC', () => {
    expect(parseTimestamp('2025-06-15 12:00:00')).toBe(NOW);
  });

  it('returns null for text that is not a time', () => {
    expect(parseTimestamp('yesterday-ish')).toBeNull();
  });
});

describe('formatRelative', () => {
  const ago = (ms: number) => new Date(NOW - ms).toISOString();

  it.each([
    [10_000, 'just now'],
    [-30_000, 'just now'],
    [50_000, '1 minute ago'],
    [59 * 60_000, '59 minutes ago'],
    [2 * 3_600_000, '2 hours ago'],
    [30 * 3_600_000, 'yesterday'],
    [3 * 86_400_000, '3 days ago'],
  ])('%i ms ago reads "%s"', (ms, expected) => {
    expect(formatRelative(ago(ms), NOW)).toBe(expected);
  });

  it('shows the date for old timestamps', () => {
    expect(formatRelative('2024-01-02T12:00:00Z', NOW)).toBe('Jan 2, 2024');
  });

  it('returns text it cannot read unchanged', () => {
    expect(formatRelative('not a date', NOW)).toBe('not a date');
  });
});
