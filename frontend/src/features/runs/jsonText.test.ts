import { describe, expect, it } from 'vitest';

import { parseJsonObject, parseJsonText } from './jsonText';

describe('JSON typed in the run dialog', () => {
  it('parses a document', () => {
    expect(parseJsonText('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it('says where a document is wrong when the engine gives an offset', () => {
    const parsed = parseJsonText('{\n  "a": 1,\n  "b": }');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/^Invalid JSON( at line 3, column \d+)?:/);
  });

  it('refuses an empty text and anything but an object for an event', () => {
    expect(parseJsonText('  ')).toEqual({ ok: false, message: 'Empty: type or paste a JSON document.' });
    expect(parseJsonObject('[1]', 'The event')).toEqual({ ok: false, message: 'The event must be a JSON object ({ … }).' });
    expect(parseJsonObject('null', 'The event').ok).toBe(false);
    expect(parseJsonObject('{"alert_uuid": "x"}', 'The event')).toEqual({ ok: true, value: { alert_uuid: 'x' } });
  });
});
