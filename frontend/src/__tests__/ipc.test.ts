import { invoke } from '@tauri-apps/api/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import {
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
    expect(toIpcError({ code: 'timeout' })).toEqual({ code: 'timeout', message: 'Unexpected error: {"code":"timeout"}' });
  });

  it('always gives a non-empty message', () => {
    for (const thrown of [undefined, null, '', 42, {}, { code: 7, message: 8 }]) {
      const error = toIpcError(thrown);
      expect(error.code).toBe('unknown');
      expect(error.message.length).toBeGreaterThan(0);
    }
  });
});
