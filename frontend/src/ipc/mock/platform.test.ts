import { describe, expect, it } from 'vitest';

import type { ConnectionReport } from '../bindings/ConnectionReport';
import type { PlatformComparison } from '../bindings/PlatformComparison';
import type { PlatformSettings } from '../bindings/PlatformSettings';
import type { PlaybookSummary } from '../bindings/PlaybookSummary';
import type { RemotePlaybookView as RemotePlaybook } from '../bindings/RemotePlaybookView';
import { MockBackend, type MockCommand } from './backend';
import edits from '../../../e2e/fixtures/compare-edits.json';
import triage from '../../../e2e/fixtures/triage-small.json';

const KEY = 'sk-platform-7d1e-do-not-leak';
const FRA2 = 'https://app.fra2.sekoia.io/api';

const fails = (backend: MockBackend, command: MockCommand, args: Record<string, unknown>, code: string) =>
  expect(() => backend.handle(command, args)).toThrow(expect.objectContaining({ code }));

describe('the platform connection in the in-memory backend', () => {
  it('starts unconfigured, with the five regions', () => {
    const backend = new MockBackend();
    const settings = backend.handle('get_platform_settings') as PlatformSettings;
    expect(settings.base_url).toBeNull();
    expect(settings.has_api_key).toBe(false);
    expect(settings.regions.map((r) => r.id)).toEqual(['fra1', 'fra2', 'mco1', 'uae1', 'usa1']);
    expect(settings.regions[0]).toEqual({ id: 'fra1', label: 'Europe (FRA1)', base_url: 'https://api.sekoia.io' });
    for (const command of ['platform_check', 'platform_pull_catalog', 'platform_list_playbooks'] as const) fails(backend, command, {}, 'platform_not_configured');
  });

  it('logs in, keeps the key out of every result and of the call log, and logs out', () => {
    const backend = new MockBackend();
    const settings = backend.handle('platform_login', { baseUrl: `${FRA2}/`, apiKey: KEY }) as PlatformSettings;
    expect([settings.base_url, settings.has_api_key]).toEqual([FRA2, true]);
    expect(backend.platform.hasApiKey()).toBe(true);
    const report = backend.handle('platform_check') as ConnectionReport;
    expect(report.authenticated).toBe(true);
    expect(report.missing).toEqual([]);
    expect(report.permissions.every((p) => p.granted)).toBe(true);
    expect(JSON.stringify([settings, report, backend.calls])).not.toContain(KEY);

    const out = backend.handle('platform_logout') as PlatformSettings;
    expect([out.base_url, out.has_api_key]).toEqual([FRA2, false]);
    fails(backend, 'platform_check', {}, 'platform_not_configured');
  });

  it('refuses a bad key, a bad URL, an unreachable platform and a missing keychain', () => {
    const backend = new MockBackend({ platform: { keys: { [KEY]: ['view_playbooks'] } } });
    fails(backend, 'platform_login', { baseUrl: FRA2, apiKey: 'sk-wrong' }, 'platform_unauthorized');
    fails(backend, 'platform_login', { baseUrl: 'not a url', apiKey: KEY }, 'invalid_input');
    fails(backend, 'platform_login', { baseUrl: FRA2, apiKey: ' ' }, 'invalid_input');
    backend.vaultUnavailable = true;
    fails(backend, 'platform_login', { baseUrl: FRA2, apiKey: KEY }, 'vault_unavailable');
    backend.vaultUnavailable = false;
    backend.platform.unreachable = true;
    fails(backend, 'platform_login', { baseUrl: FRA2, apiKey: KEY }, 'platform_unreachable');
    expect((backend.handle('get_platform_settings') as PlatformSettings).has_api_key).toBe(false);
  });

  it('reports the permissions the seeded key lacks, and refuses what needs them', () => {
    const backend = new MockBackend({ platform: { baseUrl: FRA2, apiKey: KEY, keys: { [KEY]: ['view_playbooks', 'view_runs'] } } });
    const report = backend.handle('platform_check') as ConnectionReport;
    expect(report.permissions.filter((p) => p.granted).map((p) => p.id)).toEqual(['view_playbooks', 'view_runs']);
    expect(report.missing).toEqual(['Manage playbooks', 'Re-run playbooks', 'Execute actions', 'View integrations (modules, actions, triggers)']);
    expect(report.permissions.find((p) => p.id === 'manage_playbooks')?.detail).toBe('needed to push playbooks');
    fails(backend, 'platform_pull_catalog', {}, 'platform_forbidden');
    expect(backend.handle('platform_list_playbooks')).toEqual([]);
  });

  it('says a revoked key is not authenticated', () => {
    const backend = new MockBackend({ platform: { baseUrl: FRA2, apiKey: 'sk-revoked', keys: {} } });
    expect(backend.handle('platform_check')).toEqual({ base_url: FRA2, authenticated: false, permissions: [], missing: [] });
    fails(backend, 'platform_list_playbooks', {}, 'platform_unauthorized');
  });

  it('syncs the catalogue counts from the seed', () => {
    const backend = new MockBackend({ platform: { baseUrl: FRA2, apiKey: KEY, catalog: { modules: 7, actions: 30, triggers: 5 } } });
    expect(backend.handle('platform_pull_catalog')).toEqual({ modules: 7, actions: 30, triggers: 5 });
  });
});

describe('playbooks between this computer and the platform', () => {
  const seed = () => ({
    playbooks: [{ id: 'pb-local', name: 'Local', content: { nodes: {} } }],
    platform: {
      baseUrl: FRA2,
      apiKey: KEY,
      playbooks: [{ uuid: 'rm-1', name: 'Remote triage', description: 'on the tenant', updated_at: '2025-03-01T10:00:00Z', content: { nodes: { '0': { type: 'trigger', outputs: { default: [] } } } } }],
    },
  });

  it('pulls a platform playbook, then a second pull adds a version to the same one', () => {
    const backend = new MockBackend(seed());
    const [remote] = backend.handle('platform_list_playbooks') as RemotePlaybook[];
    expect(remote).toEqual({
      uuid: 'rm-1',
      name: 'Remote triage',
      description: 'on the tenant',
      updated_at: '2025-03-01T10:00:00Z',
      local_id: null,
      status: { uuid: 'rm-1', name: 'Remote triage', active: false, status: 'disabled', status_message: null, status_tags: [] },
    });
    const pulled = backend.handle('platform_pull', { uuid: 'rm-1' }) as PlaybookSummary;
    expect([pulled.name, pulled.node_count, pulled.version, pulled.remote_uuid]).toEqual(['Remote triage', 1, 1, 'rm-1']);
    expect((backend.handle('platform_list_playbooks') as RemotePlaybook[])[0].local_id).toBe(pulled.id);
    const again = backend.handle('platform_pull', { uuid: 'rm-1' }) as PlaybookSummary;
    expect([again.id, again.version]).toEqual([pulled.id, 2]);
    expect(backend.handle('list_playbooks')).toHaveLength(2);
    fails(backend, 'platform_pull', { uuid: 'nope' }, 'not_found');
  });

  it('switches a platform playbook on and off, and logs it', () => {
    const backend = new MockBackend(seed());
    const on = backend.handle('platform_set_active', { playbookId: 'rm-1', on: true }) as { active: boolean; status: string };
    expect([on.active, on.status]).toEqual([true, 'enabled']);
    expect((backend.handle('platform_list_playbooks') as RemotePlaybook[])[0].status.active).toBe(true);
    backend.handle('platform_set_active', { playbookId: 'rm-1', on: false });
    const logs = backend.handle('platform_logs', { playbookId: 'rm-1', limit: 20 }) as Array<{ message: string }>;
    expect(logs.map((l) => l.message)).toEqual(['playbook deactivated', 'playbook activated']);
    fails(backend, 'platform_set_active', { playbookId: 'pb-local', on: true }, 'refused');
  });

  it('pushes a local playbook: created first, updated after', () => {
    const backend = new MockBackend(seed());
    const first = backend.handle('platform_push', { id: 'pb-local' }) as { remote_uuid: string; created: boolean };
    expect(first.created).toBe(true);
    const summary = (backend.handle('list_playbooks') as PlaybookSummary[]).find((p) => p.id === 'pb-local');
    expect(summary?.remote_uuid).toBe(first.remote_uuid);
    expect(backend.platform.remoteContent(first.remote_uuid)?.name).toBe('Local');
    const second = backend.handle('platform_push', { id: 'pb-local' }) as { remote_uuid: string; created: boolean };
    expect(second).toEqual({ remote_uuid: first.remote_uuid, created: false });
    const listed = backend.handle('platform_list_playbooks') as RemotePlaybook[];
    expect(listed.find((r) => r.uuid === first.remote_uuid)?.local_id).toBe('pb-local');
    fails(backend, 'platform_push', { id: 'missing' }, 'not_found');
  });

  it('refuses a push when the key cannot manage playbooks', () => {
    const backend = new MockBackend({ ...seed(), platform: { ...seed().platform, keys: { [KEY]: ['view_playbooks'] } } });
    fails(backend, 'platform_push', { id: 'pb-local' }, 'platform_forbidden');
    expect((backend.handle('list_playbooks') as PlaybookSummary[])[0].remote_uuid).toBeNull();
  });
});

describe('comparing a playbook with its platform copy (the core’s answers, replayed)', () => {
  const seed = () => ({
    playbooks: [{ id: 'pb-local', name: triage.name, description: triage.description, content: triage }],
    platform: { baseUrl: FRA2, apiKey: KEY },
  });
  const compare = (backend: MockBackend, id = 'pb-local') => backend.handle('platform_compare', { id }) as PlatformComparison;
  const pushed = () => {
    const backend = new MockBackend(seed());
    const { remote_uuid } = backend.handle('platform_push', { id: 'pb-local' }) as { remote_uuid: string };
    return { backend, uuid: remote_uuid };
  };

  it('refuses a playbook that was never pushed, and an unknown id', () => {
    const backend = new MockBackend(seed());
    fails(backend, 'platform_compare', { id: 'pb-local' }, 'refused');
    fails(backend, 'platform_compare', { id: 'missing' }, 'not_found');
  });

  it('finds a freshly pushed playbook the same as its platform copy', () => {
    const { backend, uuid } = pushed();
    expect(compare(backend)).toEqual({ local_id: 'pb-local', remote_uuid: uuid, same: true, name_differs: false, description_differs: false, only_local: [], only_remote: [], changed: [] });
  });

  it('gives the core’s comparison after an edit on the platform, and the same again after a pull', () => {
    const { backend, uuid } = pushed();
    backend.platform.editRemote(uuid, edits['get-alert-changed-and-block-added']);
    expect(compare(backend)).toMatchObject({ local_id: 'pb-local', remote_uuid: uuid, same: false, only_local: [], only_remote: ['5'], changed: ['1'] });
    backend.handle('platform_pull', { uuid });
    expect(compare(backend).same).toBe(true);
    const other = pushed();
    other.backend.platform.editRemote(other.uuid, edits['renamed-and-trigger-removed']);
    expect(compare(other.backend)).toMatchObject({ same: false, name_differs: true, only_local: ['0'] });
  });

  it('has no comparison of its own for documents the generator never saw', () => {
    const { backend, uuid } = pushed();
    backend.platform.editRemote(uuid, { description: 'an edit no fixture makes' });
    expect(() => compare(backend)).toThrow(expect.objectContaining({ code: 'internal' }));
  });

  it('says not_found when the platform copy is gone; a push creates it again', () => {
    const { backend, uuid } = pushed();
    backend.platform.removeRemote(uuid);
    fails(backend, 'platform_compare', { id: 'pb-local' }, 'not_found');
    const again = backend.handle('platform_push', { id: 'pb-local' }) as { remote_uuid: string; created: boolean };
    expect(again.created).toBe(true);
    expect(compare(backend)).toMatchObject({ remote_uuid: again.remote_uuid, same: true });
  });

  it('needs a connection whose key can view playbooks', () => {
    const { backend } = pushed();
    backend.platform.unreachable = true;
    fails(backend, 'platform_compare', { id: 'pb-local' }, 'platform_unreachable');
    const limited = new MockBackend({ ...seed(), playbooks: [{ ...seed().playbooks[0], remote_uuid: 'rm-1' }], platform: { ...seed().platform, keys: { [KEY]: ['view_runs'] } } });
    fails(limited, 'platform_compare', { id: 'pb-local' }, 'platform_forbidden');
  });
});
