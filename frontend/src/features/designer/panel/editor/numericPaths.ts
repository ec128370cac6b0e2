/**
 * Lets lang-jinja read `node.1.x`, the way every playbook refers to a block's results.
 *
 * Jinja2 reads `a.1` as item 1 of `a`, but lang-jinja 6.0.1 lexes `.1` as a number, so
 * its parse of `{{ node.1.x }}` stops after `node` and the rest of the tag, closing braces
 * included, falls back to plain text (and, in a JSON field, spoils the JSON after it).
 *
 * The parser is given a view of the text where such a dot, one that follows a name, `]` or
 * `)` and comes before a digit, reads as `~` (Jinja's concatenation): `node~1.x` has the
 * same length, parses as an expression, and its tokens keep their classes (the dot, like
 * `~`, is an operator; `1` a number; `x` a property). Only the parser sees the change: the
 * document is untouched.
 */
import { Language } from '@codemirror/language';
import { Parser, type Input, type PartialParse, type TreeFragment } from '@lezer/common';

const LOOK_BACK = 80;

/** The text with the dots described above replaced by `~` (same length). */
export function maskNumericPaths(text: string): string {
  let out = '';
  let last = 0;
  for (let i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
    if (!/\d/.test(text[i + 1] ?? '') || !followsName(text, i)) continue;
    out += `${text.slice(last, i)}~`;
    last = i + 1;
  }
  return out + text.slice(last);
}

function followsName(text: string, dot: number): boolean {
  const before = text[dot - 1] ?? '';
  if (before === ']' || before === ')') return true;
  let start = dot;
  while (start > 0 && /\w/.test(text[start - 1])) start -= 1;
  return start < dot && /[A-Za-z_]/.test(text[start]);
}

class MaskedInput implements Input {
  readonly lineChunks = false;
  private readonly inner: Input;

  constructor(inner: Input) {
    this.inner = inner;
  }

  get length(): number {
    return this.inner.length;
  }

  chunk(from: number): string {
    return this.read(from, Math.min(this.length, from + 2048));
  }

  read(from: number, to: number): string {
    // A little context on both sides: the name before a dot, the digit after it.
    const start = Math.max(0, from - LOOK_BACK);
    const end = Math.min(this.length, to + 1);
    const masked = maskNumericPaths(this.inner.read(start, end));
    return masked.slice(from - start, to - start);
  }
}

class MaskingParser extends Parser {
  private readonly inner: Parser;

  constructor(inner: Parser) {
    super();
    this.inner = inner;
  }

  createParse(input: Input, fragments: readonly TreeFragment[], ranges: readonly { from: number; to: number }[]): PartialParse {
    return this.inner.createParse(new MaskedInput(input), fragments, ranges);
  }
}

/** `language` with its parser reading numeric paths as above (same data, same node types). */
export function readingNumericPaths(language: Language): Language {
  return new Language(language.data, new MaskingParser(language.parser), [], language.name);
}
