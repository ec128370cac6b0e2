/**
 * Which blocks and links are selected on the canvas. The canvas writes it (clicks, box
 * selection) and so do the problems list, paste and undo; the side panel reads it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type SelectionState = {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
  select(nodes: Iterable<string>, edges?: Iterable<string>): void;
  setNodeSelected(id: string, selected: boolean): void;
  setEdgeSelected(id: string, selected: boolean): void;
  /** Forgets ids that are no longer in the document (after an undo or a delete). */
  retain(nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): void;
  clear(): void;
};

const NONE: ReadonlySet<string> = new Set();

export function createSelectionStore() {
  return createStore<SelectionState>()((set, get) => ({
    nodes: NONE,
    edges: NONE,
    select(nodes, edges = []) {
      set({ nodes: new Set(nodes), edges: new Set(edges) });
    },
    setNodeSelected(id, selected) {
      const current = get().nodes;
      if (current.has(id) === selected) return;
      const next = new Set(current);
      if (selected) next.add(id);
      else next.delete(id);
      set({ nodes: next });
    },
    setEdgeSelected(id, selected) {
      const current = get().edges;
      if (current.has(id) === selected) return;
      const next = new Set(current);
      if (selected) next.add(id);
      else next.delete(id);
      set({ edges: next });
    },
    retain(nodeIds, edgeIds) {
      const { nodes, edges } = get();
      const keptNodes = [...nodes].filter((id) => nodeIds.has(id));
      const keptEdges = [...edges].filter((id) => edgeIds.has(id));
      if (keptNodes.length !== nodes.size || keptEdges.length !== edges.size) {
        set({ nodes: new Set(keptNodes), edges: new Set(keptEdges) });
      }
    },
    clear() {
      if (get().nodes.size > 0 || get().edges.size > 0) set({ nodes: NONE, edges: NONE });
    },
  }));
}

export const selectionStore = createSelectionStore();

export function useSelection<T>(selector: (state: SelectionState) => T): T {
  return useStore(selectionStore, selector);
}
