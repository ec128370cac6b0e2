/**
 * The CODE document's keeper and the messages it answers: it holds the parsed document and
 * what was computed from it (the rows visible for the last expansion, the last search's
 * matches, the pretty JSON's lines), so that the page only ever receives what it draws.
 *
 * Raw JSON shows the text it was given when that text is already on several lines (the
 * core's pretty CODE JSON: its key order and numbers as written), else the parsed value
 * pretty-printed. The tree follows the parsed value, where JavaScript puts integer-like
 * keys first.
 *
 * The same class runs inside the worker (./codeWorker.ts) and, without a worker, in the
 * page (./codeClient.ts). Every answer is plain data that survives structured cloning.
 *
 * Not here: posting messages (./codeWorker.ts, ./codeClient.ts), the tree logic itself
 * (./codeTree.ts).
 */
import { flatten, indexOfPath, pathKey, search, toRow, valueAt, valueText, type Expansion, type TreeRow, type VisibleEntry } from './codeTree';
import type { JsonPath } from './jinjaPath';

/** Matches kept for next/previous and highlighting; beyond it only the count goes on. */
export const MATCH_LIMIT = 100_000;

export type CodeRequest =
  | { type: 'load'; text: string }
  | { type: 'loadValue'; value: unknown }
  | { type: 'view'; expansion: Expansion; from: number; count: number; focus: JsonPath | null }
  | { type: 'search'; query: string }
  | { type: 'match'; index: number }
  | { type: 'value'; path: JsonPath }
  | { type: 'raw'; from: number; count: number }
  | { type: 'rawText' };

export type ViewRow = TreeRow & { match: boolean };

export type CodeAnswers = {
  load: { ok: true; ms: number } | { ok: false; message: string };
  loadValue: { ok: true; ms: number } | { ok: false; message: string };
  view: { total: number; from: number; rows: ViewRow[]; focusIndex: number };
  search: { query: string; count: number; kept: number; ms: number };
  match: { index: number; path: JsonPath | null };
  value: { text: string | null };
  raw: { total: number; from: number; lines: string[] };
  rawText: { text: string };
};

export type CodeAnswer<T extends CodeRequest['type'] = CodeRequest['type']> = CodeAnswers[T];

/** What travels each way: requests and answers carry the id the page gave. */
export type RequestEnvelope = { id: number; request: CodeRequest };
export type AnswerEnvelope = { id: number; answer: CodeAnswer } | { id: number; error: string };

const NOTHING = Symbol('nothing loaded');

export class CodeSession {
  private root: unknown = NOTHING;
  private visible: { key: string; entries: VisibleEntry[] } | null = null;
  private matches: { paths: JsonPath[]; keys: Set<string> } = { paths: [], keys: new Set() };
  private pretty: string[] | null = null;
  private source: string | null = null;

  answer(envelope: RequestEnvelope): AnswerEnvelope {
    try {
      return { id: envelope.id, answer: this.handle(envelope.request) };
    } catch (error) {
      return { id: envelope.id, error: error instanceof Error ? error.message : String(error) };
    }
  }

  handle(request: CodeRequest): CodeAnswer {
    switch (request.type) {
      case 'load':
        return this.load(() => JSON.parse(request.text), request.text);
      case 'loadValue':
        return this.load(() => request.value, null);
      case 'view':
        return this.view(request.expansion, request.from, request.count, request.focus);
      case 'search':
        return this.search(request.query);
      case 'match':
        return { index: request.index, path: this.matches.paths[request.index] ?? null };
      case 'value': {
        const value = valueAt(this.document(), request.path);
        return { text: value === undefined ? null : valueText(value) };
      }
      case 'raw':
        return this.raw(request.from, request.count);
      case 'rawText':
        return { text: this.prettyLines().join('\n') };
    }
  }

  private load(read: () => unknown, source: string | null): CodeAnswers['load'] {
    const started = performance.now();
    this.source = source;
    this.root = NOTHING;
    this.visible = null;
    this.matches = { paths: [], keys: new Set() };
    this.pretty = null;
    try {
      this.root = read();
    } catch (error) {
      this.source = null;
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    return { ok: true, ms: Math.round(performance.now() - started) };
  }

  private document(): unknown {
    if (this.root === NOTHING) throw new Error('No CODE JSON loaded.');
    return this.root;
  }

  private entries(expansion: Expansion): VisibleEntry[] {
    const key = JSON.stringify(expansion);
    if (this.visible === null || this.visible.key !== key) this.visible = { key, entries: flatten(this.document(), expansion) };
    return this.visible.entries;
  }

  private view(expansion: Expansion, from: number, count: number, focus: JsonPath | null): CodeAnswers['view'] {
    const entries = this.entries(expansion);
    const start = Math.max(0, Math.min(from, entries.length));
    const end = Math.min(entries.length, start + Math.max(0, count));
    const rows: ViewRow[] = [];
    for (let i = start; i < end; i += 1) {
      const row = toRow(entries, i);
      rows.push({ ...row, match: this.matches.keys.size > 0 && this.matches.keys.has(pathKey(row.path)) });
    }
    const focusIndex = focus === null ? -1 : indexOfPath(entries, focus);
    return { total: entries.length, from: start, rows, focusIndex };
  }

  private search(query: string): CodeAnswers['search'] {
    const started = performance.now();
    const result = search(this.document(), query, MATCH_LIMIT);
    this.matches = { paths: result.paths, keys: new Set(result.paths.map(pathKey)) };
    return { query, count: result.count, kept: result.paths.length, ms: Math.round(performance.now() - started) };
  }

  private prettyLines(): string[] {
    const root = this.document();
    if (this.pretty === null) {
      const multiLine = this.source !== null && this.source.trimEnd().includes('\n');
      const text = multiLine ? (this.source as string).trimEnd() : (JSON.stringify(root, null, 2) ?? 'null');
      this.pretty = text.split(/\r?\n/);
    }
    return this.pretty;
  }

  private raw(from: number, count: number): CodeAnswers['raw'] {
    const lines = this.prettyLines();
    const start = Math.max(0, Math.min(from, lines.length));
    return { total: lines.length, from: start, lines: lines.slice(start, start + Math.max(0, count)) };
  }
}
