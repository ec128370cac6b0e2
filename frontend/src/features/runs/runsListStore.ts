/**
 * The Runs tab's list: one playbook's runs, newest first, filtered by status and origin,
 * loaded a page at a time ("Load more"), reloaded when a run starts or ends.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import { listRuns, toIpcError, type IpcError, type RunListFilter, type RunSummary } from '../../ipc';

export const RUNS_PAGE = 100;

export type RunsListState = {
  playbookId: string | null;
  filter: RunListFilter;
  runs: readonly RunSummary[];
  total: number;
  loading: boolean;
  error: IpcError | null;
  open(playbookId: string): Promise<void>;
  setFilter(filter: RunListFilter): Promise<void>;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
};

export function createRunsListStore(list = listRuns) {
  let generation = 0;
  return createStore<RunsListState>()((set, get) => {
    async function load(offset: number) {
      const { playbookId, filter } = get();
      if (playbookId === null) return;
      const mine = ++generation;
      set({ loading: true, error: null });
      try {
        const page = await list(playbookId, filter, offset, RUNS_PAGE);
        if (mine !== generation) return;
        set({ runs: offset === 0 ? page.runs : [...get().runs, ...page.runs], total: page.total, loading: false });
      } catch (e) {
        if (mine === generation) set({ loading: false, error: toIpcError(e) });
      }
    }
    return {
      playbookId: null,
      filter: { status: null, origin: null },
      runs: [],
      total: 0,
      loading: false,
      error: null,
      async open(playbookId) {
        if (get().playbookId !== playbookId) set({ playbookId, runs: [], total: 0, filter: { status: null, origin: null } });
        await load(0);
      },
      async setFilter(filter) {
        set({ filter, runs: [], total: 0 });
        await load(0);
      },
      reload: () => load(0),
      loadMore: () => load(get().runs.length),
    };
  });
}

export const runsListStore = createRunsListStore();

export function useRunsList<T>(selector: (s: RunsListState) => T): T {
  return useStore(runsListStore, selector);
}
