/**
 * The block catalogue, loaded once from the core and indexed for lookups by uuid/subtype.
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
};

export function createCatalogStore(fetchCatalog: () => Promise<Catalog> = getCatalog) {
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
        set({ status: 'ready', index: buildCatalogIndex(catalog), error: null });
      } catch (e) {
        set({ status: 'error', error: toIpcError(e) });
      }
    },
    set(catalog) {
      set({ status: 'ready', index: buildCatalogIndex(catalog), error: null });
    },
  }));
}

export const catalogStore = createCatalogStore();

export function useCatalog<T>(selector: (state: CatalogState) => T): T {
  return useStore(catalogStore, selector);
}
