/**
 * The languages of the side panel's editors: Jinja over plain text (text fields) and Jinja
 * over JSON (object and array arguments, whose strings may hold `{{ … }}`).
 *
 * Tokens get stable `tok-*` classes (`classHighlighter`), coloured in ../jinjaField.css, so
 * the colours live in a stylesheet file and tests can find them.
 *
 * Only the grammars are used: lang-jinja's own completions (tags, filters) are overridden
 * by the panel's completion of upstream paths (./completionSource.ts). lang-jinja does not
 * read `node.1.x` as Jinja2 does; ./numericPaths.ts works around it.
 */
import { jinja } from '@codemirror/lang-jinja';
import { json } from '@codemirror/lang-json';
import { LanguageSupport, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import type { Extension } from '@codemirror/state';
import { classHighlighter } from '@lezer/highlight';

import { readingNumericPaths } from './numericPaths';

export type FieldLanguage = 'jinja' | 'json';

/**
 * Text outside the tags is just text. lang-jinja's default base is HTML, which would colour
 * `<b>` or `&amp;` in an alert comment as markup; a one-token language keeps it plain.
 */
const plainText = StreamLanguage.define<null>({
  name: 'text',
  startState: () => null,
  token(stream) {
    stream.skipToEnd();
    return null;
  },
});

let jinjaText: LanguageSupport | null = null;
let jinjaJson: LanguageSupport | null = null;

/** The language support of a field (built once per kind and shared by every editor). */
export function fieldLanguage(kind: FieldLanguage): LanguageSupport {
  if (kind === 'json') {
    jinjaJson ??= withNumericPaths(jinja({ base: json() }));
    return jinjaJson;
  }
  jinjaText ??= withNumericPaths(jinja({ base: new LanguageSupport(plainText) }));
  return jinjaText;
}

function withNumericPaths(support: LanguageSupport): LanguageSupport {
  return new LanguageSupport(readingNumericPaths(support.language), support.support);
}

export const tokenClasses: Extension = syntaxHighlighting(classHighlighter);
