/**
 * The Tests tab's state: the playbook's tests, the last result of each (by name), which are
 * running, and the edits (save a run as a test, delete one, replace one's JSON) — each
 * written to the core, then the list read again.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

import { addTestFromRun, listTests, runTests, saveTests, toIpcError, type IpcError, type TestCase, type TestResult } from '../../ipc';

type TestsState = {
  playbookId: string | null;
  tests: TestCase[];
  results: Record<string, TestResult>;
  /** The names of the tests under way. */
  running: string[];
  error: IpcError | null;
  open(playbookId: string): Promise<void>;
  run(names: string[] | null): Promise<void>;
  addFromRun(runId: string): Promise<TestCase | null>;
  remove(name: string): Promise<void>;
  replace(name: string, next: TestCase): Promise<boolean>;
};

export const testsStore = createStore<TestsState>()((set, get) => {
  const write = async (tests: TestCase[]): Promise<boolean> => {
    const id = get().playbookId;
    if (id === null) return false;
    try {
      await saveTests(id, tests);
      set({ tests, error: null });
      return true;
    } catch (e) {
      set({ error: toIpcError(e) });
      return false;
    }
  };
  return {
    playbookId: null,
    tests: [],
    results: {},
    running: [],
    error: null,
    async open(playbookId) {
      if (get().playbookId !== playbookId) set({ playbookId, tests: [], results: {}, running: [], error: null });
      try {
        const tests = await listTests(playbookId);
        if (get().playbookId === playbookId) set({ tests });
      } catch (e) {
        set({ error: toIpcError(e) });
      }
    },
    async run(names) {
      const id = get().playbookId;
      if (id === null || get().running.length > 0) return;
      set({ running: names ?? get().tests.map((t) => t.name), error: null });
      try {
        const results = await runTests(id, names);
        set({ results: { ...get().results, ...Object.fromEntries(results.map((r) => [r.name, r])) } });
      } catch (e) {
        set({ error: toIpcError(e) });
      } finally {
        set({ running: [] });
      }
    },
    async addFromRun(runId) {
      try {
        const added = await addTestFromRun(runId);
        const id = get().playbookId;
        if (id !== null) await get().open(id);
        return added;
      } catch (e) {
        set({ error: toIpcError(e) });
        return null;
      }
    },
    async remove(name) {
      const { [name]: _dropped, ...results } = get().results;
      if (await write(get().tests.filter((t) => t.name !== name))) set({ results });
    },
    async replace(name, next) {
      return write(get().tests.map((t) => (t.name === name ? next : t)));
    },
  };
});

export function useTests<T>(select: (state: TestsState) => T): T {
  return useStore(testsStore, select);
}
