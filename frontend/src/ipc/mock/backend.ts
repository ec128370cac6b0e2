/**
 * A small in-memory stand-in for the Rust core, implementing the IPC contract of
 * `../index.ts` (same command names, argument names, result shapes and `{code, message}`
 * errors). Used by browser tests and demos without a desktop build; never by the app
 * (see ./install.ts for how it is switched on).
 *
 * Its siblings hold the rest: `goldenAnswers.ts` (the real core's answers for validation,
 * file import and comparison: the backend judges no playbook itself), `platform.ts` (the
 * platform connection and a pretend tenant), `files.ts` (a pretend file system and the
 * dialogs' answers, for import/export).
 */
import type { Catalog } from '../bindings/Catalog';
import type { ModuleConfiguration } from '../bindings/ModuleConfiguration';
import type { PlaybookDocument } from '../bindings/PlaybookDocument';
import type { PlaybookSummary } from '../bindings/PlaybookSummary';
import type { VersionInfo } from '../bindings/VersionInfo';
import { catalogFromFiles } from './catalogFromFiles';
import { MockFiles } from './files';
import { goldenDiagnostics, readPlaybookFile } from './goldenAnswers';
import { clone, isJson, sameJson, type Json } from './json';
import { MockError } from './mockError';
import { MockPlatform, type MockPlatformSeed } from './platform';
import { handleRuns } from './runs';
import type { Command } from '../bindings/commands';
import { COMMANDS } from '../bindings/commands';

/** What the test backend is asked: the core's commands, and the dialog plugin's two. */
export type MockCommand = Command | 'plugin:dialog|open' | 'plugin:dialog|save';

export function isMockCommand(name: string): name is MockCommand {
  return (COMMANDS as readonly string[]).includes(name) || name === 'plugin:dialog|open' || name === 'plugin:dialog|save';
}

export { MockError };

export type MockSeed = {
  /** `remote_uuid` links a playbook to a platform playbook of `platform.playbooks`, as after a push. */
  playbooks?: Array<{ id?: string; name?: string; description?: string; tags?: string[]; content?: unknown; remote_uuid?: string }>;
  catalog?: Catalog;
  /** Catalogue files in the automation-library layout (path → JSON), instead of `catalog`. */
  catalogFiles?: Record<string, unknown>;
  /** Module configurations already there (their secrets, if any, go to the mock's vault). */
  configurations?: Array<{ id?: string; module_uuid: string; name: string; values?: Record<string, unknown>; secrets?: Record<string, string> }>;
  /** The OS keychain cannot be reached: secret commands fail with `vault_unavailable`. */
  vaultUnavailable?: boolean;
  /** The platform connection and the pretend tenant behind it. */
  platform?: MockPlatformSeed;
  /** The pretend file system for import/export: path → file text. */
  files?: Record<string, string>;
  /** What the next file dialogs answer, in order (`null`: cancelled). */
  dialogAnswers?: Array<string | null>;
};

/** Shown in `calls` instead of a secret value. */
export const REDACTED = '<redacted>';

type Version = { version: number; created_at: string; summary: string; content: Json };
type Stored = { id: string; versions: Version[]; tags: string[]; remote_uuid: string | null };

export class MockBackend {
  readonly catalog: Catalog;
  private readonly playbooks = new Map<string, Stored>();
  private counter = 0;
  /** The next N saves fail (for tests of the save-failure path). */
  failNextSaves = 0;
  /** Every command received, for tests: [name, args]. */
  readonly calls: Array<[string, unknown]> = [];
  private readonly configurations = new Map<string, ModuleConfiguration>();
  /** The mock's "OS keychain": configuration id → field → secret. Never returned by any command. */
  private readonly vault = new Map<string, Map<string, string>>();
  /** While true, creating a configuration with secrets and the secret commands fail like a missing keychain. */
  vaultUnavailable: boolean;
  /** The platform side: settings, the stored key and a pretend tenant. */
  readonly platform: MockPlatform;
  /** The pretend file system and the dialogs' preset answers. */
  readonly files: MockFiles;

  constructor(seed: MockSeed = {}) {
    this.files = new MockFiles(seed.files, seed.dialogAnswers);
    this.platform = new MockPlatform(seed.platform ?? {}, {
      local: (id) => {
        const stored = this.get(id);
        return { content: { ...clone(latest(stored).content), uuid: stored.id }, remote_uuid: stored.remote_uuid };
      },
      links: () => [...this.playbooks.values()].map((p) => ({ id: p.id, remote_uuid: p.remote_uuid })),
      setRemote: (id, remoteUuid) => {
        this.get(id).remote_uuid = remoteUuid;
      },
      store: (id, content, summary, remoteUuid) => this.store(id, content, summary, remoteUuid),
      requireVault: () => this.requireVault(),
      newId: () => this.newId(),
      now: () => this.now(),
    });
    this.catalog = seed.catalog ?? (seed.catalogFiles ? catalogFromFiles(seed.catalogFiles) : { modules: [], operators: [] });
    for (const p of seed.playbooks ?? []) {
      const content = isJson(p.content) ? clone(p.content) : {};
      const id = p.id ?? (typeof content.uuid === 'string' ? content.uuid : this.newId());
      const name = p.name ?? (typeof content.name === 'string' ? content.name : 'Untitled');
      const description = p.description ?? (typeof content.description === 'string' ? content.description : '');
      const document = { ...content, name, description, nodes: isJson(content.nodes) ? content.nodes : {} };
      const tags = p.tags ?? (Array.isArray(content.tags) ? content.tags.map(String) : []);
      this.playbooks.set(id, { id, tags, remote_uuid: p.remote_uuid ?? null, versions: [{ version: 1, created_at: this.now(), summary: 'imported', content: document }] });
    }
    this.vaultUnavailable = false;
    for (const c of seed.configurations ?? []) {
      const created = this.createConfiguration({ module_uuid: c.module_uuid, name: c.name, values: c.values ?? {}, secrets: c.secrets ?? {} });
      if (c.id !== undefined) {
        this.configurations.delete(created.id);
        this.configurations.set(c.id, { ...created, id: c.id });
        const secrets = this.vault.get(created.id);
        this.vault.delete(created.id);
        if (secrets) this.vault.set(c.id, secrets);
      }
    }
    this.vaultUnavailable = seed.vaultUnavailable ?? false;
  }

  handle(command: MockCommand, args: Record<string, unknown> = {}): unknown {
    this.calls.push([command, redact(command, clone(args))]);
    switch (command) {
      case 'list_playbooks':
        return [...this.playbooks.values()].map((p) => this.summary(p)).sort((a, b) => b.updated_at.localeCompare(a.updated_at));
      case 'create_playbook': {
        const input = isJson(args.input) ? args.input : {};
        const name = String(input.name ?? '').trim();
        if (name === '') throw new MockError('invalid_input', 'name: must not be empty');
        const id = this.newId();
        const content = { uuid: id, name, description: String(input.description ?? ''), tags: [], nodes: {} };
        this.playbooks.set(id, { id, tags: [], remote_uuid: null, versions: [{ version: 1, created_at: this.now(), summary: 'created', content }] });
        return this.summary(this.get(id));
      }
      case 'get_playbook': {
        const stored = this.get(args.id);
        const doc: PlaybookDocument = { summary: this.summary(stored), content: clone(latest(stored).content) };
        return doc;
      }
      case 'save_playbook': {
        const stored = this.get(args.id);
        if (!isJson(args.content) || !isJson(args.content.nodes)) throw new MockError('invalid_playbook', 'content: expected a playbook with a nodes object');
        if (this.failNextSaves > 0) {
          this.failNextSaves -= 1;
          throw new MockError('store', 'The playbook store is not available (simulated failure)');
        }
        this.addVersion(stored, clone(args.content), typeof args.summary === 'string' ? args.summary : '');
        return this.summary(stored);
      }
      case 'validate_playbook':
        return goldenDiagnostics(isJson(args.content) ? args.content : {});
      case 'get_catalog':
        return clone(this.catalog);
      case 'list_versions': {
        const stored = this.get(args.id);
        return [...stored.versions].reverse().map(
          (v): VersionInfo => ({ version: v.version, created_at: v.created_at, summary: v.summary, node_count: nodeCount(v.content) }),
        );
      }
      case 'get_playbook_version': {
        const stored = this.get(args.id);
        const version = stored.versions.find((v) => v.version === args.version);
        if (version === undefined) throw new MockError('not_found', `playbook ${stored.id} has no version ${String(args.version)}`);
        return clone(version.content);
      }
      case 'restore_version': {
        const stored = this.get(args.id);
        const version = stored.versions.find((v) => v.version === args.version);
        if (version === undefined) throw new MockError('not_found', `playbook ${stored.id} has no version ${String(args.version)}`);
        this.addVersion(stored, clone(version.content), `restored version ${version.version}`);
        return this.summary(stored);
      }
      case 'rename_playbook': {
        const stored = this.get(args.id);
        const name = String(args.name ?? '').trim();
        if (name === '') throw new MockError('invalid_input', 'name: must not be empty');
        this.addVersion(stored, { ...clone(latest(stored).content), name }, `renamed to ${name}`);
        return this.summary(stored);
      }
      case 'duplicate_playbook': {
        const source = this.get(args.id);
        const id = this.newId();
        const content = { ...clone(latest(source).content), uuid: id, name: `${String(latest(source).content.name ?? 'Untitled')} (copy)` };
        this.playbooks.set(id, { id, tags: [...source.tags], remote_uuid: null, versions: [{ version: 1, created_at: this.now(), summary: `duplicated from ${source.id}`, content }] });
        return this.summary(this.get(id));
      }
      case 'take_startup_playbook':
        return null;
      case 'delete_playbook':
        this.get(args.id);
        this.playbooks.delete(String(args.id));
        return null;
      case 'list_module_configurations': {
        const moduleUuid = typeof args.moduleUuid === 'string' ? args.moduleUuid : null;
        return [...this.configurations.values()].filter((c) => moduleUuid === null || c.module_uuid === moduleUuid).map((c) => clone(c));
      }
      case 'create_module_configuration': {
        const input = isJson(args.input) ? args.input : {};
        return clone(
          this.createConfiguration({
            module_uuid: String(input.module_uuid ?? ''),
            name: String(input.name ?? ''),
            values: isJson(input.values) ? input.values : {},
            secrets: isJson(input.secrets) ? (input.secrets as Record<string, unknown>) : {},
          }),
        );
      }
      case 'replace_module_secret': {
        const configuration = this.configuration(args.id);
        const field = this.secretField(configuration, args.field);
        if (typeof args.secret !== 'string' || args.secret === '') throw new MockError('invalid_input', 'secret: must not be empty');
        this.requireVault();
        const secrets = this.vault.get(configuration.id) ?? new Map<string, string>();
        secrets.set(field, args.secret);
        this.vault.set(configuration.id, secrets);
        return clone(this.touch(configuration));
      }
      case 'remove_module_secret': {
        const configuration = this.configuration(args.id);
        const field = this.secretField(configuration, args.field);
        this.requireVault();
        this.vault.get(configuration.id)?.delete(field);
        return clone(this.touch(configuration));
      }
      case 'import_playbook_file': {
        const path = String(args.path ?? '');
        const content = readPlaybookFile(path, this.files.read(path));
        const id = typeof content.uuid === 'string' && content.uuid !== '' ? content.uuid : this.newId();
        const here = this.playbooks.get(id);
        if (here !== undefined) {
          const current = latest(here);
          if (sameJson({ ...content, uuid: id }, current.content)) return this.summary(here);
          const name = typeof current.content.name === 'string' ? current.content.name : id;
          if (args.whenExists === 'copy') {
            const copy = this.newId();
            return this.store(copy, { ...content, uuid: copy, name: `${String(content.name ?? name)} (copy)` }, `imported as a copy from ${path}`, null);
          }
          if (args.whenExists !== 'new_version') {
            throw new MockError('playbook_exists', `${path} is the playbook “${name}”, already here (version ${current.version}): import it as a new version of it, or as a copy`);
          }
        }
        return this.store(id, { ...content, uuid: id }, `imported from ${path}`, null);
      }
      case 'export_playbook_file': {
        const stored = this.get(args.id);
        const content = { ...clone(latest(stored).content), uuid: stored.id };
        this.files.write(args.path, `${JSON.stringify(content, null, 2)}\n`);
        return null;
      }
      default: {
        const answer = this.platform.handle(command, args) ?? this.files.handleDialog(command) ?? handleRuns(command);
        if (answer !== undefined) return clone(answer.result);
        throw new MockError('internal', `The test backend has no command ${command}`);
      }
    }
  }

  /** Presets what the next file dialog answers (`null`: the user cancels it). */
  chooseNext(path: string | null) {
    this.files.chooseNext(path);
  }

  /** A file of the pretend file system (for test assertions), or `undefined`. */
  readFile(path: string): string | undefined {
    return this.files.files.get(path);
  }

  /** The latest stored document of a playbook (for test assertions). */
  content(id: string): Json {
    return clone(latest(this.get(id)).content);
  }

  versions(id: string): Version[] {
    return clone(this.get(id).versions);
  }

  /** Whether the mock's vault holds a secret (for test assertions; the value itself never leaves). */
  hasSecret(configurationId: string, field: string): boolean {
    return this.vault.get(configurationId)?.has(field) ?? false;
  }

  private createConfiguration(input: { module_uuid: string; name: string; values: Record<string, unknown>; secrets: Record<string, unknown> }): ModuleConfiguration {
    const name = input.name.trim();
    if (name === '') throw new MockError('invalid_input', 'name: must not be empty');
    const module = this.catalog.modules.find((m) => m.uuid === input.module_uuid);
    if (module === undefined) throw new MockError('not_found', `No module ${input.module_uuid} in the catalogue`);
    const declared = secretNames(module.configuration);
    const secrets = new Map<string, string>();
    for (const [field, value] of Object.entries(input.secrets)) {
      if (!declared.includes(field)) throw new MockError('invalid_input', `secrets.${field}: not a secret field of ${module.name}`);
      if (typeof value !== 'string' || value === '') throw new MockError('invalid_input', `secrets.${field}: must be a non-empty string`);
      secrets.set(field, value);
    }
    for (const field of Object.keys(input.values)) {
      if (declared.includes(field)) throw new MockError('invalid_input', `values.${field}: a secret goes in secrets, not values`);
    }
    if (secrets.size > 0) this.requireVault();
    const at = this.now();
    const configuration: ModuleConfiguration = { id: this.newId(), module_uuid: module.uuid, name, values: clone(input.values), secret_fields: [], created_at: at, updated_at: at };
    this.configurations.set(configuration.id, configuration);
    if (secrets.size > 0) this.vault.set(configuration.id, secrets);
    configuration.secret_fields = [...secrets.keys()].sort();
    return configuration;
  }

  private configuration(id: unknown): ModuleConfiguration {
    const found = typeof id === 'string' ? this.configurations.get(id) : undefined;
    if (found === undefined) throw new MockError('not_found', `No module configuration with id ${String(id)}`);
    return found;
  }

  private secretField(configuration: ModuleConfiguration, field: unknown): string {
    const module = this.catalog.modules.find((m) => m.uuid === configuration.module_uuid);
    if (typeof field !== 'string' || !secretNames(module?.configuration).includes(field)) {
      throw new MockError('invalid_input', `field: ${String(field)} is not a secret field of this module`);
    }
    return field;
  }

  /** Adds `content` as a new version of playbook `id`, or as a new playbook with that id. */
  private store(id: string, content: Json, summary: string, remoteUuid: string | null): PlaybookSummary {
    const stored = this.playbooks.get(id);
    if (stored === undefined) {
      const tags = Array.isArray(content.tags) ? content.tags.map(String) : [];
      this.playbooks.set(id, { id, tags, remote_uuid: remoteUuid, versions: [{ version: 1, created_at: this.now(), summary, content }] });
      return this.summary(this.get(id));
    }
    this.addVersion(stored, content, summary);
    if (remoteUuid !== null) stored.remote_uuid = remoteUuid;
    return this.summary(stored);
  }

  private requireVault() {
    if (this.vaultUnavailable) {
      throw new MockError('vault_unavailable', 'The OS keychain is not reachable (simulated). Unlock or start your keyring service, then try again.');
    }
  }

  /** Refreshes a configuration's secret names and update time after a vault change. */
  private touch(configuration: ModuleConfiguration): ModuleConfiguration {
    configuration.secret_fields = [...(this.vault.get(configuration.id)?.keys() ?? [])].sort();
    configuration.updated_at = this.now();
    return configuration;
  }

  private get(id: unknown): Stored {
    const stored = typeof id === 'string' ? this.playbooks.get(id) : undefined;
    if (stored === undefined) throw new MockError('not_found', `No playbook with id ${String(id)}`);
    return stored;
  }

  private addVersion(stored: Stored, content: Json, summary: string) {
    stored.versions.push({ version: latest(stored).version + 1, created_at: this.now(), summary, content });
  }

  private summary(stored: Stored): PlaybookSummary {
    const v = latest(stored);
    return {
      id: stored.id,
      name: typeof v.content.name === 'string' ? v.content.name : 'Untitled',
      description: typeof v.content.description === 'string' ? v.content.description : '',
      tags: Array.isArray(v.content.tags) ? v.content.tags.map(String) : stored.tags,
      node_count: nodeCount(v.content),
      version: v.version,
      updated_at: v.created_at,
      remote_uuid: stored.remote_uuid,
    };
  }

  private newId(): string {
    this.counter += 1;
    return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `mock-${this.counter}`;
  }

  private now(): string {
    // Strictly increasing, so lists sort in the order things happened.
    this.counter += 1;
    return new Date(Date.now() + this.counter).toISOString();
  }
}

function secretNames(schema: unknown): string[] {
  return isJson(schema) && Array.isArray(schema.secrets) ? schema.secrets.filter((s): s is string => typeof s === 'string') : [];
}

/** The arguments as `calls` records them: secret values replaced by `REDACTED`. */
function redact(command: string, args: Record<string, unknown>): Record<string, unknown> {
  if (command === 'replace_module_secret' && 'secret' in args) return { ...args, secret: REDACTED };
  if (command === 'platform_login' && 'apiKey' in args) return { ...args, apiKey: REDACTED };
  if (command === 'create_module_configuration' && isJson(args.input) && isJson(args.input.secrets)) {
    const secrets = Object.fromEntries(Object.keys(args.input.secrets).map((k) => [k, REDACTED]));
    return { ...args, input: { ...args.input, secrets } };
  }
  return args;
}

function nodeCount(content: Json): number {
  return isJson(content.nodes) ? Object.keys(content.nodes).length : 0;
}

function latest(stored: Stored): Version {
  return stored.versions[stored.versions.length - 1];
}
