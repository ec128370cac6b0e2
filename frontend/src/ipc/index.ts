/**
 * The frontend's only door to the Rust core.
 *
 * Every Tauri command the UI uses has one typed function here or in a sibling module
 * re-exported below (`./platform`, `./files`); these are the only modules that import
 * `@tauri-apps/*`: components and tests depend on these functions, never on `invoke`,
 * plugins and command names. Payload types come from `./bindings/`, generated from the Rust
 * types; do not redefine them here.
 *
 * Not here: UI state, caching, retries. Errors are normalized by the caller with
 * `toIpcError`, and the UI branches on `code`, never on `message`.
 */

import type { Block } from './bindings/Block';
import type { Catalog } from './bindings/Catalog';
import type { CreatePlaybookInput } from './bindings/CreatePlaybookInput';
import type { Diagnostic } from './bindings/Diagnostic';
import type { ErrorCode } from './bindings/ErrorCode';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { Module } from './bindings/Module';
import type { ModuleConfiguration } from './bindings/ModuleConfiguration';
import type { NewModuleConfigurationInput } from './bindings/NewModuleConfigurationInput';
import type { Operator } from './bindings/Operator';
import type { PlaybookDocument } from './bindings/PlaybookDocument';
import type { PlaybookSummary } from './bindings/PlaybookSummary';
import type { StartupOpen } from './bindings/StartupOpen';
import type { VersionInfo } from './bindings/VersionInfo';
import { call } from './call';

export * from './files';
export * from './platform';
export * from './runs';
export * from './templates';
export * from './catalog';
export * from './tests';
export * from './app';

export type {
  ErrorCode,
  StartupOpen,
  ModuleConfiguration,
  NewModuleConfigurationInput,
  Block,
  Catalog,
  CreatePlaybookInput,
  Diagnostic,
  Module,
  Operator,
  PlaybookDocument,
  PlaybookSummary,
  VersionInfo,
};

/** The shape every command rejects with: a stable machine `code` and a human `message`. */
export type IpcError = ErrorPayload;

/** Code used when something that is not an `IpcError` was thrown (a bug, or no backend). */
export const UNKNOWN_ERROR_CODE: ErrorCode = 'unknown';

/** Every code the core has (a code added to `ErrorCode` in Rust and missing here is a type error). */
const ERROR_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  invalid_playbook: true,
  not_found: true,
  refused: true,
  playbook_exists: true,
  io: true,
  store: true,
  vault_unavailable: true,
  vault: true,
  platform_not_configured: true,
  platform_unauthorized: true,
  platform_forbidden: true,
  platform_unreachable: true,
  platform_error: true,
  internal: true,
  unknown: true,
};

export function listPlaybooks(): Promise<PlaybookSummary[]> {
  return call<PlaybookSummary[]>('list_playbooks');
}

export function createPlaybook(input: CreatePlaybookInput): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('create_playbook', { input });
}

/** One playbook with its SPL document (`content`, the platform's JSON, kept as is). */
export function getPlaybook(id: string): Promise<PlaybookDocument> {
  return call<PlaybookDocument>('get_playbook', { id });
}

/**
 * Stores `content` as a new version of the playbook. `summary` says in a few words what
 * changed ("added Get Alert, moved 2 blocks"); the history panel shows it.
 */
export function savePlaybook(id: string, content: unknown, summary: string): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('save_playbook', { id, content, summary });
}

/** The core's checks on an SPL document (not necessarily saved). */
export function validatePlaybook(content: unknown): Promise<Diagnostic[]> {
  return call<Diagnostic[]>('validate_playbook', { content });
}

/** Every module (with its actions and triggers) and operator the core knows. */
export function getCatalog(): Promise<Catalog> {
  return call<Catalog>('get_catalog');
}

/** The saved versions of a playbook, newest first. */
export function listVersions(id: string): Promise<VersionInfo[]> {
  return call<VersionInfo[]>('list_versions', { id });
}

/** Makes an old version the current one (the core saves it as a new version). */
/** One saved version's SPL document (shown before a restore). */
export function getPlaybookVersion(id: string, version: number): Promise<Record<string, unknown>> {
  return call<Record<string, unknown>>('get_playbook_version', { id, version });
}

export function restoreVersion(id: string, version: number): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('restore_version', { id, version });
}

export function renamePlaybook(id: string, name: string): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('rename_playbook', { id, name });
}

/** A copy of the playbook (its current version) under a new id and name. */
export function duplicatePlaybook(id: string): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('duplicate_playbook', { id });
}

export function deletePlaybook(id: string): Promise<null> {
  return call<null>('delete_playbook', { id });
}

/** Module configurations (of one module, or all); secret values never come back, only their names. */
export function listModuleConfigurations(moduleUuid: string | null): Promise<ModuleConfiguration[]> {
  return call<ModuleConfiguration[]>('list_module_configurations', { moduleUuid });
}

/** Creates a configuration; `input.secrets` go straight to the OS vault. */
export function createModuleConfiguration(input: NewModuleConfigurationInput): Promise<ModuleConfiguration> {
  return call<ModuleConfiguration>('create_module_configuration', { input });
}

export function replaceModuleSecret(id: string, field: string, secret: string): Promise<ModuleConfiguration> {
  return call<ModuleConfiguration>('replace_module_secret', { id, field, secret });
}

export function removeModuleSecret(id: string, field: string): Promise<ModuleConfiguration> {
  return call<ModuleConfiguration>('remove_module_secret', { id, field });
}

/** The playbook file the app was started with (once), or `null`. */
export function takeStartupPlaybook(): Promise<StartupOpen | null> {
  return call<StartupOpen | null>('take_startup_playbook');
}

/**
 * Turns anything a command (or the IPC layer itself) threw into an `IpcError`.
 *
 * Commands reject with `{ code, message }`; the IPC layer may reject with a plain string,
 * and JavaScript failures arrive as `Error`s. All of them end up with a non-empty message.
 */
export function toIpcError(e: unknown): IpcError {
  const code: ErrorCode = isRecord(e) && typeof e.code === 'string' && Object.hasOwn(ERROR_CODES, e.code) ? (e.code as ErrorCode) : UNKNOWN_ERROR_CODE;
  if (isRecord(e) && typeof e.message === 'string' && e.message !== '') {
    const error: IpcError = { code, message: e.message };
    if (typeof e.details === 'string' && e.details !== '') error.details = e.details;
    if (Array.isArray(e.diagnostics) && e.diagnostics.length > 0) error.diagnostics = e.diagnostics as Diagnostic[];
    if (typeof e.path === 'string') error.path = e.path;
    return error;
  }
  if (e instanceof Error) {
    return { code, message: e.name };
  }
  if (typeof e === 'string' && e !== '') {
    return { code, message: e };
  }
  return { code, message: `Unexpected error: ${describe(e)}` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describe(value: unknown): string {
  if (value === undefined || value === '') return 'no details';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
