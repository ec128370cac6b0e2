/**
 * The core's diagnostics for the open document, and the same grouped by node for the
 * canvas badges. Refreshed (debounced) after edits by the designer page.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import type { Diagnostic } from '../../../ipc';
import type { NodeProblems } from '../spl/toFlow';

export type ValidationState = {
  status: 'idle' | 'checking' | 'done' | 'error';
  diagnostics: Diagnostic[];
  byNode: ReadonlyMap<string, NodeProblems>;
  /** The revision of the document the diagnostics are about. */
  revision: number;
  setChecking(): void;
  setDiagnostics(diagnostics: Diagnostic[], revision: number): void;
  setFailed(message: string): void;
  error: string | null;
  reset(): void;
};

/**
 * Groups messages by node id. A node whose messages did not change keeps its previous
 * object, so its canvas block does not re-render.
 */
export function groupByNode(
  diagnostics: readonly Diagnostic[],
  previous: ReadonlyMap<string, NodeProblems> = new Map(),
): Map<string, NodeProblems> {
  const grouped = new Map<string, NodeProblems>();
  for (const d of diagnostics) {
    if (d.node === null || d.node === undefined) continue;
    const entry = grouped.get(d.node) ?? { errors: [], warnings: [] };
    const text = d.field ? `${d.field}: ${d.message}` : d.message;
    (d.severity === 'error' ? entry.errors : entry.warnings).push(text);
    grouped.set(d.node, entry);
  }
  for (const [id, entry] of grouped) {
    const old = previous.get(id);
    if (old !== undefined && sameList(old.errors, entry.errors) && sameList(old.warnings, entry.warnings)) grouped.set(id, old);
  }
  return grouped;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function createValidationStore() {
  return createStore<ValidationState>()((set, get) => ({
    status: 'idle',
    diagnostics: [],
    byNode: new Map(),
    revision: -1,
    error: null,
    setChecking() {
      set({ status: 'checking' });
    },
    setDiagnostics(diagnostics, revision) {
      set({ status: 'done', diagnostics, byNode: groupByNode(diagnostics, get().byNode), revision, error: null });
    },
    setFailed(message) {
      set({ status: 'error', error: message });
    },
    reset() {
      set({ status: 'idle', diagnostics: [], byNode: new Map(), revision: -1, error: null });
    },
  }));
}

export const validationStore = createValidationStore();

export function useValidation<T>(selector: (state: ValidationState) => T): T {
  return useStore(validationStore, selector);
}
