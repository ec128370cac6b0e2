/**
 * The underline under the part of the expression an error points at: where it is (from the
 * core's 1-based line and column, counted in characters) and the CodeMirror field that draws
 * it and keeps it in place while the text is edited, until the next result replaces it.
 *
 * Not here: the error message (shown in the output, ./JinjaTester.tsx).
 */
import { StateEffect, StateField, type Text } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

export type ErrorPosition = { line: number; column: number };

/**
 * The document range to underline: from the column to the end of the word there (one
 * character when it is not in a word). A column past the end of its line, where a parser
 * stops at a missing `}}`, marks the line's last character.
 */
export function errorRange(doc: Text, at: ErrorPosition): { from: number; to: number } | null {
  if (doc.length === 0 || at.line < 1) return null;
  const line = doc.line(Math.min(at.line, doc.lines));
  const text = line.text;
  // The column counts characters; the document counts UTF-16 units.
  let offset = 0;
  for (let chars = 1; chars < at.column && offset < text.length; chars += 1) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  if (offset >= text.length) {
    if (text.length === 0) return line.from > 0 ? { from: line.from - 1, to: line.from } : null;
    return { from: line.to - 1, to: line.to };
  }
  let end = offset + 1;
  if (/\w/.test(text[offset])) while (end < text.length && /\w/.test(text[end])) end += 1;
  return { from: line.from + offset, to: line.from + end };
}

export const setErrorPosition = StateEffect.define<ErrorPosition | null>();

const mark = Decoration.mark({ class: 'cm-tester-error', attributes: { 'data-error-span': 'true' } });

export const errorSpanField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorPosition)) continue;
      const range = effect.value === null ? null : errorRange(tr.state.doc, effect.value);
      next = range === null ? Decoration.none : Decoration.set([mark.range(range.from, range.to)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});
