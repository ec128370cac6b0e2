/**
 * The platform connection as the app knows it: the stored settings (base URL, whether a
 * key is stored) and the last connection check. Shared by the start page's status
 * indicator and the Platform page.
 *
 * The API key passes through `login` to the core and is never kept here. `login` and
 * `logout` reject with an `IpcError` so the form shows it next to itself; `check` never
 * rejects (its failure is part of the state).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import {
  getPlatformSettings,
  platformCheck,
  platformLogin,
  platformLogout,
  toIpcError,
  type ConnectionReport,
  type IpcError,
  type PlatformSettings,
} from '../../ipc';
import { isConnectionProblem } from '../../lib/errorView';
import { connectionStatus, isConfigured, type ConnectionStatus } from './status';

export type PlatformApi = {
  settings(): Promise<PlatformSettings>;
  login(baseUrl: string, apiKey: string): Promise<PlatformSettings>;
  logout(): Promise<PlatformSettings>;
  check(): Promise<ConnectionReport>;
};

export const ipcPlatformApi: PlatformApi = {
  settings: getPlatformSettings,
  login: platformLogin,
  logout: platformLogout,
  check: platformCheck,
};

export type PlatformState = {
  settings: PlatformSettings | null;
  settingsError: IpcError | null;
  report: ConnectionReport | null;
  checkError: IpcError | null;
  checking: boolean;
  /** Reads the settings; with `autoCheck`, checks the connection once if a key is stored and it was never checked. */
  loadSettings(options?: { autoCheck?: boolean }): Promise<void>;
  /** Stores the key (the core checks it first), then checks the connection. */
  login(baseUrl: string, apiKey: string): Promise<void>;
  logout(): Promise<void>;
  check(): Promise<void>;
  /** Another platform call failed: a refused key or an unreachable platform shows in the status. */
  noteFailure(error: IpcError): void;
};

export function createPlatformStore(api: PlatformApi = ipcPlatformApi) {
  return createStore<PlatformState>()((set, get) => {
    const configured = () => isConfigured(get().settings);
    const settle = (settings: PlatformSettings) => set({ settings, settingsError: null, report: null, checkError: null });

    return {
      settings: null,
      settingsError: null,
      report: null,
      checkError: null,
      checking: false,
      async loadSettings(options = {}) {
        try {
          const settings = await api.settings();
          const previous = get().settings;
          if (previous === null) set({ settings, settingsError: null });
          else if (previous.base_url !== settings.base_url || previous.has_api_key !== settings.has_api_key) {
            // Changed behind this page's back (the CLI, another window): the last check is stale.
            settle(settings);
          } else set({ settings, settingsError: null });
        } catch (e) {
          set({ settingsError: toIpcError(e) });
          return;
        }
        const { report, checkError, checking } = get();
        if (options.autoCheck && configured() && report === null && checkError === null && !checking) await get().check();
      },
      async login(baseUrl, apiKey) {
        let settings: PlatformSettings;
        try {
          settings = await api.login(baseUrl, apiKey);
        } catch (e) {
          throw toIpcError(e);
        }
        settle(settings);
        await get().check();
      },
      async logout() {
        try {
          settle(await api.logout());
        } catch (e) {
          throw toIpcError(e);
        }
      },
      async check() {
        if (get().checking) return;
        set({ checking: true, checkError: null });
        try {
          set({ report: await api.check(), checkError: null, checking: false });
        } catch (e) {
          const error = toIpcError(e);
          set({ report: null, checkError: error, checking: false });
          // The core says the connection is gone (e.g. the key was removed elsewhere): reread it.
          if (error.code === 'platform_not_configured') void get().loadSettings();
        }
      },
      noteFailure(error) {
        if (isConnectionProblem(error)) set({ report: null, checkError: error });
      },
    };
  });
}

export const platformStore = createPlatformStore();

export function usePlatform<T>(selector: (state: PlatformState) => T): T {
  return useStore(platformStore, selector);
}

/** The connection as the header and the Platform page show it, and whether one is set up. */
export function useConnectionStatus(): { status: ConnectionStatus; configured: boolean } {
  const settings = usePlatform((s) => s.settings);
  const settingsError = usePlatform((s) => s.settingsError);
  const report = usePlatform((s) => s.report);
  const checkError = usePlatform((s) => s.checkError);
  const checking = usePlatform((s) => s.checking);
  return { status: connectionStatus({ settings, settingsError, report, checkError, checking }), configured: isConfigured(settings) };
}

/** Runs a platform call; a failure that says the connection is wrong also shows in the status. */
export async function withConnectionWatch<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    platformStore.getState().noteFailure(toIpcError(e));
    throw e;
  }
}
