import { invoke } from '@tauri-apps/api/core';
import { open, save } from '@tauri-apps/plugin-dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import {
  chooseFileToOpen,
  chooseFileToSave,
  comparePlaybook,
  exportPlaybookFile,
  getPlatformSettings,
  importPlaybookFile,
  platformCheck,
  platformListPlaybooks,
  platformLogin,
  platformLogout,
  platformPull,
  platformPullCatalog,
  platformPush,
  platformLogs,
  platformRerunFailed,
  platformSetActive,
  createPlaybook,
  deletePlaybook,
  duplicatePlaybook,
  getCatalog,
  getPlaybook,
  listPlaybooks,
  listVersions,
  renamePlaybook,
  restoreVersion,
  savePlaybook,
  toIpcError,
  validatePlaybook,
} from '../ipc';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));
vi.mock('@tauri-apps/plugin-dialog', () => ({ open: vi.fn(), save: vi.fn() }));

const invokeMock = vi.mocked(invoke);

beforeEach(() => {
  invokeMock.mockReset();
});

describe('commands', () => {
  it('listPlaybooks calls list_playbooks without arguments', async () => {
    invokeMock.mockResolvedValueOnce([]);
    await expect(listPlaybooks()).resolves.toEqual([]);
    expect(invokeMock).toHaveBeenCalledWith('list_playbooks');
  });

  it('createPlaybook passes the input under `input`', async () => {
    const created = { id: 'x', name: 'A', description: '', tags: [], node_count: 0, version: 1, updated_at: '' };
    invokeMock.mockResolvedValueOnce(created);
    await expect(createPlaybook({ name: 'A', description: '' })).resolves.toBe(created);
    expect(invokeMock).toHaveBeenCalledWith('create_playbook', { input: { name: 'A', description: '' } });
  });

  it('the designer commands use the contract’s names and argument names', async () => {
    invokeMock.mockResolvedValue(null);
    const content = { nodes: {} };
    await getPlaybook('p1');
    await savePlaybook('p1', content, 'added Get Alert');
    await validatePlaybook(content);
    await getCatalog();
    await listVersions('p1');
    await restoreVersion('p1', 3);
    await renamePlaybook('p1', 'New name');
    await duplicatePlaybook('p1');
    await deletePlaybook('p1');
    expect(invokeMock.mock.calls).toEqual([
      ['get_playbook', { id: 'p1' }],
      ['save_playbook', { id: 'p1', content, summary: 'added Get Alert' }],
      ['validate_playbook', { content }],
      ['get_catalog'],
      ['list_versions', { id: 'p1' }],
      ['restore_version', { id: 'p1', version: 3 }],
      ['rename_playbook', { id: 'p1', name: 'New name' }],
      ['duplicate_playbook', { id: 'p1' }],
      ['delete_playbook', { id: 'p1' }],
    ]);
  });

  it('the platform and file commands use the contract’s names and argument names', async () => {
    invokeMock.mockResolvedValue(null);
    await getPlatformSettings();
    await platformLogin('https://api.sekoia.io', 'sk-1');
    await platformLogout();
    await platformCheck();
    await platformPullCatalog();
    await platformListPlaybooks();
    await platformPush('p1');
    await platformPull('r1');
    await comparePlaybook('p1');
    await platformSetActive('p1', false);
    await platformLogs('p1', 20);
    await platformRerunFailed('p1');
    await importPlaybookFile('/tmp/a.json');
    await exportPlaybookFile('p1', '/tmp/b.json');
    expect(invokeMock.mock.calls).toEqual([
      ['get_platform_settings'],
      ['platform_login', { baseUrl: 'https://api.sekoia.io', apiKey: 'sk-1' }],
      ['platform_logout'],
      ['platform_check'],
      ['platform_pull_catalog'],
      ['platform_list_playbooks'],
      ['platform_push', { id: 'p1' }],
      ['platform_pull', { uuid: 'r1' }],
      ['platform_compare', { id: 'p1' }],
      ['platform_set_active', { playbookId: 'p1', on: false }],
      ['platform_logs', { playbookId: 'p1', limit: 20 }],
      ['platform_rerun_failed', { playbookId: 'p1' }],
      ['import_playbook_file', { path: '/tmp/a.json' }],
      ['export_playbook_file', { id: 'p1', path: '/tmp/b.json' }],
    ]);
  });

  it('the file dialogs filter JSON and give a path or null', async () => {
    vi.mocked(open).mockResolvedValueOnce('/home/me/a.json').mockResolvedValueOnce(null);
    vi.mocked(save).mockResolvedValueOnce('/home/me/Triage.json').mockResolvedValueOnce(null);
    await expect(chooseFileToOpen()).resolves.toBe('/home/me/a.json');
    await expect(chooseFileToOpen()).resolves.toBeNull();
    await expect(chooseFileToSave('Triage.json')).resolves.toBe('/home/me/Triage.json');
    await expect(chooseFileToSave('Triage.json')).resolves.toBeNull();
    expect(vi.mocked(open).mock.calls[0][0]).toMatchObject({ multiple: false, directory: false, filters: [{ extensions: ['json'] }] });
    expect(vi.mocked(save).mock.calls[0][0]).toMatchObject({ defaultPath: 'Triage.json', filters: [{ extensions: ['json'] }] });
  });

  it('lets the command error through unchanged', async () => {
    invokeMock.mockRejectedValueOnce({ code: 'invalid_input', message: 'name: must not be empty' });
    await expect(listPlaybooks()).rejects.toEqual({ code: 'invalid_input', message: 'name: must not be empty' });
  });
});

describe('toIpcError', () => {
  it('keeps code and message of an IpcError and drops other fields', () => {
    expect(toIpcError({ code: 'not_found', message: 'playbook 7 not found', extra: 1 })).toEqual({
      code: 'not_found',
      message: 'playbook 7 not found',
    });
  });

  it('reads Errors and strings as unknown errors', () => {
    expect(toIpcError(new Error('boom'))).toEqual({ code: 'unknown', message: 'boom' });
    expect(toIpcError(new TypeError(''))).toEqual({ code: 'unknown', message: 'TypeError' });
    expect(toIpcError('command list_playbooks not found')).toEqual({
      code: 'unknown',
      message: 'command list_playbooks not found',
    });
  });

  it('keeps a code that comes without a message', () => {
    expect(toIpcError({ code: 'refused' })).toEqual({ code: 'refused', message: 'Unexpected error: {"code":"refused"}' });
    // A code the core does not have is not trusted.
    expect(toIpcError({ code: 'timeout', message: 'late' })).toEqual({ code: 'unknown', message: 'late' });
    // An invalid file's structured problems and path come through.
    const diagnostics = [{ severity: 'error', node: '1', field: 'outputs', line: 4, column: 5, message: 'required' }];
    expect(toIpcError({ code: 'invalid_playbook', message: 'm', path: '/a.json', diagnostics })).toEqual({ code: 'invalid_playbook', message: 'm', path: '/a.json', diagnostics });
  });

  it('always gives a non-empty message', () => {
    for (const thrown of [undefined, null, '', 42, {}, { code: 7, message: 8 }]) {
      const error = toIpcError(thrown);
      expect(error.code).toBe('unknown');
      expect(error.message.length).toBeGreaterThan(0);
    }
  });
});
