/**
 * The module configurations the panel has seen, per module, as the core returns them
 * (secret *names* only; their values never come back).
 *
 * The create / replace / remove actions pass the secret straight to the core and keep
 * only the configuration it returns: no secret value is ever stored here. They reject
 * with an `IpcError` so the caller can show it next to the form that failed.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

import {
  createModuleConfiguration,
  listModuleConfigurations,
  removeModuleSecret,
  replaceModuleSecret,
  toIpcError,
  type IpcError,
  type ModuleConfiguration,
  type NewModuleConfigurationInput,
} from '../../../ipc';

export type ConfigurationsApi = {
  list(moduleUuid: string | null): Promise<ModuleConfiguration[]>;
  create(input: NewModuleConfigurationInput): Promise<ModuleConfiguration>;
  replaceSecret(id: string, field: string, secret: string): Promise<ModuleConfiguration>;
  removeSecret(id: string, field: string): Promise<ModuleConfiguration>;
};

export const ipcConfigurationsApi: ConfigurationsApi = {
  list: listModuleConfigurations,
  create: createModuleConfiguration,
  replaceSecret: replaceModuleSecret,
  removeSecret: removeModuleSecret,
};

export type ModuleConfigurations = {
  status: 'loading' | 'ready' | 'error';
  items: ModuleConfiguration[];
  error: IpcError | null;
};

export type ConfigurationsState = {
  byModule: Record<string, ModuleConfigurations>;
  /** Loads a module's configurations unless loaded or loading; `force` reloads them. */
  load(moduleUuid: string, force?: boolean): Promise<void>;
  create(input: NewModuleConfigurationInput): Promise<ModuleConfiguration>;
  replaceSecret(id: string, field: string, secret: string): Promise<ModuleConfiguration>;
  removeSecret(id: string, field: string): Promise<ModuleConfiguration>;
  /** Forgets everything (when the designer closes). */
  reset(): void;
};

export function createConfigurationsStore(api: ConfigurationsApi = ipcConfigurationsApi) {
  return createStore<ConfigurationsState>()((set, get) => {
    /** Puts a configuration the core returned into its module's list (replacing the old one). */
    const upsert = (configuration: ModuleConfiguration) => {
      const current = get().byModule[configuration.module_uuid];
      const items = current?.items ?? [];
      const next = items.some((c) => c.id === configuration.id) ? items.map((c) => (c.id === configuration.id ? configuration : c)) : [...items, configuration];
      set({ byModule: { ...get().byModule, [configuration.module_uuid]: { status: current?.status ?? 'ready', error: current?.error ?? null, items: sortByName(next) } } });
      return configuration;
    };
    const call = async (run: () => Promise<ModuleConfiguration>) => {
      let result: ModuleConfiguration;
      try {
        result = await run();
      } catch (e) {
        throw toIpcError(e);
      }
      return upsert(result);
    };

    return {
      byModule: {},
      async load(moduleUuid, force = false) {
        const current = get().byModule[moduleUuid];
        if (!force && current !== undefined && current.status !== 'error') return;
        set({ byModule: { ...get().byModule, [moduleUuid]: { status: 'loading', items: current?.items ?? [], error: null } } });
        try {
          const items = await api.list(moduleUuid);
          set({ byModule: { ...get().byModule, [moduleUuid]: { status: 'ready', items: sortByName(items.filter((c) => c.module_uuid === moduleUuid)), error: null } } });
        } catch (e) {
          set({ byModule: { ...get().byModule, [moduleUuid]: { status: 'error', items: current?.items ?? [], error: toIpcError(e) } } });
        }
      },
      create: (input) => call(() => api.create(input)),
      replaceSecret: (id, field, secret) => call(() => api.replaceSecret(id, field, secret)),
      removeSecret: (id, field) => call(() => api.removeSecret(id, field)),
      reset() {
        set({ byModule: {} });
      },
    };
  });
}

function sortByName(items: ModuleConfiguration[]): ModuleConfiguration[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export const configurationsStore = createConfigurationsStore();

export function useConfigurations<T>(selector: (state: ConfigurationsState) => T): T {
  return useStore(configurationsStore, selector);
}
