/**
 * Autosave: saves the open document shortly after the last edit, one version per save,
 * with a summary of what changed. A failed save keeps the edits pending and is retried
 * (with a growing delay, or at once through `flush`); nothing is dropped.
 *
 * The status lives in a small store of its own so the header can show it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import { toIpcError, type IpcError, type PlaybookSummary } from '../../../ipc';
import { composeSummary, type DocumentStore } from './documentStore';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

export type SaveState = {
  status: SaveStatus;
  error: IpcError | null;
  lastSavedAt: number | null;
  set(partial: Partial<Pick<SaveState, 'status' | 'error' | 'lastSavedAt'>>): void;
};

export function createSaveStatusStore() {
  return createStore<SaveState>()((set) => ({
    status: 'saved',
    error: null,
    lastSavedAt: null,
    set(partial) {
      set(partial);
    },
  }));
}

export const saveStatusStore = createSaveStatusStore();

export function useSaveStatus<T>(selector: (state: SaveState) => T): T {
  return useStore(saveStatusStore, selector);
}

export type SaveFn = (id: string, content: unknown, summary: string) => Promise<PlaybookSummary>;

export type AutosaverOptions = {
  document: DocumentStore;
  status?: ReturnType<typeof createSaveStatusStore>;
  save: SaveFn;
  /** Quiet time after the last edit before saving. */
  delayMs?: number;
  /** First retry delay after a failure; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  onSaved?: (summary: PlaybookSummary) => void;
};

export type Autosaver = {
  /** Saves now if anything is unsaved; resolves once the document is saved (or the save failed). */
  flush(): Promise<boolean>;
  dispose(): void;
};

export function createAutosaver(options: AutosaverOptions): Autosaver {
  const { document, save, delayMs = 800, retryMs = 2000, maxRetryMs = 30_000, onSaved } = options;
  const status = options.status ?? saveStatusStore;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<boolean> | null = null;
  let failures = 0;
  let disposed = false;

  const dirty = () => {
    const s = document.getState();
    return s.playbookId !== null && s.revision > s.savedRevision;
  };

  const schedule = (ms: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void flush();
    }, ms);
  };

  async function saveOnce(): Promise<boolean> {
    const s = document.getState();
    if (s.playbookId === null || s.revision <= s.savedRevision) return true;
    const revision = s.revision;
    const summaries = s.pending.length;
    const playbookId = s.playbookId;
    status.getState().set({ status: 'saving' });
    try {
      const summary = await save(playbookId, s.content, composeSummary(s.pending));
      failures = 0;
      if (document.getState().playbookId === playbookId) document.getState().markSaved(revision, summaries, summary);
      status.getState().set({ status: dirty() ? 'pending' : 'saved', error: null, lastSavedAt: Date.now() });
      onSaved?.(summary);
      return true;
    } catch (e) {
      failures += 1;
      status.getState().set({ status: 'error', error: toIpcError(e) });
      return false;
    }
  }

  function flush(): Promise<boolean> {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (inFlight !== null) {
      // Save again once the running save is done, with whatever was edited meanwhile.
      return inFlight.then(() => flush());
    }
    if (!dirty()) return Promise.resolve(true);
    inFlight = saveOnce().finally(() => {
      inFlight = null;
    });
    return inFlight.then((ok) => {
      if (disposed) return ok;
      if (!ok) schedule(Math.min(maxRetryMs, retryMs * 2 ** (failures - 1)));
      else if (dirty()) schedule(delayMs);
      return ok && !dirty();
    });
  }

  const unsubscribe = document.subscribe((state, previous) => {
    if (state.revision === previous.revision || disposed) return;
    if (!dirty()) {
      if (status.getState().status !== 'error') status.getState().set({ status: 'saved' });
      return;
    }
    if (status.getState().status !== 'error') status.getState().set({ status: 'pending' });
    schedule(delayMs);
  });

  return {
    flush,
    dispose() {
      disposed = true;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    },
  };
}
