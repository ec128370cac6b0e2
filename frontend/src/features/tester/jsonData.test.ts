import { describe, expect, it } from 'vitest';

import { locateJsonError, parseData, problemText } from './jsonData';

describe('parseData', () => {
  it('reads a JSON object', () => {
    expect(parseData('{"urgency": {"value": 70}}')).toEqual({ ok: true, value: { urgency: { value: 70 } } });
  });

  it('takes blank text as no data', () => {
    expect(parseData('  \n')).toEqual({ ok: true, value: {} });
  });

  it.each([['[1, 2]'], ['42'], ['"text"'], ['null']])('refuses %s: the variables are an object’s keys', (text) => {
    const parsed = parseData(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem.message).toMatch(/must be a JSON object/);
  });

  it('names the line and column of a syntax error', () => {
    const parsed = parseData('{\n  "a": 1\n  "b": 2\n}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(problemText(parsed.problem)).toBe("line 3, column 3: expected ',' or '}' after a property value");
  });
});

describe('locateJsonError', () => {
  const cases: Array<[string, string, number, number, RegExp]> = [
    ['a missing comma', '{"a": 1 "b": 2}', 1, 9, /expected ',' or '}'/],
    ['a trailing comma in an object', '{"a": 1,\n}', 2, 1, /comma cannot come right before '}'/],
    ['a trailing comma in a list', '[1, 2, ]', 1, 8, /comma cannot come right before '\]'/],
    ['single quotes', "{'a': 1}", 1, 2, /property name in double quotes/],
    ['a single-quoted value', "{\"a\": 'x'}", 1, 7, /strings take double quotes/],
    ['a missing colon', '{"a" 1}', 1, 6, /expected ':'/],
    ['an unknown word', '{"a": yes}', 1, 7, /unexpected character "y"/],
    ['a line break in a string', '{"a": "x\ny"}', 1, 9, /line break or control character/],
    ['a bad escape', '{"a": "\\q"}', 1, 8, /invalid escape \\q/],
    ['a bad unicode escape', '{"a": "\\u12"}', 1, 8, /invalid \\u escape/],
    ['a bad number', '{"a": -x}', 1, 7, /invalid number/],
    ['text after the value', '{"a": 1} extra', 1, 10, /after the JSON value/],
    ['an unclosed object', '{"a": 1', 1, 8, /ends too early/],
    ['an unclosed string', '{"a": "abc', 1, 11, /ends too early/],
    ['a comment', '{\n  // note\n  "a": 1\n}', 2, 3, /property name in double quotes/],
  ];

  it.each(cases)('%s', (_name, text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const problem = locateJsonError(text);
    expect(problem.message).toMatch(message);
    expect([problem.line, problem.column]).toEqual([line, column]);
  });
});
