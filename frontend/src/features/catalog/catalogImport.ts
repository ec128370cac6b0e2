/**
 * "Import a block library folder…" as a small store, shared by the Catalogue page and the
 * designer's "Unknown block" note: the folder dialog, the import with its progress, the
 * per-module report, then the designer's catalogue re-read so unknown blocks resolve at once.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

import { chooseFolder, importCatalogFolder, toIpcError, type CatalogImportProgress, type IpcError, type ModuleImportReport } from '../../ipc';
import { catalogStore } from '../designer/stores/catalogStore';

type CatalogImportState = {
  busy: boolean;
  progress: CatalogImportProgress | null;
  /** The last import's folder and reports. */
  done: { folder: string; reports: ModuleImportReport[] } | null;
  error: IpcError | null;
  /** Imports `path`, or asks for a folder first; resolves to false when cancelled or failed. */
  importFolder(path?: string): Promise<boolean>;
  reset(): void;
};

export const catalogImportStore = createStore<CatalogImportState>()((set, get) => ({
  busy: false,
  progress: null,
  done: null,
  error: null,
  async importFolder(path) {
    if (get().busy) return false;
    const folder = path ?? (await chooseFolder('Import a block library folder (an automation-library checkout)'));
    if (folder === null) return false;
    set({ busy: true, progress: null, error: null, done: null });
    try {
      const reports = await importCatalogFolder(folder, (progress) => set({ progress }));
      set({ busy: false, done: { folder, reports } });
      // An open designer re-reads it quietly (its blocks resolve without reopening).
      await catalogStore.getState().refresh();
      return true;
    } catch (e) {
      set({ busy: false, error: toIpcError(e) });
      return false;
    }
  },
  reset() {
    set({ done: null, error: null, progress: null });
  },
}));

export function useCatalogImport<T>(select: (state: CatalogImportState) => T): T {
  return useStore(catalogImportStore, select);
}

/** "12 modules imported, 1 skipped" — the report's one-line summary. */
export function importSummary(reports: readonly ModuleImportReport[]): string {
  const imported = reports.filter((r) => r.imported).length;
  const skipped = reports.length - imported;
  const blocks = reports.reduce((n, r) => n + r.actions + r.triggers, 0);
  const parts = [`${imported} ${imported === 1 ? 'module' : 'modules'} imported (${blocks} ${blocks === 1 ? 'block' : 'blocks'})`];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  const withSkippedFiles = reports.filter((r) => r.imported && r.skipped.length > 0).length;
  if (withSkippedFiles > 0) parts.push(`${withSkippedFiles} with files skipped`);
  return parts.join(', ');
}
