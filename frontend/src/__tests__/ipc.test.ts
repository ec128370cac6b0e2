import { invoke } from '@tauri-apps/api/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { createPlaybook, listPlaybooks, toIpcError } from '../ipc';

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
