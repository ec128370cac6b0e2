/**
 * The frontend's only door to the Rust core.
 *
 * Every Tauri command the UI uses has one typed function here, and this is the only module
 * that imports `@tauri-apps/api`: components and tests depend on these functions, never on
 * `invoke` and command names. Payload types come from `./bindings/`, generated from the Rust
 * types; do not redefine them here.
 *
 * Not here: UI state, caching, retries. Errors are normalized by the caller with
 * `toIpcError`, and the UI branches on `code`, never on `message`.
 */
import { invoke } from '@tauri-apps/api/core';

import type { CreatePlaybookInput } from './bindings/CreatePlaybookInput';
import type { ErrorPayload } from './bindings/ErrorPayload';
import type { PlaybookSummary } from './bindings/PlaybookSummary';

export type { CreatePlaybookInput, PlaybookSummary };

/** The shape every command rejects with: a stable machine `code` and a human `message`. */
export type IpcError = ErrorPayload;

/** Code used when something that is not an `IpcError` was thrown (a bug, or no backend). */
export const UNKNOWN_ERROR_CODE = 'unknown';

export function listPlaybooks(): Promise<PlaybookSummary[]> {
  return invoke<PlaybookSummary[]>('list_playbooks');
}

export function createPlaybook(input: CreatePlaybookInput): Promise<PlaybookSummary> {
  return invoke<PlaybookSummary>('create_playbook', { input });
}

/**
 * Turns anything a command (or the IPC layer itself) threw into an `IpcError`.
 *
 * Commands reject with `{ code, message }`; the IPC layer may reject with a plain string,
 * and JavaScript failures arrive as `Error`s. All of them end up with a non-empty message.
 */
export function toIpcError(e: unknown): IpcError {
  const code =
    isRecord(e) && typeof e.code === 'string' && e.code !== '' ? e.code : UNKNOWN_ERROR_CODE;
  if (isRecord(e) && typeof e.message === 'string' && e.message !== '') {
    return { code, message: e.message };
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
