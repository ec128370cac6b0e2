/**
 * Pure functions of the RUN view: what state each block shows for a set of node runs,
 * which branches a run took, each foreach's iterations, and which blocks an edit made
 * stale. No React, no IPC: the run store calls these and the tests check them.
 */
import type { NodeRun, NodeRunStatus } from '../../ipc';
import { LOOP_BRANCH, isForeach, nodeLinks, type SplPlaybook } from '../designer/spl/types';

/** Identifies one node run: node id, enclosing loops, iteration. */
export function nodeRunKey(n: Pick<NodeRun, 'node_id' | 'scope' | 'iteration'>): string {
  return `${n.node_id}\u0000${n.scope ?? ''}\u0000${n.iteration ?? ''}`;
}

/** The key of an edge for `taken`: source node and branch. */
export function branchKey(nodeId: string, branch: string): string {
  return `${nodeId}\u0000${branch}`;
}

// What a block shows when a node ran several times (inside a loop): the most telling state.
const PRECEDENCE: NodeRunStatus[] = ['running', 'failed', 'succeeded', 'left', 'skipped', 'pending'];

/** One state for a block from all its node runs (`pending` when it has none). */
export function aggregateState(runs: readonly NodeRun[]): NodeRunStatus {
  let best: NodeRunStatus = 'pending';
  for (const r of runs) {
    if (PRECEDENCE.indexOf(r.status) < PRECEDENCE.indexOf(best)) best = r.status;
  }
  return best;
}

/** The branches taken (`branchKey`): each finished node run's branch, and `loop` for a foreach that had items. */
export function takenBranches(runs: Iterable<NodeRun>): Set<string> {
  const taken = new Set<string>();
  for (const r of runs) {
    if (r.status === 'running' || r.status === 'pending' || r.status === 'skipped') continue;
    for (const b of r.branches) taken.add(branchKey(r.node_id, b));
    if (isRecordWithTotal(r.results) && r.results.total > 0) taken.add(branchKey(r.node_id, LOOP_BRANCH));
  }
  return taken;
}

function isRecordWithTotal(v: unknown): v is { total: number } {
  return typeof v === 'object' && v !== null && typeof (v as { total?: unknown }).total === 'number';
}

/** For each foreach, the blocks its loop branch reaches (the body, nested loops included). */
export function loopBodies(playbook: SplPlaybook): Map<string, Set<string>> {
  const bodies = new Map<string, Set<string>>();
  for (const [id, node] of Object.entries(playbook.nodes)) {
    if (!isForeach(node)) continue;
    const body = new Set<string>();
    const queue = nodeLinks(node).filter(([b]) => b === LOOP_BRANCH).map(([, t]) => t);
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (next === id || body.has(next) || !(next in playbook.nodes)) continue;
      body.add(next);
      for (const [, target] of nodeLinks(playbook.nodes[next])) queue.push(target);
    }
    bodies.set(id, body);
  }
  return bodies;
}

/**
 * A foreach's iterations, one state per item: the most telling state of the body's node
 * runs at that index (`pending` for an item not reached yet). `total` comes from the
 * foreach's own node run when it has finished, else from the highest index seen.
 */
export function iterationStates(foreach: readonly NodeRun[], body: ReadonlySet<string>, byNode: ReadonlyMap<string, readonly NodeRun[]>): NodeRunStatus[] {
  const perIndex = new Map<number, NodeRun[]>();
  let seen = 0;
  for (const id of body) {
    for (const r of byNode.get(id) ?? []) {
      if (r.iteration === null) continue;
      seen = Math.max(seen, r.iteration + 1);
      const list = perIndex.get(r.iteration) ?? [];
      list.push(r);
      perIndex.set(r.iteration, list);
    }
  }
  const own = foreach.find((r) => isRecordWithTotal(r.results));
  const total = own !== undefined && isRecordWithTotal(own.results) ? Math.max(own.results.total, seen) : seen;
  return Array.from({ length: total }, (_, i) => aggregateState(perIndex.get(i) ?? []));
}

/**
 * Blocks whose shown results may no longer match the playbook: those changed (or added)
 * since the run's snapshot, and every block downstream of them.
 */
export function staleNodes(snapshot: SplPlaybook, now: SplPlaybook): Set<string> {
  const changed: string[] = [];
  for (const [id, node] of Object.entries(now.nodes)) {
    const before = snapshot.nodes[id];
    if (before === undefined || !sameIgnoringPosition(before, node)) changed.push(id);
  }
  const stale = new Set<string>();
  while (changed.length > 0) {
    const id = changed.pop()!;
    if (stale.has(id) || !(id in now.nodes)) continue;
    stale.add(id);
    for (const [, target] of nodeLinks(now.nodes[id])) changed.push(target);
  }
  return stale;
}

function sameIgnoringPosition(a: object, b: object): boolean {
  const strip = (n: object) => JSON.stringify({ ...n, position: undefined });
  return a === b || strip(a) === strip(b);
}

/** Milliseconds between two timestamps of a node run or run (`null` when unknown). */
export function durationMs(start: string | null | undefined, end: string | null | undefined): number | null {
  if (!start || !end) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) ? Math.max(0, ms) : null;
}

/** "1.2 s", "340 ms", "2 min 5 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms % 60_000) / 1000)} s`;
}
