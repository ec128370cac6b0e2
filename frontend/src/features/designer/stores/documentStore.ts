/**
 * The open playbook's SPL document and its undo/redo history.
 *
 * The document is immutable: every edit is a pure function (see `../spl/edits.ts`) that
 * returns a new playbook sharing untouched nodes, and the history keeps whole snapshots
 * (cheap thanks to that sharing). Consecutive edits with the same `coalesce` key (typing in
 * one field) make one undo step.
 *
 * It also counts revisions and keeps the summaries of the edits not yet saved; the
 * autosaver reads both. Not here: saving itself, selection, validation.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import type { PlaybookDocument, PlaybookSummary } from '../../../ipc';
import { readPlaybook, type SplPlaybook } from '../spl/types';

export type HistoryEntry = {
  /** The document before the edit (in `past`) or after it (in `future`). */
  content: SplPlaybook;
  summary: string;
  coalesce?: string;
  at: number;
};

export type EditOptions = {
  /** Edits with the same key, each within `COALESCE_MS` of the last, undo as one step. */
  coalesce?: string;
};

export type DocumentState = {
  playbookId: string | null;
  summary: PlaybookSummary | null;
  content: SplPlaybook;
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** Goes up with every load (a new document, or a restored version). */
  generation: number;
  /** Goes up with every change of `content` (edit, undo, redo, load). */
  revision: number;
  /** The revision the core has; `revision > savedRevision` means unsaved edits. */
  savedRevision: number;
  /** What changed since the last save, oldest first. */
  pending: string[];

  load(document: PlaybookDocument): void;
  /** Applies an edit; returns false (and records nothing) when it changed nothing. */
  apply(edit: (content: SplPlaybook) => SplPlaybook, summary: string, options?: EditOptions): boolean;
  undo(): boolean;
  redo(): boolean;
  /** The save of `revision` with the first `summaries` pending summaries succeeded. */
  markSaved(revision: number, summaries: number, summary: PlaybookSummary | null): void;
  /** Replaces the summary (after a rename, for instance) without touching the content. */
  setSummary(summary: PlaybookSummary): void;
  close(): void;
};

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1500;

const EMPTY: SplPlaybook = { nodes: {} };

export function createDocumentStore(now: () => number = Date.now) {
  return createStore<DocumentState>()((set, get) => ({
    playbookId: null,
    summary: null,
    content: EMPTY,
    past: [],
    future: [],
    generation: 0,
    revision: 0,
    savedRevision: 0,
    pending: [],

    load(document) {
      const revision = get().revision + 1;
      set({
        playbookId: document.summary.id,
        summary: document.summary,
        content: readPlaybook(document.content),
        past: [],
        future: [],
        generation: get().generation + 1,
        revision,
        savedRevision: revision,
        pending: [],
      });
    },

    apply(edit, summary, options = {}) {
      const state = get();
      const next = edit(state.content);
      if (next === state.content) return false;
      const at = now();
      const last = state.past[state.past.length - 1];
      const merge =
        options.coalesce !== undefined &&
        last !== undefined &&
        last.coalesce === options.coalesce &&
        state.future.length === 0 &&
        at - last.at < COALESCE_MS;
      const past = merge
        ? [...state.past.slice(0, -1), { ...last, at }]
        : [...state.past, { content: state.content, summary, coalesce: options.coalesce, at }].slice(-HISTORY_LIMIT);
      set({
        content: next,
        past,
        future: [],
        revision: state.revision + 1,
        pending: appendSummary(state.pending, summary),
      });
      return true;
    },

    undo() {
      const state = get();
      const entry = state.past[state.past.length - 1];
      if (entry === undefined) return false;
      set({
        content: entry.content,
        past: state.past.slice(0, -1),
        future: [...state.future, { content: state.content, summary: entry.summary, at: now() }],
        revision: state.revision + 1,
        pending: appendSummary(state.pending, `undid ${entry.summary}`),
      });
      return true;
    },

    redo() {
      const state = get();
      const entry = state.future[state.future.length - 1];
      if (entry === undefined) return false;
      set({
        content: entry.content,
        past: [...state.past, { content: state.content, summary: entry.summary, at: 0 }],
        future: state.future.slice(0, -1),
        revision: state.revision + 1,
        pending: appendSummary(state.pending, `redid ${entry.summary}`),
      });
      return true;
    },

    markSaved(revision, summaries, summary) {
      const state = get();
      set({
        savedRevision: Math.max(state.savedRevision, revision),
        pending: state.pending.slice(summaries),
        summary: summary ?? state.summary,
      });
    },

    setSummary(summary) {
      set({ summary });
    },

    close() {
      set({ playbookId: null, summary: null, content: EMPTY, past: [], future: [], pending: [], savedRevision: get().revision });
    },
  }));
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

function appendSummary(pending: string[], summary: string): string[] {
  // Typing in a field gives one summary per keystroke: keep one.
  return pending[pending.length - 1] === summary ? pending : [...pending, summary];
}

/**
 * One line for the history panel out of the pending summaries: repeated ones are counted,
 * and a long list is cut ("…and 4 more").
 */
export function composeSummary(summaries: readonly string[]): string {
  if (summaries.length === 0) return 'saved';
  const counts = new Map<string, number>();
  for (const s of summaries) counts.set(s, (counts.get(s) ?? 0) + 1);
  const parts = [...counts].map(([s, n]) => (n > 1 ? `${s} (×${n})` : s));
  const shown: string[] = [];
  let length = 0;
  for (const part of parts) {
    if (shown.length > 0 && length + part.length > 160) break;
    shown.push(part);
    length += part.length + 2;
  }
  const rest = parts.length - shown.length;
  return rest > 0 ? `${shown.join(', ')}, …and ${rest} more` : shown.join(', ');
}

export const documentStore = createDocumentStore();

export function useDocument<T>(selector: (state: DocumentState) => T): T {
  return useStore(documentStore, selector);
}
