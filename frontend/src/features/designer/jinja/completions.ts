/**
 * What a Jinja field can refer to: `node.<id>.<field>` paths of the blocks that run before
 * the edited one (from their results schemas, nested properties included) and `store.<key>`
 * keys (from the playbook's store operators), plus the caret arithmetic that inserts one.
 *
 * Pure functions; the editors wire them to CodeMirror in `../panel/editor/completionSource.ts`.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { resolveNode } from '../catalog/resolve';
import { LOOP_BRANCH, isRecord, nodeLinks, type SplPlaybook } from '../spl/types';

export type Completion = {
  /** The Jinja path, e.g. `node.2.urgency.current_value` or `store.targets`. */
  path: string;
  /** JSON type from the schema ("string", "object", ...) or "" when unknown. */
  type: string;
  /** Where it comes from: the block's name ("2 · Get Alert") or "store". */
  source: string;
  description: string;
};

export type PathEntry = { path: string; type: string; description: string };

const MAX_DEPTH = 4;
const MAX_PER_NODE = 300;

/**
 * The ids of the nodes that can run before `nodeId`, nearest first. `viaLoop` holds the
 * foreach ids whose loop leads to `nodeId` (their per-item values are in scope).
 */
export function upstream(playbook: SplPlaybook, nodeId: string): { ids: string[]; viaLoop: Set<string> } {
  const parents = new Map<string, Array<{ source: string; branch: string }>>();
  for (const [source, node] of Object.entries(playbook.nodes)) {
    for (const [branch, target] of nodeLinks(node)) {
      const list = parents.get(target) ?? [];
      list.push({ source, branch });
      parents.set(target, list);
    }
  }
  const ids: string[] = [];
  const seen = new Set([nodeId]);
  const viaLoop = new Set<string>();
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const { source, branch } of parents.get(id) ?? []) {
        if (branch === LOOP_BRANCH && playbook.nodes[source]?.subtype === 'foreach') viaLoop.add(source);
        if (seen.has(source)) continue;
        seen.add(source);
        ids.push(source);
        next.push(source);
      }
    }
    frontier = next;
  }
  return { ids, viaLoop };
}

/** `a.b` for identifiers, `a['odd key']` otherwise. */
export function joinPath(prefix: string, key: string): string {
  return /^[A-Za-z_]\w*$/.test(key) ? `${prefix}.${key}` : `${prefix}[${JSON.stringify(key).replace(/^"|"$/g, "'")}]`;
}

/**
 * Every property path of a JSON schema under `prefix`, parents before children, following
 * local `$ref`s, `allOf`/`anyOf`/`oneOf`, and the items of arrays of objects (`[0]`).
 */
export function schemaPaths(schema: unknown, prefix: string, limit = MAX_PER_NODE): PathEntry[] {
  const out: PathEntry[] = [];
  const root = schema;
  const walk = (node: unknown, path: string, depth: number, refs: ReadonlySet<string>) => {
    if (out.length >= limit || depth > MAX_DEPTH || !isRecord(node)) return;
    const { schema: resolved, refs: seen } = deref(root, node, refs);
    if (resolved === null) return;
    for (const [key, child] of Object.entries(properties(root, resolved, seen))) {
      if (out.length >= limit) return;
      const childPath = joinPath(path, key);
      const { schema: c } = deref(root, child, seen);
      out.push({ path: childPath, type: typeName(c), description: isRecord(c) && typeof c.description === 'string' ? c.description : '' });
      if (isRecord(c)) {
        walk(c, childPath, depth + 1, seen);
        if (c.type === 'array' && isRecord(c.items)) walk(c.items, `${childPath}[0]`, depth + 1, seen);
      }
    }
  };
  walk(schema, prefix, 0, new Set());
  return out;
}

function properties(root: unknown, schema: Record<string, unknown>, refs: ReadonlySet<string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (isRecord(schema.properties)) Object.assign(result, schema.properties);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const part of list) {
      const { schema: resolved } = deref(root, part, refs);
      if (resolved !== null && isRecord(resolved.properties)) {
        for (const [k, v] of Object.entries(resolved.properties)) if (!(k in result)) result[k] = v;
      }
    }
  }
  return result;
}

function deref(root: unknown, node: unknown, refs: ReadonlySet<string>): { schema: Record<string, unknown> | null; refs: ReadonlySet<string> } {
  if (!isRecord(node)) return { schema: null, refs };
  const ref = node.$ref;
  if (typeof ref !== 'string') return { schema: node, refs };
  if (refs.has(ref) || !ref.startsWith('#/')) return { schema: null, refs };
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) target = isRecord(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  return isRecord(target) ? { schema: target, refs: new Set([...refs, ref]) } : { schema: null, refs };
}

function typeName(schema: unknown): string {
  if (!isRecord(schema)) return '';
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.filter((t) => t !== 'null').join(' | ');
  if (isRecord(schema.properties)) return 'object';
  return '';
}

/** Completions for a field of `nodeId`: upstream results, nearest first, then store keys. */
export function buildCompletions(playbook: SplPlaybook, nodeId: string, index: CatalogIndex): Completion[] {
  const result: Completion[] = [];
  const { ids, viaLoop } = upstream(playbook, nodeId);
  for (const id of ids) {
    const node = playbook.nodes[id];
    const resolved = resolveNode(node, index);
    const source = `${id} · ${typeof node.name === 'string' && node.name !== '' ? node.name : resolved.kindLabel}`;
    const isForeach = node.subtype === 'foreach' && resolved.family === 'operator';
    if (isForeach && !viaLoop.has(id)) continue; // its item is only defined inside the loop
    const schema = resolved.block?.results ?? resolved.operator?.results;
    const prefix = `node.${id}`;
    const paths = schemaPaths(schema, prefix);
    if (paths.length === 0 && (resolved.family === 'action' || resolved.family === 'trigger')) {
      result.push({ path: prefix, type: '', source, description: 'Results of this block (no schema in the catalogue)' });
    }
    for (const p of paths) result.push({ ...p, source });
  }
  const keys = new Map<string, string>();
  for (const [id, node] of Object.entries(playbook.nodes)) {
    if (node.type !== 'operator' || node.subtype !== 'store' || !Array.isArray(node.modifications)) continue;
    for (const m of node.modifications) {
      if (isRecord(m) && typeof m.key === 'string' && m.key !== '' && !keys.has(m.key)) keys.set(m.key, `${id} · ${node.name ?? 'Store'}`);
    }
  }
  for (const [key, source] of keys) {
    result.push({ path: joinPath('store', key), type: '', source, description: 'Value kept by a Store block' });
  }
  return result;
}

/**
 * Completions matching what was typed: prefix matches first, then paths that contain it,
 * then paths that contain its dotted parts in order (`node.2.cur` finds
 * `node.2.urgency.current_value`).
 */
/**
 * Puts first the paths that look meant for a field named `hint`: a top-level field named
 * like it (`node.0.uuid`) or ending in it (`node.0.alert_uuid`), then the same deeper down
 * (`node.0.status.uuid`). Otherwise the order (upstream blocks, then schema order) is kept.
 */
export function rankForField(list: readonly Completion[], hint: string | undefined): Completion[] {
  const h = hint?.trim().toLowerCase() ?? '';
  if (h === '') return [...list];
  const score = (c: Completion) => {
    const segments = c.path.toLowerCase().split('.');
    const last = segments[segments.length - 1] ?? '';
    const topLevel = segments.length <= (segments[0] === 'node' ? 3 : 2);
    const match = last === h ? 0 : last.endsWith(`_${h}`) || last.includes(h) ? 1 : null;
    if (match === null) return 4;
    return (topLevel ? 0 : 2) + match;
  };
  return list.map((c, i) => ({ c, i, s: score(c) })).sort((a, b) => a.s - b.s || a.i - b.i).map((x) => x.c);
}

export function filterCompletions(list: readonly Completion[], query: string, max = 50): Completion[] {
  const q = query.trim().toLowerCase();
  if (q === '') return list.slice(0, max);
  const parts = q.split(/[.[\]'"]+/).filter(Boolean);
  const prefix: Completion[] = [];
  const inside: Completion[] = [];
  const inOrder: Completion[] = [];
  for (const c of list) {
    const path = c.path.toLowerCase();
    if (path.startsWith(q)) prefix.push(c);
    else if (path.includes(q) || c.source.toLowerCase().includes(q)) inside.push(c);
    else if (partsInOrder(path, parts)) inOrder.push(c);
  }
  return [...prefix, ...inside, ...inOrder].slice(0, max);
}

function partsInOrder(path: string, parts: readonly string[]): boolean {
  let from = 0;
  for (const part of parts) {
    const at = path.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return parts.length > 0;
}

export type CaretContext = {
  /** Whether the caret is inside an open `{{` or `{%`. */
  inExpression: boolean;
  /** Inside an open `{{` that is not closed after the caret either. */
  unclosed: boolean;
  /** The path being typed just before the caret, replaced by a chosen completion. */
  query: string;
  from: number;
  to: number;
};

export function caretContext(text: string, caret: number): CaretContext {
  const before = text.slice(0, caret);
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  const close = Math.max(before.lastIndexOf('}}'), before.lastIndexOf('%}'));
  const inExpression = open >= 0 && open > close;
  const token = /[\w.[\]'"]*$/.exec(before)?.[0] ?? '';
  const after = /^\w*/.exec(text.slice(caret))?.[0] ?? '';
  const rest = text.slice(caret);
  const nextClose = rest.indexOf('}}');
  const nextOpen = rest.indexOf('{{');
  const unclosed = inExpression && before.startsWith('{{', open) && (nextClose < 0 || (nextOpen >= 0 && nextOpen < nextClose));
  return { inExpression, unclosed, query: token, from: caret - token.length, to: caret + after.length };
}

/**
 * Whether typing at `caret` opens the list by itself: inside an expression, on its first
 * path (`{{ node.`), anywhere in a statement (`{% for x in node.`), or on a path that
 * starts with `node.` or `store.`. Elsewhere it opens on demand (Ctrl+Space, `{ }`).
 */
export function opensWhileTyping(text: string, caret: number): boolean {
  const ctx = caretContext(text, caret);
  if (!ctx.inExpression) return false;
  return /\{\{-?\s*[\w.[\]'"]*$|\{%[^%]*$/.test(text.slice(0, caret)) || /^(node|store)\./.test(ctx.query);
}

/**
 * The edit that inserts `path` at the caret: it replaces the path being typed, is wrapped
 * in `{{ }}` when the caret is not inside an expression, and closes a `{{` left open.
 */
export function completionEdit(text: string, caret: number, path: string): { from: number; to: number; insert: string } {
  const ctx = caretContext(text, caret);
  const insert = !ctx.inExpression ? `{{ ${path} }}` : ctx.unclosed ? `${path} }}` : path;
  return { from: ctx.from, to: ctx.to, insert };
}

/** The text after `completionEdit`, with the caret after the inserted text. */
export function insertCompletion(text: string, caret: number, path: string): { text: string; caret: number } {
  const edit = completionEdit(text, caret, path);
  return { text: text.slice(0, edit.from) + edit.insert + text.slice(edit.to), caret: edit.from + edit.insert.length };
}
