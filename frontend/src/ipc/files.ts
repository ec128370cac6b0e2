/**
 * Playbook files: the OS file dialogs and the SPL JSON import/export commands.
 *
 * The dialogs only return a path the user chose (or `null` when they cancelled); reading
 * and writing the file is the core's job, so no file content crosses the IPC boundary.
 */
import { open, save } from '@tauri-apps/plugin-dialog';

import type { PlaybookSummary } from './bindings/PlaybookSummary';
import type { WhenExists } from './bindings/WhenExists';
import { call } from './call';

export type { WhenExists };

const JSON_FILTER = [{ name: 'Playbook (SPL JSON)', extensions: ['json'] }];
const BUNDLE_FILTER = [{ name: 'Run bundle (JSON)', extensions: ['json'] }];

/** The OS "open" dialog for one JSON file; `null` when cancelled. */
export async function chooseFileToOpen(): Promise<string | null> {
  const chosen = await open({ title: 'Import a playbook', multiple: false, directory: false, filters: JSON_FILTER });
  return typeof chosen === 'string' ? chosen : null;
}

/** The OS "save" dialog, proposing `defaultName`; `null` when cancelled. */
export async function chooseFileToSave(defaultName: string): Promise<string | null> {
  const chosen = await save({ title: 'Export the playbook', defaultPath: defaultName, filters: JSON_FILTER });
  return typeof chosen === 'string' ? chosen : null;
}

/** The OS "open" dialog for a run bundle; `null` when cancelled. */
export async function chooseBundleToOpen(): Promise<string | null> {
  const chosen = await open({ title: 'Import a run bundle', multiple: false, directory: false, filters: BUNDLE_FILTER });
  return typeof chosen === 'string' ? chosen : null;
}

/** The OS "save" dialog for a run bundle, proposing `defaultName`; `null` when cancelled. */
export async function chooseBundleToSave(defaultName: string): Promise<string | null> {
  const chosen = await save({ title: 'Export the run bundle', defaultPath: defaultName, filters: BUNDLE_FILTER });
  return typeof chosen === 'string' ? chosen : null;
}

/**
 * Imports an SPL JSON file as a playbook. When its playbook is already here with other
 * content it rejects with `playbook_exists` unless `whenExists` says what to do: a new
 * version of it, or a copy. A file with graph errors (a broken link, a cycle) is imported
 * and opens with its problems; one that cannot be read rejects with `invalid_playbook`, its
 * problems in `diagnostics` (node, field, line and column where known) and the file in `path`.
 */
export function importPlaybookFile(path: string, whenExists?: WhenExists): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('import_playbook_file', whenExists === undefined ? { path } : { path, whenExists });
}

/** Writes the playbook's current version to `path` as SPL JSON (atomically). */
export function exportPlaybookFile(id: string, path: string): Promise<null> {
  return call<null>('export_playbook_file', { id, path });
}
