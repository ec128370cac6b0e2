/**
 * The designer's edits as commands over the stores, shared by the toolbar, the keyboard
 * shortcuts, the palette and the side panel. Each command is one undo step with a
 * summary for the version history ("added Get Alert", "moved 2 blocks").
 *
 * Not here: where things go on screen (callers pass flow coordinates).
 */
import { copyNodes, parseClipboard, pasteNodes, serializeClipboard } from '../spl/clipboard';
import { addNode, connect, disconnect, moveNodes, removeNodes, type XY } from '../spl/edits';
import { layoutPositions, type Size } from '../spl/layout';
import { parseEdgeId } from '../spl/toFlow';
import type { SplPlaybook } from '../spl/types';
import { newNodeFor, type PaletteItem } from '../palette/paletteItems';
import { documentStore } from '../stores/documentStore';
import { selectionStore } from '../stores/selectionStore';

/** What was copied last, for when the system clipboard cannot be read. */
let lastCopied: string | null = null;

export function blockLabel(content: SplPlaybook, id: string): string {
  const name = content.nodes[id]?.name;
  return typeof name === 'string' && name.trim() !== '' ? name : `block ${id}`;
}

function countLabel(content: SplPlaybook, ids: readonly string[]): string {
  return ids.length === 1 ? blockLabel(content, ids[0]) : `${ids.length} blocks`;
}

/**
 * Adds the palette item's block with its top-left corner at `at`, and selects it. A drop
 * (`place: 'exact'`) keeps the spot the user chose, only nudged off a block sitting exactly
 * there; a keyboard insertion (`'free'`) moves down until it covers no block.
 */
export function insertBlock(item: PaletteItem, at: XY, place: 'exact' | 'free' = 'exact'): string {
  let created = '';
  documentStore.getState().apply((content) => {
    const spot = place === 'free' ? freeSpot(content, at) : nudge(content, at);
    const { playbook, id } = addNode(content, newNodeFor(item), spot);
    created = id;
    return playbook;
  }, `added ${item.name}`);
  selectionStore.getState().select([created]);
  return created;
}

/** The branch a new block goes on after `node`: `default` when it has one, else its first. */
export function branchAfter(node: SplPlaybook['nodes'][string]): string {
  const names = Object.keys(node.outputs ?? {});
  return names.includes('default') || names.length === 0 ? 'default' : names[0];
}

/**
 * Inserts a block below `after` and links it from `after`'s branch (one undo step): what
 * keyboard users get when a block is selected. A trigger is never linked (it has no input).
 */
export function insertAfter(item: PaletteItem, after: string, at: XY): string {
  let created = '';
  const content = documentStore.getState().content;
  const source = content.nodes[after];
  const linked = source !== undefined && item.family !== 'trigger';
  documentStore.getState().apply(
    (current) => {
      const { playbook, id } = addNode(current, newNodeFor(item), freeSpot(current, at));
      created = id;
      return linked ? connect(playbook, after, branchAfter(source), id) : playbook;
    },
    linked ? `added ${item.name} after ${blockLabel(content, after)}` : `added ${item.name}`,
  );
  selectionStore.getState().select([created]);
  return created;
}

/** `at`, moved down-right until no block sits exactly there (repeated drops fan out). */
function nudge(content: SplPlaybook, at: XY): XY {
  const taken = new Set(Object.values(content.nodes).map((n) => (n.position ? `${Math.round(n.position.x)},${Math.round(n.position.y)}` : '')));
  let point = { x: Math.round(at.x), y: Math.round(at.y) };
  for (let i = 0; i < 50 && taken.has(`${point.x},${point.y}`); i += 1) point = { x: point.x + 32, y: point.y + 32 };
  return point;
}

/** Room a block takes on the canvas, with a margin (blocks are about 250 × 90). */
const BLOCK_W = 270;
const BLOCK_H = 120;

/** `at`, moved down a row at a time until the new block would cover no other block. */
export function freeSpot(content: SplPlaybook, at: XY): XY {
  const boxes = Object.values(content.nodes).flatMap((n) => (n.position ? [n.position] : []));
  const overlaps = (p: XY) => boxes.some((b) => Math.abs(b.x - p.x) < BLOCK_W && Math.abs(b.y - p.y) < BLOCK_H);
  let point = { x: Math.round(at.x), y: Math.round(at.y) };
  for (let i = 0; i < 200 && overlaps(point); i += 1) point = { x: point.x, y: point.y + BLOCK_H };
  return point;
}

/** Where a block inserted from the keyboard goes: under the selected block, else `fallback`. */
export function insertionPoint(content: SplPlaybook, selected: ReadonlySet<string>, fallback: XY): XY {
  if (selected.size === 1) {
    const position = content.nodes[[...selected][0]]?.position;
    if (position) return { x: position.x, y: position.y + BLOCK_H + 30 };
  }
  return fallback;
}

export function link(source: string, branch: string, target: string): boolean {
  const content = documentStore.getState().content;
  return documentStore
    .getState()
    .apply((c) => connect(c, source, branch, target), `linked ${blockLabel(content, source)} → ${blockLabel(content, target)}${branch === 'default' ? '' : ` (${branch})`}`);
}

/** Deletes the selected blocks and links (one undo step). */
export function deleteSelection(): boolean {
  const { nodes, edges } = selectionStore.getState();
  if (nodes.size === 0 && edges.size === 0) return false;
  const content = documentStore.getState().content;
  const nodeIds = [...nodes].filter((id) => id in content.nodes);
  const links = [...edges].map(parseEdgeId).filter((e): e is NonNullable<typeof e> => e !== null && !nodes.has(e.source) && !nodes.has(e.target));
  const parts: string[] = [];
  if (nodeIds.length > 0) parts.push(`deleted ${countLabel(content, nodeIds)}`);
  if (links.length === 1) parts.push(`unlinked ${blockLabel(content, links[0].source)} → ${blockLabel(content, links[0].target)}`);
  else if (links.length > 1) parts.push(`removed ${links.length} links`);
  const changed = documentStore.getState().apply((c) => {
    let next = removeNodes(c, nodeIds);
    for (const l of links) next = disconnect(next, l.source, l.branch, l.target);
    return next;
  }, parts.join(', ') || 'deleted');
  selectionStore.getState().clear();
  return changed;
}

/** The selected blocks as SPL JSON, or null when none is selected. Remembered for paste. */
export function copySelection(): string | null {
  const ids = [...selectionStore.getState().nodes];
  if (ids.length === 0) return null;
  const payload = copyNodes(documentStore.getState().content, ids);
  if (Object.keys(payload.nodes).length === 0) return null;
  lastCopied = serializeClipboard(payload);
  return lastCopied;
}

export function lastCopiedText(): string | null {
  return lastCopied;
}

/** Pastes SPL JSON blocks at `at` (fresh ids) and selects them. False when the text is not blocks. */
export function pasteText(text: string, at: XY): boolean {
  const payload = parseClipboard(text);
  if (payload === null) return false;
  let ids: string[] = [];
  const count = Object.keys(payload.nodes).length;
  documentStore.getState().apply((content) => {
    const result = pasteNodes(content, payload, at);
    ids = result.ids;
    return result.playbook;
  }, count === 1 ? `pasted ${payload.nodes[Object.keys(payload.nodes)[0]].name ?? 'a block'}` : `pasted ${count} blocks`);
  selectionStore.getState().select(ids);
  return true;
}

export function commitMoves(positions: Record<string, XY>, coalesce?: string): boolean {
  const content = documentStore.getState().content;
  const ids = Object.keys(positions).filter((id) => id in content.nodes);
  if (ids.length === 0) return false;
  return documentStore.getState().apply((c) => moveNodes(c, positions), `moved ${countLabel(content, ids)}`, coalesce === undefined ? {} : { coalesce });
}

export function autoLayout(sizes: ReadonlyMap<string, Size>): boolean {
  const content = documentStore.getState().content;
  return documentStore.getState().apply((c) => moveNodes(c, layoutPositions(content, sizes)), 'auto-layout');
}

export function undo(): boolean {
  return documentStore.getState().undo();
}

export function redo(): boolean {
  return documentStore.getState().redo();
}

export function selectAll(): void {
  selectionStore.getState().select(Object.keys(documentStore.getState().content.nodes));
}
