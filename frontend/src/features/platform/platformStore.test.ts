import { describe, expect, it, vi } from 'vitest';

import type { ConnectionReport, PlatformSettings } from '../../ipc';
import { createPlatformStore, type PlatformApi } from './platformStore';

const URL_FRA2 = 'https://app.fra2.sekoia.io/api';
const none: PlatformSettings = { base_url: null, has_api_key: false, regions: [] };
const stored: PlatformSettings = { base_url: URL_FRA2, has_api_key: true, regions: [] };
const good: ConnectionReport = { base_url: URL_FRA2, authenticated: true, permissions: [], missing: [] };

function fakeApi(overrides: Partial<PlatformApi> = {}): PlatformApi {
  return {
    settings: vi.fn(async () => none),
    login: vi.fn(async () => stored),
    logout: vi.fn(async () => ({ ...stored, has_api_key: false })),
    check: vi.fn(async () => good),
    ...overrides,
  };
}

describe('the platform store', () => {
  it('checks once on load when a key is stored, and not again', async () => {
    const api = fakeApi({ settings: vi.fn(async () => stored) });
    const store = createPlatformStore(api);
    await store.getState().loadSettings({ autoCheck: true });
    await store.getState().loadSettings({ autoCheck: true });
    expect(api.check).toHaveBeenCalledTimes(1);
    expect(store.getState().report).toEqual(good);
  });

  it('does not check without a key', async () => {
    const api = fakeApi();
    const store = createPlatformStore(api);
    await store.getState().loadSettings({ autoCheck: true });
    expect(api.check).not.toHaveBeenCalled();
    expect(store.getState().settings).toEqual(none);
  });

  it('logs in, forgets the previous check, checks again, and keeps no key', async () => {
    const api = fakeApi();
    const store = createPlatformStore(api);
    await store.getState().login(URL_FRA2, 'sk-secret-1');
    expect(api.login).toHaveBeenCalledWith(URL_FRA2, 'sk-secret-1');
    expect(store.getState().settings).toEqual(stored);
    expect(store.getState().report).toEqual(good);
    expect(JSON.stringify(store.getState())).not.toContain('sk-secret-1');
  });

  it('rejects a refused login with the IpcError and keeps the settings it had', async () => {
    const api = fakeApi({ login: vi.fn(async () => Promise.reject({ code: 'platform_unauthorized', message: '401' })) });
    const store = createPlatformStore(api);
    await store.getState().loadSettings();
    await expect(store.getState().login(URL_FRA2, 'sk-bad')).rejects.toEqual({ code: 'platform_unauthorized', message: '401' });
    expect(store.getState().settings).toEqual(none);
    expect(api.check).not.toHaveBeenCalled();
  });

  it('keeps a failed check as state, and notes connection failures of other calls', async () => {
    const api = fakeApi({ check: vi.fn(async () => Promise.reject({ code: 'platform_unreachable', message: 'refused' })) });
    const store = createPlatformStore(api);
    await store.getState().check();
    expect(store.getState().checkError).toEqual({ code: 'platform_unreachable', message: 'refused' });
    expect(store.getState().checking).toBe(false);

    const other = createPlatformStore(fakeApi());
    other.getState().noteFailure({ code: 'platform_forbidden', message: 'no' });
    expect(other.getState().checkError).toBeNull();
    other.getState().noteFailure({ code: 'platform_unauthorized', message: 'revoked' });
    expect(other.getState().checkError?.code).toBe('platform_unauthorized');
  });

  it('logs out and drops the last check', async () => {
    const store = createPlatformStore(fakeApi({ settings: vi.fn(async () => stored) }));
    await store.getState().loadSettings({ autoCheck: true });
    await store.getState().logout();
    expect(store.getState().settings?.has_api_key).toBe(false);
    expect(store.getState().report).toBeNull();
  });

  it('forgets the last check when the stored connection changed elsewhere', async () => {
    const settings = vi.fn(async () => stored);
    const store = createPlatformStore(fakeApi({ settings }));
    await store.getState().loadSettings({ autoCheck: true });
    expect(store.getState().report).toEqual(good);
    await store.getState().loadSettings();
    expect(store.getState().report).toEqual(good);
    settings.mockResolvedValueOnce({ ...stored, base_url: 'https://api.sekoia.io' });
    await store.getState().loadSettings();
    expect(store.getState().report).toBeNull();
  });
});
