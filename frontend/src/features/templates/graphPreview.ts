/**
 * The geometry of a template's read-only preview: each node a box at its SPL position,
 * each link a line from the bottom of one box to the top of the next, the whole fitted in a
 * view box with a margin. Pure, so the gallery's cards and the large preview share it.
 */

export type PreviewFamily = 'trigger' | 'action' | 'operator';

export type PreviewNode = { id: string; x: number; y: number; family: PreviewFamily; label: string };
export type PreviewEdge = { from: string; to: string; branch: string };
export type PreviewGraph = { nodes: PreviewNode[]; edges: PreviewEdge[]; viewBox: { x: number; y: number; width: number; height: number } };

/** A node's box in canvas units (the designer's blocks are about this size). */
export const BOX = { width: 220, height: 64 };
const MARGIN = 40;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function family(node: Json): PreviewFamily {
  return node.type === 'trigger' || node.type === 'operator' ? node.type : 'action';
}

function label(node: Json, id: string): string {
  if (typeof node.name === 'string' && node.name.trim() !== '') return node.name;
  if (typeof node.subtype === 'string') return node.subtype;
  return `node ${id}`;
}

/** Reads nodes and links from an SPL document; what does not look like a node is left out. */
export function previewGraph(content: unknown): PreviewGraph {
  const nodesIn = isObject(content) && isObject(content.nodes) ? content.nodes : {};
  const nodes: PreviewNode[] = [];
  const edges: PreviewEdge[] = [];
  let row = 0;
  for (const [id, raw] of Object.entries(nodesIn)) {
    if (!isObject(raw)) continue;
    const position = isObject(raw.position) ? raw.position : {};
    const x = typeof position.x === 'number' ? position.x : 0;
    // Without a position, stack the nodes so that they do not all overlap.
    const y = typeof position.y === 'number' ? position.y : row * 120;
    row += 1;
    nodes.push({ id, x, y, family: family(raw), label: label(raw, id) });
    const outputs = isObject(raw.outputs) ? raw.outputs : {};
    for (const [branch, targets] of Object.entries(outputs)) {
      if (!Array.isArray(targets)) continue;
      for (const target of targets) if (typeof target === 'string' || typeof target === 'number') edges.push({ from: id, to: String(target), branch });
    }
  }
  const known = new Set(nodes.map((n) => n.id));
  const kept = edges.filter((e) => known.has(e.to));
  if (nodes.length === 0) return { nodes, edges: kept, viewBox: { x: 0, y: 0, width: BOX.width + 2 * MARGIN, height: BOX.height + 2 * MARGIN } };
  const minX = Math.min(...nodes.map((n) => n.x));
  const minY = Math.min(...nodes.map((n) => n.y));
  const maxX = Math.max(...nodes.map((n) => n.x + BOX.width));
  const maxY = Math.max(...nodes.map((n) => n.y + BOX.height));
  return {
    nodes,
    edges: kept,
    viewBox: { x: minX - MARGIN, y: minY - MARGIN, width: maxX - minX + 2 * MARGIN, height: maxY - minY + 2 * MARGIN },
  };
}
