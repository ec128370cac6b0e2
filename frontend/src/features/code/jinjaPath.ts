/**
 * The Jinja reference of a place in a JSON document (the CODE JSON of a run, or any JSON the
 * tester is given): the path from the top-level key down to the value, written the way the
 * platform's Jinja2 reads it back to that same value.
 *
 * - The top-level key is a variable name: `node`, `store`, `urgency`.
 * - A name-like key is an attribute: `.results`.
 * - A node id right under `node` is written `node.3` (the platform's own spelling: Jinja2
 *   reads `.3` as the integer 3, and the platform retries a missing integer key as "3").
 * - An array index is `[0]`.
 * - Any other key takes the bracket form with a quoted string: `['content-type']`, `['1st']`,
 *   `['a.b']`. So do the keys that Python's `dict` hides behind a method of the same name
 *   (`x.items` is the method `dict.items`, not the key), and dunder names.
 *
 * Not here: where a reference is shown or copied (CodeView), paths of the completion list
 * (../tester/dataPaths.ts builds on `jinjaExpression`).
 */

export type JsonPath = ReadonlyArray<string | number>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A decimal integer as Jinja2 prints it back: no sign, no leading zero. */
const CANONICAL_INT = /^(0|[1-9][0-9]*)$/;

/** `dict` methods: `obj.<name>` reaches the method, so such keys need `obj['<name>']`. */
const DICT_METHODS = new Set(['clear', 'copy', 'fromkeys', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values']);

/** Names Jinja2 reads as literals or operators, never as a variable. */
const NOT_VARIABLES = new Set(['true', 'false', 'none', 'True', 'False', 'None', 'not', 'and', 'or', 'in', 'is', 'if', 'else']);

/** A Python string literal in single quotes, with quotes, backslashes and line breaks escaped. */
export function quoteKey(key: string): string {
  let out = "'";
  for (const ch of key) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return `${out}'`;
}

/** Whether `key` can be written as `.key` after a value. */
function isAttributeName(key: string): boolean {
  return NAME.test(key) && !DICT_METHODS.has(key) && !/^__.*__$/.test(key);
}

/** Whether `key` can be a top-level variable name. */
export function isVariableName(key: string): boolean {
  return NAME.test(key) && !NOT_VARIABLES.has(key);
}

/** One step after the first: `.name`, `.3` (node ids), `[0]` or `['other key']`. */
function step(parent: JsonPath, index: number, key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  if (isAttributeName(key)) return `.${key}`;
  const underNode = index === 1 && parent[0] === 'node';
  if (underNode && CANONICAL_INT.test(key)) return `.${key}`;
  return `[${quoteKey(key)}]`;
}

/**
 * The expression inside the braces (`node.3.results['content-type']`), or null when the
 * path cannot be written in Jinja: it is empty, or its top-level key is not a name (a
 * document's top-level keys are the template's variables, and `@timestamp` is not one).
 */
export function jinjaExpression(path: JsonPath): string | null {
  if (path.length === 0) return null;
  const head = path[0];
  if (typeof head !== 'string' || !isVariableName(head)) return null;
  let out = head;
  for (let i = 1; i < path.length; i += 1) out += step(path, i, path[i]);
  return out;
}

/** `{{ node.3.results['content-type'] }}`, or '' when the path has no reference (see `jinjaExpression`). */
export function jinjaReference(path: JsonPath): string {
  const expression = jinjaExpression(path);
  return expression === null ? '' : `{{ ${expression} }}`;
}
