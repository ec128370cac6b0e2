/**
 * Reading the tester's data: JSON text to the object whose top-level keys are the
 * template's variables, or a message naming the line and column where the text stops being
 * JSON. `JSON.parse` does the parsing; when it fails, a small scanner of our own finds the
 * place, because the webviews' messages differ (WebKit names no position at all).
 *
 * Not here: showing the message (./DataEditor.tsx).
 */

export type DataProblem = { message: string; line: number | null; column: number | null };

export type ParsedData = { ok: true; value: Record<string, unknown> } | { ok: false; problem: DataProblem };

/** Blank text is no data: an empty object. */
export function parseData(text: string): ParsedData {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: locateJsonError(text) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: { message: 'The data must be a JSON object: its top-level keys are the variables.', line: null, column: null } };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** "line 3, column 7: expected ',' or '}' after a property value" */
export function problemText(problem: DataProblem): string {
  if (problem.line === null) return problem.message;
  return `line ${problem.line}, column ${problem.column ?? 1}: ${problem.message}`;
}

class JsonSyntaxError extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.at = at;
  }
}

const MAX_DEPTH = 2000;

/** Where and why `text` is not JSON (1-based line and column). */
export function locateJsonError(text: string): DataProblem {
  try {
    new Scanner(text).document();
    return { message: 'not valid JSON', line: 1, column: 1 };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split('\n').length;
    const column = error.at - (before.lastIndexOf('\n') + 1) + 1;
    return { message: error.message, line, column };
  }
}

/** A JSON validator that stops at the first error with its offset (it builds no value). */
class Scanner {
  private i = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  document(): void {
    this.value(0);
    this.space();
    if (this.i < this.text.length) this.fail('unexpected text after the JSON value');
  }

  private fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(this.i >= this.text.length && at >= this.text.length ? 'the data ends too early' : message, at);
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i += 1;
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    this.space();
    const c = this.text[this.i];
    if (c === '{') this.object(depth);
    else if (c === '[') this.array(depth);
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (!this.word('true') && !this.word('false') && !this.word('null')) this.fail(c === "'" ? 'strings take double quotes' : `unexpected ${describeChar(c)}`);
  }

  /** Steps over `c` when it comes next. */
  private eat(c: string): boolean {
    if (this.text[this.i] !== c) return false;
    this.i += 1;
    return true;
  }

  private word(w: string): boolean {
    if (!this.text.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }

  private object(depth: number): void {
    this.i += 1;
    this.space();
    if (this.eat('}')) return;
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail(this.text[this.i] === '}' ? "a comma cannot come right before '}'" : 'expected a property name in double quotes');
      this.string();
      this.space();
      if (!this.eat(':')) this.fail("expected ':' after a property name");
      this.value(depth + 1);
      this.space();
      if (this.eat('}')) return;
      if (!this.eat(',')) this.fail("expected ',' or '}' after a property value");
    }
  }

  private array(depth: number): void {
    this.i += 1;
    this.space();
    if (this.eat(']')) return;
    for (;;) {
      this.space();
      if (this.text[this.i] === ']') this.fail("a comma cannot come right before ']'");
      this.value(depth + 1);
      this.space();
      if (this.eat(']')) return;
      if (!this.eat(',')) this.fail("expected ',' or ']' after an item");
    }
  }

  private string(): void {
    this.i += 1;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (this.eat('"')) return;
      if (c < ' ') this.fail('a line break or control character inside a string (write \\n)');
      if (c === '\\') {
        const e = this.text[this.i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.fail('invalid \\u escape');
          this.i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') this.fail(`invalid escape \\${e}`);
        this.i += 2;
        continue;
      }
      this.i += 1;
    }
    this.fail('a string is not closed');
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (match === null) this.fail('invalid number');
    this.i += match[0].length;
  }
}

function describeChar(c: string | undefined): string {
  if (c === undefined) return 'end of the data';
  return `character ${JSON.stringify(c)}`;
}
