/**
 * Files for the in-memory backend: a pretend file system (path → text), the answers the
 * OS dialogs will give (tests preset them), and the SPL JSON checks an import makes, with
 * line and column like the core's. Never touches a real disk.
 */
import type { MockCommand } from './backend';
import { isJson, type Json } from './json';
import { MockError } from './mockError';

export class MockFiles {
  /** The pretend file system: path → file text. */
  readonly files: Map<string, string>;
  /** What the next dialogs answer, in order; an empty queue answers "cancelled" (`null`). */
  private readonly answers: Array<string | null>;

  constructor(files: Record<string, string> = {}, answers: Array<string | null> = []) {
    this.files = new Map(Object.entries(files));
    this.answers = [...answers];
  }

  /** Presets the path the next open/save dialog returns (`null`: the user cancels). */
  chooseNext(path: string | null) {
    this.answers.push(path);
  }

  /** Handles a dialog command (`plugin:dialog|open` / `|save`), or returns `undefined`. */
  handleDialog(command: MockCommand): { result: string | null } | undefined {
    if (command !== 'plugin:dialog|open' && command !== 'plugin:dialog|save') return undefined;
    return { result: this.answers.length > 0 ? (this.answers.shift() ?? null) : null };
  }

  read(path: unknown): string {
    const text = typeof path === 'string' ? this.files.get(path) : undefined;
    if (text === undefined) throw new MockError('not_found', `No file at ${String(path)}`);
    return text;
  }

  write(path: unknown, text: string) {
    if (typeof path !== 'string' || path.trim() === '') throw new MockError('invalid_input', 'path: must not be empty');
    this.files.set(path, text);
  }
}

/**
 * Parses an SPL JSON file, or throws `invalid_playbook` whose message has one problem per
 * line, each naming the file, as the core writes them ("<path>: line 3, column 7: …").
 */
export function parsePlaybookFile(path: string, text: string): Json {
  const problems: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const { line, column } = jsonErrorPosition(text, e instanceof Error ? e.message : '');
    problems.push(`line ${line}, column ${column}: not valid JSON (${e instanceof Error ? e.message.replace(/\s*\(line \d+ column \d+\)$/, '') : 'parse error'})`);
  }
  if (problems.length === 0) {
    if (!isJson(parsed)) problems.push('line 1, column 1: expected a JSON object (a playbook)');
    else problems.push(...shapeProblems(parsed, text));
  }
  if (problems.length > 0) {
    throw new MockError('invalid_playbook', problems.map((problem) => `${path}: ${problem}`).join('\n'));
  }
  return parsed as Json;
}

function shapeProblems(doc: Json, text: string): string[] {
  const out: string[] = [];
  const at = (needle: string) => {
    const { line, column } = locate(text, needle);
    return `line ${line}, column ${column}`;
  };
  if ('name' in doc && typeof doc.name !== 'string') out.push(`${at('"name"')}: name: expected a string`);
  if (!isJson(doc.nodes)) {
    out.push(`${'nodes' in doc ? at('"nodes"') : 'line 1, column 1'}: nodes: expected an object of blocks`);
    return out;
  }
  for (const [id, node] of Object.entries(doc.nodes)) {
    if (!isJson(node)) {
      out.push(`${at(`"${id}"`)}: node ${id}: expected an object`);
      continue;
    }
    if (typeof node.type !== 'string') out.push(`${at(`"${id}"`)}: node ${id}: type: expected "trigger", "action" or "operator"`);
    if (!isJson(node.outputs)) out.push(`${at(`"${id}"`)}: node ${id}: outputs: required (at least {"default": []})`);
  }
  return out;
}

/** Line and column (from 1) of the first `needle` in `text`, or 1:1. */
function locate(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  return offset < 0 ? { line: 1, column: 1 } : lineColumn(text, offset);
}

/** Where JSON.parse stopped: V8 says "(line L column C)" or "at position N". */
export function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const position = /position (\d+)/.exec(message);
  if (position) return lineColumn(text, Number(position[1]));
  return lineColumn(text, text.length);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
