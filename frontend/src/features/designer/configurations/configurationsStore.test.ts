import { describe, expect, it, vi } from 'vitest';

import type { ModuleConfiguration } from '../../../ipc';
import { createConfigurationsStore, type ConfigurationsApi } from './configurationsStore';

const conf = (id: string, name: string, over: Partial<ModuleConfiguration> = {}): ModuleConfiguration => ({
  id,
  module_uuid: 'm',
  name,
  values: {},
  secret_fields: [],
  created_at: '',
  updated_at: '',
  ...over,
});

function api(over: Partial<ConfigurationsApi> = {}): ConfigurationsApi {
  return {
    list: vi.fn(async () => [conf('b', 'Beta'), conf('a', 'Alpha'), conf('x', 'Other', { module_uuid: 'n' })]),
    create: vi.fn(async (input) => conf('new', input.name, { secret_fields: Object.keys(input.secrets), values: input.values })),
    replaceSecret: vi.fn(async (id, field) => conf(id, 'Alpha', { secret_fields: [field] })),
    removeSecret: vi.fn(async (id) => conf(id, 'Alpha')),
    ...over,
  };
}

describe('the configurations store', () => {
  it('loads a module once (sorted by name, other modules dropped), and again when forced', async () => {
    const fake = api();
    const store = createConfigurationsStore(fake);
    const pending = store.getState().load('m');
    expect(store.getState().byModule.m.status).toBe('loading');
    await pending;
    expect(store.getState().byModule.m).toMatchObject({ status: 'ready', error: null });
    expect(store.getState().byModule.m.items.map((c) => c.id)).toEqual(['a', 'b']);
    await store.getState().load('m');
    expect(fake.list).toHaveBeenCalledTimes(1);
    await store.getState().load('m', true);
    expect(fake.list).toHaveBeenCalledTimes(2);
    expect(fake.list).toHaveBeenCalledWith('m');
  });

  it('keeps a load error (normalized) and retries on the next load', async () => {
    const fake = api({ list: vi.fn().mockRejectedValueOnce({ code: 'vault_unavailable', message: 'Start the keyring' }).mockResolvedValue([]) });
    const store = createConfigurationsStore(fake);
    await store.getState().load('m');
    expect(store.getState().byModule.m).toMatchObject({ status: 'error', error: { code: 'vault_unavailable', message: 'Start the keyring' } });
    await store.getState().load('m');
    expect(store.getState().byModule.m.status).toBe('ready');
  });

  it('adds what create returns, and never keeps the secrets it was given', async () => {
    const fake = api();
    const store = createConfigurationsStore(fake);
    await store.getState().load('m');
    const created = await store.getState().create({ module_uuid: 'm', name: 'Prod', values: {}, secrets: { api_key: 'TOP-SECRET-1' } });
    expect(created.secret_fields).toEqual(['api_key']);
    expect(store.getState().byModule.m.items.map((c) => c.name)).toEqual(['Alpha', 'Beta', 'Prod']);
    expect(JSON.stringify(store.getState())).not.toContain('TOP-SECRET-1');
  });

  it('replaces a configuration after a secret change, and rejects with an IpcError', async () => {
    const store = createConfigurationsStore(api());
    await store.getState().load('m');
    await store.getState().replaceSecret('a', 'api_key', 'TOP-SECRET-2');
    expect(store.getState().byModule.m.items.find((c) => c.id === 'a')?.secret_fields).toEqual(['api_key']);
    expect(JSON.stringify(store.getState())).not.toContain('TOP-SECRET-2');
    await store.getState().removeSecret('a', 'api_key');
    expect(store.getState().byModule.m.items.find((c) => c.id === 'a')?.secret_fields).toEqual([]);

    const failing = createConfigurationsStore(api({ removeSecret: vi.fn().mockRejectedValue({ code: 'vault_unavailable', message: 'No keychain' }) }));
    await expect(failing.getState().removeSecret('a', 'api_key')).rejects.toEqual({ code: 'vault_unavailable', message: 'No keychain' });
    await expect(createConfigurationsStore(api({ create: vi.fn().mockRejectedValue('boom') })).getState().create({ module_uuid: 'm', name: 'n', values: {}, secrets: {} })).rejects.toEqual({
      code: 'unknown',
      message: 'boom',
    });
  });
});
