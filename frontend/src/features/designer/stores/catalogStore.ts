/**
 * The block catalogue, loaded from the core and indexed for lookups by uuid/subtype;
 * refreshed quietly when the window comes back to the front (a module imported with the
 * CLI meanwhile shows at once in the palette and on the blocks).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import { getCatalog, toIpcError, type Catalog, type IpcError } from '../../../ipc';
import { EMPTY_CATALOG, buildCatalogIndex, type CatalogIndex } from '../catalog/catalogIndex';

export type CatalogState = {
  status: 'idle' | 'loading' | 'ready' | 'error';
  index: CatalogIndex;
  error: IpcError | null;
  /** Loads the catalogue unless it is loaded or loading; `force` reloads it. */
  load(force?: boolean): Promise<void>;
  set(catalog: Catalog): void;
  /** Reads the catalogue again without a loading state; keeps the current one on failure. */
  refresh(): Promise<void>;
};

export function createCatalogStore(fetchCatalog: () => Promise<Catalog> = getCatalog) {
  let lastText = '';
  return createStore<CatalogState>()((set, get) => ({
    status: 'idle',
    index: buildCatalogIndex(EMPTY_CATALOG),
    error: null,
    async load(force = false) {
      const { status } = get();
      if (!force && (status === 'ready' || status === 'loading')) return;
      set({ status: 'loading', error: null });
      try {
        const catalog = await fetchCatalog();
        lastText = JSON.stringify(catalog);
        set({ status: 'ready', index: buildCatalogIndex(catalog), error: null });
      } catch (e) {
        set({ status: 'error', error: toIpcError(e) });
      }
    },
    set(catalog) {
      set({ status: 'ready', index: buildCatalogIndex(catalog), error: null });
    },
    async refresh() {
      if (get().status !== 'ready') return;
      try {
        const catalog = await fetchCatalog();
        const text = JSON.stringify(catalog);
        if (text !== lastText) {
          lastText = text;
          set({ index: buildCatalogIndex(catalog) });
        }
      } catch {
        // Offline store hiccup: the catalogue shown stays.
      }
    },
  }));
}

export const catalogStore = createCatalogStore();

export function useCatalog<T>(selector: (state: CatalogState) => T): T {
  return useStore(catalogStore, selector);
}
