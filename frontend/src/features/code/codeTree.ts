/**
 * The CODE view's tree as data: which rows are visible for a given expansion (flattened in
 * document order, one entry per row), what a row shows, and the search over every key and
 * value of the document, folded or not.
 *
 * Pure and synchronous, so that it runs the same in the worker (./codeWorker.ts) and in
 * the page when there is no worker (jsdom). Iterative walks: a deeply nested document
 * cannot overflow the stack. "Document order" is the order of the parsed value: JavaScript
 * puts integer-like object keys first, which keeps node ids ("0", "1", "3") sorted.
 *
 * Not here: the worker messages (./codeSession.ts), scrolling and the DOM (./CodeTree.tsx),
 * Jinja references (./jinjaPath.ts).
 */
import type { JsonPath } from './jinjaPath';

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * Which containers are open: `base` says the default (none; `top`: the first two levels, so
 * that a CODE JSON shows each node's fields at once; all) and
 * `toggled` the path keys (see `pathKey`) that differ from it. "Expand all" on a huge
 * document is then one word, not a million paths.
 */
export type Expansion = { base: 'none' | 'top' | 'all'; toggled: readonly string[] };

export const INITIAL_EXPANSION: Expansion = { base: 'top', toggled: [] };

/** One row as the view draws it. */
export type TreeRow = {
  depth: number;
  /** Object key, or array index. The empty string for a document that is a bare value. */
  key: string | number;
  path: JsonPath;
  kind: JsonKind;
  /** What the value column shows (a quoted, shortened string; `{ 3 keys }`; `42`). */
  preview: string;
  /** Keys or items of an object or array, 0 otherwise. */
  childCount: number;
  expanded: boolean;
};

/** A visible row inside the flattened list: its parent is an earlier entry (-1 for top level). */
export type VisibleEntry = { key: string | number; depth: number; parent: number; value: unknown };

/** The `parent` of the single row of a document that is a bare value (its path is empty). */
const BARE_ROOT = -2;

export const PREVIEW_CHARS = 200;

export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

export function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return type;
  return 'object';
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

export function childCount(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return isContainer(value) ? Object.keys(value).length : 0;
}

export function preview(value: unknown): string {
  const kind = kindOf(value);
  if (kind === 'string') {
    const text = value as string;
    if (text.length <= PREVIEW_CHARS) return JSON.stringify(text);
    const quoted = JSON.stringify(text.slice(0, PREVIEW_CHARS));
    return `${quoted.slice(0, -1)}…"`;
  }
  if (kind === 'array') {
    const n = (value as unknown[]).length;
    return `[ ${n} ${n === 1 ? 'item' : 'items'} ]`;
  }
  if (kind === 'object') {
    const n = childCount(value);
    return `{ ${n} ${n === 1 ? 'key' : 'keys'} }`;
  }
  return kind === 'null' ? 'null' : String(value);
}

function openByDefault(expansion: Expansion, depth: number): boolean {
  return expansion.base === 'all' || (expansion.base === 'top' && depth <= 1);
}

/**
 * Whether the container at a path is open under `expansion` (the test, built once per walk).
 * The path is asked for only when some container was toggled: a walk under a plain
 * "expand all" never builds one.
 */
export function openTest(expansion: Expansion): (depth: number, path: () => JsonPath) => boolean {
  const toggled = new Set(expansion.toggled);
  return (depth, path) => {
    const byDefault = openByDefault(expansion, depth);
    return toggled.size > 0 && toggled.has(pathKey(path())) ? !byDefault : byDefault;
  };
}

/** `expansion` with the container at `path` opened or closed. */
export function toggle(expansion: Expansion, path: JsonPath): Expansion {
  const key = pathKey(path);
  const toggled = expansion.toggled.includes(key) ? expansion.toggled.filter((k) => k !== key) : [...expansion.toggled, key];
  return { base: expansion.base, toggled };
}

/** `expansion` with every container above `path` open (the row at `path` becomes visible). */
export function reveal(expansion: Expansion, path: JsonPath): Expansion {
  let next = expansion;
  for (let length = 1; length < path.length; length += 1) {
    const prefix = path.slice(0, length);
    if (!openTest(next)(length - 1, () => prefix)) next = toggle(next, prefix);
  }
  return next;
}

/** A container being walked: `key` is its own key in its parent (unused for the root). */
type Frame = { container: Record<string, unknown> | unknown[]; keys: string[] | null; next: number; depth: number; parent: number; key: string | number };

function frameOf(container: Record<string, unknown> | unknown[], depth: number, parent: number, key: string | number): Frame {
  return { container, keys: Array.isArray(container) ? null : Object.keys(container), next: 0, depth, parent, key };
}

/** The path of a child `key` of the innermost frame: the walk's stack spells it. */
function pathIn(stack: readonly Frame[], key: string | number): JsonPath {
  const path: Array<string | number> = [];
  for (let i = 1; i < stack.length; i += 1) path.push(stack[i].key);
  path.push(key);
  return path;
}

/** The next child of a frame as `[key, value]`, or null when the frame is done. */
function nextChild(frame: Frame): [string | number, unknown] | null {
  const { container, keys } = frame;
  if (keys === null) {
    const list = container as unknown[];
    return frame.next < list.length ? [frame.next, list[frame.next++]] : null;
  }
  if (frame.next >= keys.length) return null;
  const key = keys[frame.next++];
  return [key, (container as Record<string, unknown>)[key]];
}

/** The rows shown for `expansion`, top to bottom. A bare value (not a container) is one row. */
export function flatten(root: unknown, expansion: Expansion): VisibleEntry[] {
  if (!isContainer(root)) return [{ key: '', depth: 0, parent: BARE_ROOT, value: root }];
  const isOpen = openTest(expansion);
  const out: VisibleEntry[] = [];
  const stack: Frame[] = [frameOf(root, 0, -1, '')];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const child = nextChild(frame);
    if (child === null) {
      stack.pop();
      continue;
    }
    const [key, value] = child;
    const index = out.length;
    out.push({ key, depth: frame.depth, parent: frame.parent, value });
    if (isContainer(value) && isOpen(frame.depth, () => pathIn(stack, key))) stack.push(frameOf(value, frame.depth + 1, index, key));
  }
  return out;
}

/** The path of a visible entry, read up its parents. */
export function entryPath(entries: readonly VisibleEntry[], index: number): JsonPath {
  const path: Array<string | number> = [];
  if (entries[index].parent === BARE_ROOT) return path;
  for (let i = index; i >= 0; i = entries[i].parent) path.push(entries[i].key);
  return path.reverse();
}

export function toRow(entries: readonly VisibleEntry[], index: number): TreeRow {
  const entry = entries[index];
  const next = entries[index + 1];
  return {
    depth: entry.depth,
    key: entry.key,
    path: entryPath(entries, index),
    kind: kindOf(entry.value),
    preview: preview(entry.value),
    childCount: childCount(entry.value),
    expanded: next !== undefined && next.parent === index,
  };
}

/** The index of the visible row at `path`, or -1 when it is folded away. */
export function indexOfPath(entries: readonly VisibleEntry[], path: JsonPath): number {
  if (path.length === 0) return entries[0]?.parent === BARE_ROOT ? 0 : -1;
  const depth = path.length - 1;
  const last = path[depth];
  outer: for (let i = 0; i < entries.length; i += 1) {
    if (entries[i].depth !== depth || entries[i].key !== last) continue;
    let at = entries[i].parent;
    for (let d = depth - 1; d >= 0; d -= 1) {
      if (at < 0 || entries[at].key !== path[d]) continue outer;
      at = entries[at].parent;
    }
    return i;
  }
  return -1;
}

/** The value at `path`, or undefined when there is none. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let value = root;
  for (const key of path) {
    if (!isContainer(value)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** What "Copy value" copies: a string as it is, anything else as pretty JSON. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? 'null');
}

export type SearchResult = { paths: JsonPath[]; count: number };

/** The text of a leaf the search looks in: a string as it is, other scalars as JSON writes them. */
function leafText(value: unknown): string | null {
  if (isContainer(value)) return null;
  return typeof value === 'string' ? value : value === undefined ? 'null' : String(value);
}

/**
 * The rows whose object key or scalar value contains `query` (case-insensitive), in
 * document order, folded or not. `count` is every match; `paths` stops at `limit`.
 */
export function search(root: unknown, query: string, limit = Number.POSITIVE_INFINITY): SearchResult {
  const needle = query.toLowerCase();
  const paths: JsonPath[] = [];
  let count = 0;
  if (needle === '') return { paths, count };
  const hit = (path: () => JsonPath) => {
    count += 1;
    if (paths.length < limit) paths.push(path());
  };
  if (!isContainer(root)) {
    if ((leafText(root) ?? '').toLowerCase().includes(needle)) hit(() => []);
    return { paths, count };
  }
  const stack: Frame[] = [frameOf(root, 0, -1, '')];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const child = nextChild(frame);
    if (child === null) {
      stack.pop();
      continue;
    }
    const [key, value] = child;
    const text = leafText(value);
    const keyHit = typeof key === 'string' && key.toLowerCase().includes(needle);
    if (keyHit || (text !== null && text.toLowerCase().includes(needle))) hit(() => pathIn(stack, key));
    if (isContainer(value)) stack.push(frameOf(value, frame.depth + 1, -1, key));
  }
  return { paths, count };
}
