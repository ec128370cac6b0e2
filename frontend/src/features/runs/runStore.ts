/**
 * The run shown on the canvas (RUN view): its summary, its node runs, and what the blocks
 * draw from them — one state per block, the branches taken, each foreach's iterations —
 * plus the blocks an edit made stale. Live events and stored runs go through the same
 * reducer, so a run played live and the same run opened later draw the same picture.
 *
 * Blocks subscribe to their own entry of `states`/`strips`: an entry that did not change
 * keeps its identity, so a block re-renders only when its own state changes.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import type { NodeRun, NodeRunStatus, RunDetails, RunEventView, RunStatus } from '../../ipc';
import type { SplPlaybook } from '../designer/spl/types';
import { aggregateState, iterationStates, loopBodies, nodeRunKey, staleNodes, takenBranches } from './runModel';

export type RunOrigin = 'local' | 'platform';

export type ShownRun = {
  /** `null` until the core has named the run. */
  runId: string | null;
  status: RunStatus | 'starting';
  origin: RunOrigin;
  /** Events are still arriving. */
  live: boolean;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  rerunOf: string | null;
  mock: string | null;
  playbookVersion: number | null;
  currentVersion: number | null;
  pinned: ReadonlySet<string>;
  /** What the core told along the way that is not a state (a platform playbook switched on...). */
  notices: readonly string[];
  /** The platform's name of the event that started a platform run. */
  eventName: string | null;
  /** Imported from a run bundle: shown read-only, never rerun. */
  imported: boolean;
};

export type FocusedIteration = { nodeId: string; iteration: number };

export type RunViewState = {
  shown: ShownRun | null;
  /** Node runs in the order they started (one entry per node, scope and iteration). */
  nodeRuns: readonly NodeRun[];
  byNode: ReadonlyMap<string, readonly NodeRun[]>;
  states: Readonly<Record<string, NodeRunStatus>>;
  taken: ReadonlySet<string>;
  strips: Readonly<Record<string, readonly NodeRunStatus[]>>;
  stale: ReadonlySet<string>;
  /** The playbook as it was when the run was shown or started (for `stale`). */
  snapshot: SplPlaybook | null;
  focus: FocusedIteration | null;
  /** Live: a run is starting or playing. */
  beginLive(snapshot: SplPlaybook, origin: RunOrigin): void;
  apply(events: readonly RunEventView[]): void;
  /** Replaces everything with a stored run (the authoritative picture). */
  showDetails(details: RunDetails, snapshot: SplPlaybook): void;
  fail(message: string): void;
  updateStale(now: SplPlaybook): void;
  focusIteration(focus: FocusedIteration | null): void;
  clear(): void;
};

const EMPTY_SET: ReadonlySet<string> = new Set();

const INITIAL = {
  shown: null,
  nodeRuns: [],
  byNode: new Map(),
  states: {},
  taken: EMPTY_SET,
  strips: {},
  stale: EMPTY_SET,
  snapshot: null,
  focus: null,
} satisfies Partial<RunViewState>;

/** States, branches and strips for node runs, keeping unchanged entries' identity. */
function derive(snapshot: SplPlaybook | null, nodeRuns: readonly NodeRun[], previous: Pick<RunViewState, 'states' | 'strips'>) {
  const byNode = new Map<string, NodeRun[]>();
  for (const r of nodeRuns) {
    const list = byNode.get(r.node_id);
    if (list) list.push(r);
    else byNode.set(r.node_id, [r]);
  }
  const states: Record<string, NodeRunStatus> = {};
  for (const [id, runs] of byNode) states[id] = aggregateState(runs);
  const strips: Record<string, readonly NodeRunStatus[]> = {};
  if (snapshot !== null) {
    for (const [id, body] of loopBodies(snapshot)) {
      const own = byNode.get(id);
      if (own === undefined) continue;
      const next = iterationStates(own, body, byNode);
      const old = previous.strips[id];
      strips[id] = old !== undefined && old.length === next.length && old.every((s, i) => s === next[i]) ? old : next;
    }
  }
  return { byNode, states, strips, taken: takenBranches(nodeRuns) };
}

export function createRunStore() {
  return createStore<RunViewState>()((set, get) => ({
    ...INITIAL,
    beginLive(snapshot, origin) {
      set({
        ...INITIAL,
        snapshot,
        shown: {
          runId: null,
          status: 'starting',
          origin,
          live: true,
          error: null,
          startedAt: new Date().toISOString(),
          finishedAt: null,
          rerunOf: null,
          mock: null,
          playbookVersion: null,
          currentVersion: null,
          pinned: EMPTY_SET,
          notices: [],
          eventName: null,
          imported: false,
        },
      });
    },
    apply(events) {
      const state = get();
      if (state.shown === null || events.length === 0) return;
      let shown = state.shown;
      const runs = [...state.nodeRuns];
      const index = new Map(runs.map((r, i) => [nodeRunKey(r), i]));
      for (const event of events) {
        if (event.type === 'run_started') {
          shown = { ...shown, runId: event.run_id, status: 'running' };
        } else if (event.type === 'node') {
          const key = nodeRunKey(event.node_run);
          const at = index.get(key);
          if (at === undefined) {
            index.set(key, runs.length);
            runs.push(event.node_run);
          } else runs[at] = event.node_run;
        } else if (event.type === 'notice') {
          shown = { ...shown, notices: [...shown.notices, event.message] };
        } else if (event.type === 'run_finished') {
          shown = { ...shown, runId: event.run_id, status: event.status, error: event.error, finishedAt: new Date().toISOString() };
        }
      }
      set({ shown, nodeRuns: runs, ...derive(state.snapshot, runs, state) });
    },
    showDetails(details, snapshot) {
      const state = get();
      const run = details.run;
      set({
        snapshot,
        shown: {
          runId: run.id,
          status: run.status,
          origin: run.origin,
          live: false,
          error: run.error,
          startedAt: run.started_at,
          finishedAt: run.finished_at,
          rerunOf: run.rerun_of,
          mock: run.mock,
          playbookVersion: run.playbook_version,
          currentVersion: details.current_version,
          pinned: new Set(details.pinned),
          notices: state.shown?.runId === run.id ? state.shown.notices : [],
          eventName: run.event_name,
          imported: run.imported,
        },
        nodeRuns: details.node_runs,
        stale: EMPTY_SET,
        focus: state.shown?.runId === run.id ? state.focus : null,
        ...derive(snapshot, details.node_runs, state),
      });
    },
    fail(message) {
      const shown = get().shown;
      if (shown === null) return;
      set({ shown: { ...shown, live: false, status: shown.status === 'starting' || shown.status === 'running' ? 'failed' : shown.status, error: message } });
    },
    updateStale(now) {
      const { snapshot, shown, stale } = get();
      if (snapshot === null || shown === null) return;
      const next = staleNodes(snapshot, now);
      if (next.size === stale.size && [...next].every((id) => stale.has(id))) return;
      set({ stale: next.size === 0 ? EMPTY_SET : next });
    },
    focusIteration(focus) {
      set({ focus });
    },
    clear() {
      set({ ...INITIAL });
    },
  }));
}

export const runStore = createRunStore();

export function useRun<T>(selector: (s: RunViewState) => T): T {
  return useStore(runStore, selector);
}
