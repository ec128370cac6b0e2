/**
 * The platform commands: the connection (base URL + API key kept in the OS vault), its
 * check, the catalogue sync, and moving playbooks between this computer and the platform.
 *
 * The API key goes to the core once, in `platformLogin`, and never comes back: every
 * result says only whether a key is stored. Failures carry the codes `platform_not_configured`,
 * `platform_unauthorized` (key refused), `platform_forbidden` (a permission is missing),
 * `platform_unreachable`, `platform_error`, `vault_unavailable` and `not_found`; a comparison
 * of a playbook that was never pushed fails with `refused`.
 */

import type { CatalogSync } from './bindings/CatalogSync';
import type { ConnectionReport } from './bindings/ConnectionReport';
import type { PermissionCheck } from './bindings/PermissionCheck';
import type { PlatformComparison } from './bindings/PlatformComparison';
import type { PlatformLogLine } from './bindings/PlatformLogLine';
import type { PlatformPlaybookStatus } from './bindings/PlatformPlaybookStatus';
import type { PlatformRegion } from './bindings/PlatformRegion';
import type { PlatformSettings } from './bindings/PlatformSettings';
import type { PlaybookSummary } from './bindings/PlaybookSummary';
import type { PushResult } from './bindings/PushResult';
import type { RemotePlaybookView } from './bindings/RemotePlaybookView';
import { call } from './call';

export type { CatalogSync, ConnectionReport, PermissionCheck, PlatformComparison, PlatformLogLine, PlatformPlaybookStatus, PlatformRegion, PlatformSettings, PushResult, RemotePlaybookView };

/** A playbook on the platform, with the local playbook it matches (`local_id`), if any. */
export type RemotePlaybook = RemotePlaybookView;

/** The stored base URL, whether a key is stored, and the regions to choose from. */
export function getPlatformSettings(): Promise<PlatformSettings> {
  return call<PlatformSettings>('get_platform_settings');
}

/** Checks the key against `baseUrl`, then stores the URL and puts the key in the OS vault. */
export function platformLogin(baseUrl: string, apiKey: string): Promise<PlatformSettings> {
  return call<PlatformSettings>('platform_login', { baseUrl, apiKey });
}

/** Removes the stored key from the vault (the base URL stays). */
export function platformLogout(): Promise<PlatformSettings> {
  return call<PlatformSettings>('platform_logout');
}

/** Whether the stored key is accepted, and which of the permissions the app needs it has. */
export function platformCheck(): Promise<ConnectionReport> {
  return call<ConnectionReport>('platform_check');
}

/** Brings the platform's modules, actions and triggers into the local catalogue. */
export function platformPullCatalog(): Promise<CatalogSync> {
  return call<CatalogSync>('platform_pull_catalog');
}

export function platformListPlaybooks(): Promise<RemotePlaybook[]> {
  return call<RemotePlaybook[]>('platform_list_playbooks');
}

/** Creates the playbook on the platform, or updates the one it was pushed to or pulled from. */
export function platformPush(id: string): Promise<PushResult> {
  return call<PushResult>('platform_push', { id });
}

/** Copies a platform playbook to this computer (a new version if it is already here). */
export function platformPull(uuid: string): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('platform_pull', { uuid });
}

/**
 * Compares a pushed playbook's current version with its platform copy: name, description
 * and the nodes by id. Fails with `refused` when it was never pushed, `not_found` when the
 * platform copy is gone.
 */
export function comparePlaybook(id: string): Promise<PlatformComparison> {
  return call<PlatformComparison>('platform_compare', { id });
}

/**
 * Switches a pushed playbook on (it runs on every event its trigger receives) or off; the
 * playbook's state after. Fails with `refused` when it was never pushed.
 */
export function platformSetActive(playbookId: string, on: boolean): Promise<PlatformPlaybookStatus> {
  return call<PlatformPlaybookStatus>('platform_set_active', { playbookId, on });
}

/** The newest log lines of a pushed playbook and of its trigger configurations, newest first. */
export function platformLogs(playbookId: string, limit = 50): Promise<PlatformLogLine[]> {
  return call<PlatformLogLine[]>('platform_logs', { playbookId, limit });
}

/** Asks the platform to rerun every failed run of a pushed playbook; how many it listed as failed. */
export function platformRerunFailed(playbookId: string): Promise<number> {
  return call<number>('platform_rerun_failed', { playbookId });
}
