/**
 * The block catalogue as the Catalogue page shows it: every module with where it came
 * from, the import of an automation-library folder (with progress), and the removal of an
 * imported module.
 */
import { Channel } from '@tauri-apps/api/core';
import { open } from '@tauri-apps/plugin-dialog';

import type { CatalogImportProgress } from './bindings/CatalogImportProgress';
import type { CatalogModuleView } from './bindings/CatalogModuleView';
import type { ModuleImportReport } from './bindings/ModuleImportReport';
import { call } from './call';

export type { CatalogImportProgress, CatalogModuleView, ModuleImportReport };

/** Every module the designer knows, by name, with its origin and blocks. */
export function listCatalogModules(): Promise<CatalogModuleView[]> {
  return call<CatalogModuleView[]>('list_catalog_modules');
}

/**
 * Imports every module of a local automation-library checkout (or one module's folder).
 * `onProgress` hears about each module as it is read; the answer has one report per module.
 */
export function importCatalogFolder(path: string, onProgress: (progress: CatalogImportProgress) => void): Promise<ModuleImportReport[]> {
  const channel = new Channel<CatalogImportProgress>();
  channel.onmessage = onProgress;
  return call<ModuleImportReport[]>('import_catalog_folder', { path, onProgress: channel });
}

/** Removes an imported (or synced) module; the built-in one under it, if any, shows again. */
export function removeCatalogModule(uuid: string): Promise<null> {
  return call<null>('remove_catalog_module', { uuid });
}

/** The OS folder dialog; `null` when cancelled. */
export async function chooseFolder(title: string): Promise<string | null> {
  const chosen = await open({ title, multiple: false, directory: true });
  return typeof chosen === 'string' ? chosen : null;
}
