import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';

import { errorRange } from './errorSpan';

const marked = (doc: string, line: number, column: number) => {
  const text = Text.of(doc.split('\n'));
  const range = errorRange(text, { line, column });
  return range === null ? null : text.sliceString(range.from, range.to);
};

describe('errorRange', () => {
  it.each([
    ['the word at the column', '{{ node.0 | nofilter }}', 1, 13, 'nofilter'],
    ['one character outside a word', '{{ a + }}', 1, 8, '}'],
    ['a position on a later line', '{% if x %}\n  {{ y. }}\n{% endif %}', 2, 9, '}'],
    ['the last character when the column is past the end', 'Alert {{ alert.id ', 1, 40, ' '],
    ['the last line when the line is past the end', 'a\nbc', 9, 1, 'bc'],
  ])('marks %s', (_name, doc, line, column, expected) => {
    expect(marked(doc, line, column)).toBe(expected);
  });

  it('counts columns in characters, not UTF-16 units', () => {
    expect(marked('{{ "😀" | bad }}', 1, 10)).toBe('bad');
  });

  it('marks nothing in an empty document', () => {
    expect(marked('', 1, 1)).toBeNull();
  });
});
