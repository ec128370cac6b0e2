/**
 * Copy and paste of blocks as SPL JSON: `{"nodes": {...}}`, the same shape as a playbook,
 * so blocks copied here paste in another playbook (or another tool) and a whole playbook
 * pasted from a file works too.
 *
 * Copy keeps only the links between copied nodes. Paste gives every node a fresh id, maps
 * the links and the Jinja references between pasted nodes (`node.3.x` → `node.12.x`) to the
 * new ids, and places the group at the requested point.
 */
import { nextNodeId, toSplPosition, withNodes, type XY } from './edits';
import { splPosition } from './toFlow';
import { LOOP_BRANCH, isForeach, isRecord, type SplNode, type SplNodes, type SplPlaybook } from './types';

export type ClipboardPayload = { nodes: SplNodes };

/** The selected nodes as a payload; links leaving the selection are dropped. */
export function copyNodes(playbook: SplPlaybook, ids: Iterable<string>): ClipboardPayload {
  const chosen = new Set([...ids].filter((id) => id in playbook.nodes));
  const nodes: SplNodes = {};
  for (const id of Object.keys(playbook.nodes)) {
    if (!chosen.has(id)) continue;
    nodes[id] = keepLinksWithin(playbook.nodes[id], chosen, (t) => t);
  }
  return { nodes };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload, null, 2);
}

/**
 * Reads pasted text as blocks: `{"nodes": {...}}` (a copy, or a whole playbook). Null when
 * the text is not that, so the caller can leave the paste alone.
 */
export function parseClipboard(text: string): ClipboardPayload | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !isRecord(parsed.nodes)) return null;
  const nodes: SplNodes = {};
  for (const [id, node] of Object.entries(parsed.nodes)) {
    if (isRecord(node)) nodes[id] = node as SplNode;
  }
  return Object.keys(nodes).length > 0 ? { nodes } : null;
}

/**
 * Adds the payload's nodes under fresh ids. The group keeps its layout, its top-left corner
 * going to `at`; nodes without a position are laid out in a row from there.
 */
export function pasteNodes(playbook: SplPlaybook, payload: ClipboardPayload, at: XY): { playbook: SplPlaybook; ids: string[] } {
  const oldIds = Object.keys(payload.nodes);
  const idMap = new Map<string, string>();
  for (const oldId of oldIds) idMap.set(oldId, nextNodeId(playbook, idMap.values()));

  const positioned = oldIds.map((id) => splPosition(payload.nodes[id])).filter((p): p is XY => p !== null);
  const minX = positioned.length > 0 ? Math.min(...positioned.map((p) => p.x)) : 0;
  const minY = positioned.length > 0 ? Math.min(...positioned.map((p) => p.y)) : 0;
  // Nodes without a position go in a row under the others.
  const rowY = positioned.length > 0 ? at.y + Math.max(...positioned.map((p) => p.y)) - minY + 160 : at.y;

  const nodes: SplNodes = { ...playbook.nodes };
  let unplaced = 0;
  for (const oldId of oldIds) {
    const source = payload.nodes[oldId];
    const mapped = keepLinksWithin(source, new Set(oldIds), (t) => idMap.get(t) ?? t);
    const renamed = renameReferences(mapped, idMap);
    const own = splPosition(source);
    const point = own !== null ? { x: at.x + own.x - minX, y: at.y + own.y - minY } : { x: at.x + 280 * unplaced++, y: rowY };
    const position = isRecord(source.position) ? { ...source.position, ...toSplPosition(point) } : toSplPosition(point);
    nodes[idMap.get(oldId)!] = { ...renamed, position };
  }
  return { playbook: withNodes(playbook, nodes), ids: [...idMap.values()] };
}

function keepLinksWithin(node: SplNode, within: ReadonlySet<string>, map: (id: string) => string): SplNode {
  let next: SplNode = { ...node };
  if (isRecord(node.outputs)) {
    const outputs: Record<string, string[]> = {};
    for (const [branch, targets] of Object.entries(node.outputs)) {
      outputs[branch] = Array.isArray(targets) ? targets.filter((t) => within.has(t)).map(map) : [];
    }
    next = { ...next, outputs };
  } else {
    next = { ...next, outputs: { default: [] } };
  }
  if (isForeach(node) && Array.isArray(node.loop)) {
    next = { ...next, [LOOP_BRANCH]: node.loop.filter((t) => within.has(t)).map(map) };
  }
  return next;
}

/**
 * Rewrites Jinja references to renamed nodes in every string of the node's fields
 * (`node.3.x`, `node['3']`, `node["3"]`); other text is left as it is. `outputs`, `loop`
 * and `position` are not Jinja and are skipped.
 */
export function renameReferences(node: SplNode, idMap: ReadonlyMap<string, string>): SplNode {
  if (idMap.size === 0) return node;
  const pattern = /\bnode(?:\.(\d+)\b|\[\s*(['"])(\d+)\2\s*\])/g;
  const rewrite = (text: string): string =>
    text.replace(pattern, (whole, dotted: string | undefined, quote: string | undefined, bracketed: string | undefined) => {
      const old = dotted ?? bracketed!;
      const renamed = idMap.get(old);
      if (renamed === undefined) return whole;
      return dotted !== undefined ? `node.${renamed}` : `node[${quote}${renamed}${quote}]`;
    });
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return rewrite(value);
    if (Array.isArray(value)) return value.map(walk);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const result: SplNode = {};
  for (const [key, value] of Object.entries(node)) {
    result[key] = key === 'outputs' || key === 'loop' || key === 'position' || key === 'icon' ? value : walk(value);
  }
  return result;
}
