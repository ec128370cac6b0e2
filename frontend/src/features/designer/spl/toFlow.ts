/**
 * SPL ⇄ canvas: the nodes and edges React Flow draws for a playbook, and back.
 *
 * Nodes are keyed by their SPL id. Edges come from each node's `outputs` (the handle is the
 * branch name) and a foreach's `loop` (handle `loop`). Positions come from `position`; a
 * node without one is placed by `fallback` (auto-layout) without writing it into the SPL
 * until the node is moved, so an untouched playbook maps back to the same JSON.
 */
import type { Edge, Node } from '@xyflow/react';

import type { CatalogIndex } from '../catalog/catalogIndex';
import { nodeBranches, resolveNode, type BranchInfo, type ResolvedNode } from '../catalog/resolve';
import { moveNodes, type XY } from './edits';
import { LOOP_BRANCH, isForeach, isRecord, nodeLinks, type SplNode, type SplPlaybook } from './types';

export type NodeProblems = { errors: string[]; warnings: string[] };

export type BlockNodeData = {
  nodeId: string;
  spl: SplNode;
  resolved: ResolvedNode;
  branches: BranchInfo[];
  /** The position the mapping gave the node (its SPL position, or the fallback). */
  origin: XY;
  problems: NodeProblems;
};

export type BlockFlowNode = Node<BlockNodeData, 'block'>;

export type BranchEdgeData = { branch: string; kind: BranchInfo['kind'] };

export type BranchEdge = Edge<BranchEdgeData>;

export type FlowContext = {
  index: CatalogIndex;
  problems?: ReadonlyMap<string, NodeProblems>;
  /** Where to draw nodes that have no SPL position. */
  fallback?: Readonly<Record<string, XY>>;
  /** The data of the previous mapping: reused when nothing it depends on changed. */
  previous?: ReadonlyMap<string, BlockNodeData>;
};

const NO_PROBLEMS: NodeProblems = { errors: [], warnings: [] };

/** A stable, unambiguous edge id. */
export function edgeId(source: string, branch: string, target: string): string {
  return JSON.stringify([source, branch, target]);
}

export function parseEdgeId(id: string): { source: string; branch: string; target: string } | null {
  try {
    const parsed: unknown = JSON.parse(id);
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string')) {
      return { source: parsed[0], branch: parsed[1], target: parsed[2] };
    }
  } catch {
    // not one of ours
  }
  return null;
}

export function splPosition(node: SplNode): XY | null {
  const p = node.position;
  if (isRecord(p) && typeof p.x === 'number' && typeof p.y === 'number' && Number.isFinite(p.x) && Number.isFinite(p.y)) {
    return { x: p.x, y: p.y };
  }
  return null;
}

export function splToFlow(playbook: SplPlaybook, ctx: FlowContext): { nodes: BlockFlowNode[]; edges: BranchEdge[] } {
  const nodes: BlockFlowNode[] = [];
  const edges: BranchEdge[] = [];
  const ids = Object.keys(playbook.nodes);
  const known = new Set(ids);
  const seenEdges = new Set<string>();
  ids.forEach((id, i) => {
    const spl = playbook.nodes[id];
    const position = splPosition(spl) ?? ctx.fallback?.[id] ?? { x: (i % 4) * 300, y: Math.floor(i / 4) * 180 };
    const problems = ctx.problems?.get(id) ?? NO_PROBLEMS;
    const previous = ctx.previous?.get(id);
    let data: BlockNodeData;
    if (
      previous !== undefined &&
      previous.spl === spl &&
      previous.problems === problems &&
      previous.origin.x === position.x &&
      previous.origin.y === position.y &&
      resolvedFrom.get(previous.resolved) === ctx.index
    ) {
      data = previous;
    } else {
      const resolved = resolveNode(spl, ctx.index);
      resolvedFrom.set(resolved, ctx.index);
      data = { nodeId: id, spl, resolved, branches: nodeBranches(spl, resolved), origin: position, problems };
    }
    nodes.push({ id, type: 'block', position, data, deletable: false });

    const kinds = new Map(data.branches.map((b) => [b.id, b.kind]));
    for (const [branch, target] of nodeLinks(spl)) {
      if (!known.has(target)) continue; // a dangling link: kept in the SPL, reported by validation
      const eid = edgeId(id, branch, target);
      if (seenEdges.has(eid)) continue;
      seenEdges.add(eid);
      const kind = kinds.get(branch) ?? 'extra';
      edges.push({
        id: eid,
        source: id,
        sourceHandle: branch,
        target,
        data: { branch, kind },
        className: `branch-edge branch-edge--${kind}`,
        animated: kind === 'loop',
        deletable: false,
      });
    }
  });
  return { nodes, edges };
}

/** Which catalogue index a resolution was made with (to know when it is stale). */
const resolvedFrom = new WeakMap<ResolvedNode, CatalogIndex>();

/**
 * The playbook as the canvas now shows it: moved nodes get an integer `position`, and each
 * branch lists the targets of its edges. Targets that are not on the canvas (dangling
 * links) are kept where they were; nodes and fields the canvas does not show are kept.
 * Nothing changed → the same objects come back.
 */
export function flowToSpl(playbook: SplPlaybook, nodes: readonly BlockFlowNode[], edges: readonly BranchEdge[]): SplPlaybook {
  const onCanvas = new Set(nodes.map((n) => n.id));
  const moved: Record<string, XY> = {};
  for (const node of nodes) {
    const origin = node.data.origin;
    if (node.position.x !== origin.x || node.position.y !== origin.y) moved[node.id] = node.position;
  }
  let result = moveNodes(playbook, moved);

  const byBranch = new Map<string, Map<string, string[]>>();
  for (const edge of edges) {
    const branch = edge.data?.branch ?? edge.sourceHandle ?? 'default';
    let branches = byBranch.get(edge.source);
    if (branches === undefined) byBranch.set(edge.source, (branches = new Map()));
    const list = branches.get(branch) ?? [];
    list.push(edge.target);
    branches.set(branch, list);
  }

  let changedNodes: SplPlaybook['nodes'] | null = null;
  for (const id of onCanvas) {
    const node = result.nodes[id];
    if (node === undefined) continue;
    const wanted = byBranch.get(id) ?? new Map<string, string[]>();
    const next = withLinks(node, wanted, onCanvas);
    if (next !== node) {
      changedNodes ??= { ...result.nodes };
      changedNodes[id] = next;
    }
  }
  if (changedNodes !== null) result = { ...result, nodes: changedNodes };
  return result;
}

function withLinks(node: SplNode, wanted: Map<string, string[]>, onCanvas: ReadonlySet<string>): SplNode {
  const merge = (current: unknown, targets: string[]): { list: unknown; changed: boolean } => {
    const old = Array.isArray(current) ? current : [];
    const keep = old.filter((t) => typeof t !== 'string' || !onCanvas.has(t) || targets.includes(t));
    const list = [...keep, ...targets.filter((t) => !keep.includes(t))];
    const changed = !Array.isArray(current) ? targets.length > 0 : list.length !== old.length || list.some((t, i) => t !== old[i]);
    return { list, changed };
  };
  let next = node;
  const outputs = isRecord(node.outputs) ? node.outputs : {};
  const branchNames = new Set([...Object.keys(outputs), ...wanted.keys()]);
  let nextOutputs: Record<string, unknown> | null = null;
  for (const branch of branchNames) {
    if (branch === LOOP_BRANCH && isForeach(node)) continue;
    const { list, changed } = merge(outputs[branch], wanted.get(branch) ?? []);
    if (changed) {
      nextOutputs ??= { ...outputs };
      nextOutputs[branch] = list;
    }
  }
  if (nextOutputs !== null) next = { ...next, outputs: nextOutputs as SplNode['outputs'] };
  if (isForeach(node)) {
    const { list, changed } = merge(node.loop, wanted.get(LOOP_BRANCH) ?? []);
    if (changed) next = { ...next, loop: list as string[] };
  }
  return next;
}
