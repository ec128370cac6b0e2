/**
 * Top-to-bottom auto-layout of a playbook with dagre: triggers on top, each block below the
 * blocks that lead to it. Returns integer top-left positions for SPL.
 */
import dagre from '@dagrejs/dagre';

import { toSplPosition, type XY } from './edits';
import { nodeLinks, type SplPlaybook } from './types';

export type Size = { width: number; height: number };

/** The size of a block before the canvas has measured it. */
export const DEFAULT_NODE_SIZE: Size = { width: 248, height: 84 };

export function layoutPositions(playbook: SplPlaybook, sizes: ReadonlyMap<string, Size> = new Map()): Record<string, XY> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 52, edgesep: 20, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ids = Object.keys(playbook.nodes);
  for (const id of ids) {
    const size = sizes.get(id) ?? DEFAULT_NODE_SIZE;
    graph.setNode(id, { width: size.width, height: size.height });
  }
  for (const id of ids) {
    for (const [branch, target] of nodeLinks(playbook.nodes[id])) {
      if (target in playbook.nodes && target !== id) graph.setEdge(id, target, {}, `${branch}\u0000${target}`);
    }
  }
  dagre.layout(graph);
  const positions: Record<string, XY> = {};
  for (const id of ids) {
    const laid = graph.node(id) as { x: number; y: number; width: number; height: number } | undefined;
    if (laid === undefined) continue;
    positions[id] = toSplPosition({ x: laid.x - laid.width / 2, y: laid.y - laid.height / 2 });
  }
  return positions;
}
