import { describe, expect, it } from 'vitest';

import { builtinCatalog } from '../../test/fixtures';
import { COMMANDS } from '../bindings/commands';
import { isMockCommand, MockBackend } from './backend';
import triage from '../../../e2e/fixtures/triage-small.json';

describe('the in-memory backend', () => {
  it('implements the playbook commands with versions', () => {
    const backend = new MockBackend({ catalog: builtinCatalog() });
    const created = backend.handle('create_playbook', { input: { name: 'A', description: 'd' } }) as { id: string; version: number };
    expect(created.version).toBe(1);
    const doc = backend.handle('get_playbook', { id: created.id }) as { content: { nodes: object } };
    expect(doc.content.nodes).toEqual({});
    backend.handle('save_playbook', { id: created.id, content: { ...doc.content, nodes: { '0': { type: 'trigger', outputs: { default: [] } } } }, summary: 'added T' });
    const versions = backend.handle('list_versions', { id: created.id }) as Array<{ version: number; summary: string; node_count: number }>;
    expect(versions.map((v) => [v.version, v.summary, v.node_count])).toEqual([
      [2, 'added T', 1],
      [1, 'created', 0],
    ]);
    const restored = backend.handle('restore_version', { id: created.id, version: 1 }) as { version: number; node_count: number };
    expect([restored.version, restored.node_count]).toEqual([3, 0]);
    const copy = backend.handle('duplicate_playbook', { id: created.id }) as { id: string; name: string };
    expect(copy.name).toBe('A (copy)');
    expect((backend.handle('rename_playbook', { id: copy.id, name: 'B' }) as { name: string }).name).toBe('B');
    expect(backend.handle('delete_playbook', { id: created.id })).toBeNull();
    expect(() => backend.handle('get_playbook', { id: created.id })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('answers validation with the core’s own problems for a document the generator saw, and none for another', () => {
    const backend = new MockBackend({ catalog: builtinCatalog() });
    const problems = backend.handle('validate_playbook', { content: { ...triage, uuid: 'any' } }) as Array<{ node: string; field: string; message: string }>;
    expect(problems.map((d) => [d.node, d.field])).toEqual([['1', 'arguments.uuid']]);
    expect(backend.handle('validate_playbook', { content: { ...triage, name: 'Edited' } })).toEqual([]);
  });
});

describe('module configurations in the in-memory backend', () => {
  const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';
  const SECRET = 'sk-test-000111';

  it('creates, lists, replaces and removes secrets without ever returning them', () => {
    const backend = new MockBackend({ catalog: builtinCatalog() });
    const created = backend.handle('create_module_configuration', {
      input: { module_uuid: SEKOIA, name: 'Prod', values: { base_url: 'https://x' }, secrets: { api_key: SECRET } },
    }) as { id: string; secret_fields: string[]; values: object };
    expect(created.secret_fields).toEqual(['api_key']);
    expect(created.values).toEqual({ base_url: 'https://x' });
    expect(backend.hasSecret(created.id, 'api_key')).toBe(true);
    expect(backend.handle('list_module_configurations', { moduleUuid: SEKOIA })).toHaveLength(1);
    expect(backend.handle('list_module_configurations', { moduleUuid: 'other' })).toHaveLength(0);
    expect(backend.handle('list_module_configurations', { moduleUuid: null })).toHaveLength(1);

    backend.handle('replace_module_secret', { id: created.id, field: 'api_key', secret: 'sk-new-222' });
    const removed = backend.handle('remove_module_secret', { id: created.id, field: 'api_key' }) as { secret_fields: string[] };
    expect(removed.secret_fields).toEqual([]);
    expect(backend.hasSecret(created.id, 'api_key')).toBe(false);

    // Neither the results nor the call log hold a secret value.
    const everything = JSON.stringify([backend.calls, backend.handle('list_module_configurations', { moduleUuid: null })]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('sk-new-222');
  });

  it('refuses bad input and fails like a missing keychain when asked to', () => {
    const backend = new MockBackend({ catalog: builtinCatalog(), vaultUnavailable: true });
    const create = (input: object) => () => backend.handle('create_module_configuration', { input: { module_uuid: SEKOIA, name: 'P', values: {}, secrets: {}, ...input } });
    expect(create({ name: ' ' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(create({ secrets: { base_url: 'x' } })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(create({ values: { api_key: 'x' } })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(create({ secrets: { api_key: SECRET } })).toThrow(expect.objectContaining({ code: 'vault_unavailable' }));
    const plain = backend.handle('create_module_configuration', { input: { module_uuid: SEKOIA, name: 'No key', values: {}, secrets: {} } }) as { id: string };
    expect(() => backend.handle('replace_module_secret', { id: plain.id, field: 'api_key', secret: SECRET })).toThrow(expect.objectContaining({ code: 'vault_unavailable' }));
    expect(() => backend.handle('remove_module_secret', { id: 'nope', field: 'api_key' })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('takes configurations from the seed', () => {
    const backend = new MockBackend({ catalog: builtinCatalog(), configurations: [{ id: 'cfg-1', module_uuid: SEKOIA, name: 'Seeded', secrets: { api_key: SECRET } }] });
    const [only] = backend.handle('list_module_configurations', { moduleUuid: SEKOIA }) as Array<{ id: string; secret_fields: string[] }>;
    expect([only.id, only.secret_fields]).toEqual(['cfg-1', ['api_key']]);
    expect(backend.hasSecret('cfg-1', 'api_key')).toBe(true);
  });
});

describe('the test backend against the core’s command list', () => {
  // Commands the Playwright specs never need: the WebDriver tests cover them on the real core.
  const NOT_SERVED = [
    'platform_run', 'start_run', 'rerun_run', 'start_listener', 'stop_run', 'get_run', 'get_run_code', 'read_json_file', 'render_jinja',
    'create_from_template', 'save_as_template', 'delete_template', 'list_catalog_modules', 'import_catalog_folder', 'remove_catalog_module',
    'list_tests', 'save_tests', 'add_test_from_run', 'run_tests', 'compare_runs', 'export_run_bundle', 'import_run_bundle', 'app_info', 'open_logs_folder',
  ];

  it('serves every command of src-tauri/commands.list but the listed ones, and refuses a name that is not a command', () => {
    const backend = new MockBackend({ catalog: builtinCatalog() });
    const unserved = COMMANDS.filter((command) => {
      try {
        backend.handle(command, {});
        return false;
      } catch (e) {
        return /no command/.test((e as { message?: string }).message ?? '') || (e as { code?: string }).code === 'refused';
      }
    });
    expect([...unserved].sort()).toEqual([...NOT_SERVED].sort());
    expect(isMockCommand('list_playbooks')).toBe(true);
    expect(isMockCommand('list_playbook')).toBe(false);
  });
});
