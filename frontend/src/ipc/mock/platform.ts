/**
 * The platform side of the in-memory backend: the connection settings, a pretend
 * Sekoia.io tenant (the keys it accepts with the permissions each grants, its playbooks)
 * and the commands that talk to it. The seed decides everything, so browser tests can
 * play a key lacking permissions, a refused key or an unreachable platform.
 *
 * The API key sits in the backend's pretend vault; no command returns it.
 */
import type { CatalogSync } from '../bindings/CatalogSync';
import type { ConnectionReport } from '../bindings/ConnectionReport';
import type { PermissionCheck } from '../bindings/PermissionCheck';
import type { PlatformComparison } from '../bindings/PlatformComparison';
import type { PlatformLogLine } from '../bindings/PlatformLogLine';
import type { PlatformPlaybookStatus } from '../bindings/PlatformPlaybookStatus';
import type { PlatformRegion } from '../bindings/PlatformRegion';
import type { PlatformSettings } from '../bindings/PlatformSettings';
import type { PlaybookSummary } from '../bindings/PlaybookSummary';
import type { PushResult } from '../bindings/PushResult';
import type { MockCommand } from './backend';
import type { RemotePlaybookView as RemotePlaybook } from '../bindings/RemotePlaybookView';
import { clone, isJson, type Json } from './json';
import { goldenComparison } from './goldenAnswers';
import { MockError } from './mockError';

export type MockPlatformSeed = {
  /** A base URL already stored, as after a login. */
  baseUrl?: string;
  /** A key already in the vault, as after a login. */
  apiKey?: string;
  /**
   * The keys the platform accepts, each with the ids of the permissions it grants
   * (see `PLATFORM_PERMISSIONS`). Without it, any non-empty key is accepted with them all.
   */
  keys?: Record<string, string[]>;
  playbooks?: Array<{ uuid: string; name: string; description?: string; updated_at?: string; content?: unknown; active?: boolean; status_message?: string }>;
  /** Every call to the platform fails with `platform_unreachable`. */
  unreachable?: boolean;
  /** What a catalogue sync brings (default: 3 modules, 12 actions, 4 triggers). */
  catalog?: CatalogSync;
};

export const PLATFORM_REGIONS: PlatformRegion[] = [
  { id: 'fra1', label: 'Europe (FRA1)', base_url: 'https://api.sekoia.io' },
  { id: 'fra2', label: 'Europe (FRA2)', base_url: 'https://app.fra2.sekoia.io/api' },
  { id: 'mco1', label: 'Europe (MCO1)', base_url: 'https://app.mco1.sekoia.io/api' },
  { id: 'uae1', label: 'UAE (UAE1)', base_url: 'https://app.uae1.sekoia.io/api' },
  { id: 'usa1', label: 'USA (USA1)', base_url: 'https://app.usa1.sekoia.io/api' },
];

/** The permissions the mock checks, with what each is needed for. */
export const PLATFORM_PERMISSIONS = [
  { id: 'view_playbooks', label: 'View playbooks', use: 'list and pull playbooks' },
  { id: 'manage_playbooks', label: 'Manage playbooks', use: 'push playbooks' },
  { id: 'view_runs', label: 'View playbook runs', use: 'follow runs on the platform' },
  { id: 'rerun', label: 'Re-run playbooks', use: 'rerun on the platform' },
  { id: 'execute_actions', label: 'Execute actions', use: 'run single actions' },
  { id: 'view_integrations', label: 'View integrations (modules, actions, triggers)', use: 'sync the catalogue' },
] as const;

type PermissionId = (typeof PLATFORM_PERMISSIONS)[number]['id'];

/** What the platform side needs from the backend's local store and vault. */
export type LocalSide = {
  /** The latest document and platform uuid of a local playbook (throws `not_found`). */
  local(id: string): { content: Json; remote_uuid: string | null };
  /** Every local playbook's id and platform uuid. */
  links(): Array<{ id: string; remote_uuid: string | null }>;
  setRemote(id: string, remoteUuid: string): void;
  /** Stores a document (new playbook, or a new version of `id`'s) and returns its summary. */
  store(id: string, content: Json, summary: string, remoteUuid: string | null): PlaybookSummary;
  /** Throws `vault_unavailable` when the pretend keychain is off. */
  requireVault(): void;
  newId(): string;
  now(): string;
};

/**
 * A change made on the platform behind this computer's back (for tests): a new name or
 * description, and nodes to add or replace (a node object) or delete (`null`).
 */
export type RemoteEdit = { name?: string; description?: string; nodes?: Record<string, unknown> };

type Remote = { uuid: string; name: string; description: string; updated_at: string | null; content: Json; active: boolean; status_message: string | null };

function statusOf(r: Remote): PlatformPlaybookStatus {
  return { uuid: r.uuid, name: r.name, active: r.active, status: r.active ? 'enabled' : 'disabled', status_message: r.status_message, status_tags: [] };
}

export class MockPlatform {
  private baseUrl: string | null;
  private apiKey: string | null;
  private readonly keys: Record<string, string[]> | null;
  private readonly remote = new Map<string, Remote>();
  private readonly logs: PlatformLogLine[] = [];
  unreachable: boolean;
  private readonly catalog: CatalogSync;
  private readonly side: LocalSide;

  constructor(seed: MockPlatformSeed, side: LocalSide) {
    this.side = side;
    this.baseUrl = seed.baseUrl ?? null;
    this.apiKey = seed.apiKey ?? null;
    this.keys = seed.keys ?? null;
    this.unreachable = seed.unreachable ?? false;
    this.catalog = seed.catalog ?? { modules: 3, actions: 12, triggers: 4 };
    for (const p of seed.playbooks ?? []) {
      const content = isJson(p.content) ? clone(p.content) : { nodes: {} };
      this.remote.set(p.uuid, {
        uuid: p.uuid,
        name: p.name,
        description: p.description ?? '',
        updated_at: p.updated_at ?? null,
        content: { ...content, name: p.name, description: p.description ?? '' },
        active: p.active ?? false,
        status_message: p.status_message ?? null,
      });
    }
  }

  /** Handles a platform command, or returns `undefined` when `command` is not one. */
  handle(command: MockCommand, args: Record<string, unknown>): { result: unknown } | undefined {
    switch (command) {
      case 'get_platform_settings':
        return { result: this.settings() };
      case 'platform_login':
        return { result: this.login(args.baseUrl, args.apiKey) };
      case 'platform_logout':
        this.side.requireVault();
        this.apiKey = null;
        return { result: this.settings() };
      case 'platform_check':
        return { result: this.check() };
      case 'platform_pull_catalog':
        this.connect('view_integrations');
        return { result: { ...this.catalog } };
      case 'platform_list_playbooks':
        return { result: this.list() };
      case 'platform_push':
        return { result: this.push(String(args.id)) };
      case 'platform_pull':
        return { result: this.pull(args.uuid) };
      case 'platform_compare':
        return { result: this.compare(String(args.id)) };
      case 'platform_set_active':
        return { result: this.setActive(String(args.playbookId), args.on === true) };
      case 'platform_logs':
        this.connect('view_playbooks');
        this.remoteOf(String(args.playbookId));
        return { result: [...this.logs].reverse() };
      case 'platform_rerun_failed':
        this.connect('rerun');
        this.remoteOf(String(args.playbookId));
        return { result: 0 };
      default:
        return undefined;
    }
  }

  /** Whether a key is stored (for test assertions; the key itself never leaves). */
  hasApiKey(): boolean {
    return this.apiKey !== null;
  }

  /** A platform playbook's document (for test assertions). */
  remoteContent(uuid: string): Json | undefined {
    const found = this.remote.get(uuid);
    return found ? clone(found.content) : undefined;
  }

  /** Edits a platform playbook as someone on the platform would (for tests). */
  editRemote(uuid: string, edit: RemoteEdit): void {
    const found = this.remote.get(uuid);
    if (found === undefined) throw new MockError('not_found', `No playbook ${uuid} on the platform`);
    if (edit.name !== undefined) found.name = found.content.name = edit.name;
    if (edit.description !== undefined) found.description = found.content.description = edit.description;
    if (edit.nodes !== undefined) {
      const nodes = isJson(found.content.nodes) ? found.content.nodes : {};
      for (const [id, node] of Object.entries(edit.nodes)) {
        if (node === null) delete nodes[id];
        else nodes[id] = clone(node);
      }
      found.content.nodes = nodes;
    }
    found.updated_at = this.side.now();
  }

  /** Deletes a platform playbook, as someone on the platform would (for tests). */
  removeRemote(uuid: string): void {
    this.remote.delete(uuid);
  }

  private settings(): PlatformSettings {
    return { base_url: this.baseUrl, has_api_key: this.apiKey !== null, regions: clone(PLATFORM_REGIONS) };
  }

  private login(baseUrl: unknown, apiKey: unknown): PlatformSettings {
    const url = typeof baseUrl === 'string' ? baseUrl.trim().replace(/\/+$/, '') : '';
    if (!/^https?:\/\/[^\s/]+/.test(url)) throw new MockError('invalid_input', `baseUrl: ${String(baseUrl)} is not an http(s) URL`);
    if (typeof apiKey !== 'string' || apiKey.trim() === '') throw new MockError('invalid_input', 'apiKey: must not be empty');
    if (this.unreachable) throw unreachable(url);
    if (this.granted(apiKey) === null) throw new MockError('platform_unauthorized', `${url} refused the API key (401): check that it was copied whole and is not revoked.`);
    this.side.requireVault();
    this.baseUrl = url;
    this.apiKey = apiKey;
    return this.settings();
  }

  private check(): ConnectionReport {
    const { url, granted } = this.reach();
    if (granted === null) return { base_url: url, authenticated: false, permissions: [], missing: [] };
    const permissions: PermissionCheck[] = PLATFORM_PERMISSIONS.map((p) => ({
      id: p.id,
      label: p.label,
      granted: granted.includes(p.id),
      detail: granted.includes(p.id) ? null : `needed to ${p.use}`,
    }));
    return { base_url: url, authenticated: true, permissions, missing: permissions.filter((p) => !p.granted).map((p) => p.label) };
  }

  private list(): RemotePlaybook[] {
    this.connect('view_playbooks');
    const links = this.side.links();
    return [...this.remote.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((r) => ({
        uuid: r.uuid,
        name: r.name,
        description: r.description,
        updated_at: r.updated_at,
        local_id: links.find((l) => l.remote_uuid === r.uuid)?.id ?? null,
        status: statusOf(r),
      }));
  }

  /** Switches a pushed playbook (by local id) on or off, as the core does. */
  private setActive(playbookId: string, on: boolean): PlatformPlaybookStatus {
    this.connect('manage_playbooks');
    const found = this.remoteOf(playbookId);
    found.active = on;
    if (on) found.status_message = null;
    this.logs.push({ source: 'playbook', level: 'info', message: `playbook ${on ? 'activated' : 'deactivated'}`, date: this.side.now() });
    return statusOf(found);
  }

  private remoteOf(playbookId: string): Remote {
    const uuid = this.side.links().find((l) => l.id === playbookId)?.remote_uuid ?? playbookId;
    const found = this.remote.get(uuid);
    if (found === undefined) throw new MockError('refused', `playbook ${playbookId} is not on the platform yet: push it first`);
    return found;
  }

  private push(id: string): PushResult {
    const local = this.side.local(id);
    this.connect('manage_playbooks');
    const existing = local.remote_uuid !== null ? this.remote.get(local.remote_uuid) : undefined;
    const uuid = existing?.uuid ?? this.side.newId();
    const content = clone(local.content);
    this.remote.set(uuid, {
      uuid,
      name: typeof content.name === 'string' ? content.name : 'Untitled',
      description: typeof content.description === 'string' ? content.description : '',
      updated_at: this.side.now(),
      content,
      active: existing?.active ?? false,
      status_message: existing?.status_message ?? null,
    });
    this.side.setRemote(id, uuid);
    return { remote_uuid: uuid, created: existing === undefined };
  }

  private pull(uuid: unknown): PlaybookSummary {
    this.connect('view_playbooks');
    const found = typeof uuid === 'string' ? this.remote.get(uuid) : undefined;
    if (found === undefined) throw new MockError('not_found', `No playbook ${String(uuid)} on the platform`);
    const linked = this.side.links().find((l) => l.remote_uuid === found.uuid);
    const id = linked?.id ?? (typeof found.content.uuid === 'string' ? found.content.uuid : found.uuid);
    return this.side.store(id, { ...clone(found.content), uuid: id }, 'pulled from the platform', found.uuid);
  }

  /** The local playbook's current version against its platform copy: the core's answer (./goldenAnswers.ts). */
  private compare(id: string): PlatformComparison {
    const local = this.side.local(id);
    if (local.remote_uuid === null) throw new MockError('refused', `playbook ${id} was never pushed to the platform`);
    this.connect('view_playbooks');
    const remote = this.remote.get(local.remote_uuid);
    if (remote === undefined) throw new MockError('not_found', `not found on the platform: GET /playbooks/${local.remote_uuid} (404)`);
    return { ...goldenComparison(local.content, remote.content), local_id: id, remote_uuid: remote.uuid };
  }

  /** The stored URL and the permissions of the stored key (`null`: the key is refused). */
  private reach(): { url: string; granted: string[] | null } {
    if (this.baseUrl === null || this.apiKey === null) {
      throw new MockError('platform_not_configured', 'No platform connection: choose a region and store an API key in the Platform settings.');
    }
    if (this.unreachable) throw unreachable(this.baseUrl);
    return { url: this.baseUrl, granted: this.granted(this.apiKey) };
  }

  /** Like `reach`, for a call that needs `permission`: fails as the platform would. */
  private connect(permission: PermissionId) {
    const { url, granted } = this.reach();
    if (granted === null) throw new MockError('platform_unauthorized', `${url} refused the stored API key (401).`);
    if (!granted.includes(permission)) {
      const label = PLATFORM_PERMISSIONS.find((p) => p.id === permission)?.label ?? permission;
      throw new MockError('platform_forbidden', `The API key lacks the permission “${label}” (403).`);
    }
  }

  private granted(key: string): string[] | null {
    if (this.keys === null) return key.trim() === '' ? null : PLATFORM_PERMISSIONS.map((p) => p.id);
    return this.keys[key] ?? null;
  }
}

function unreachable(url: string): MockError {
  return new MockError('platform_unreachable', `${url} could not be reached (simulated: connection refused).`);
}
