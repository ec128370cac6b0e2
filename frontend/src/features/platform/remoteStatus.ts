/**
 * The platform state of pushed playbooks (on or off, and why), loaded once per visit of
 * the start page when a platform is configured, so each "on platform" row can say whether
 * the platform runs it. A failed load leaves the rows as they were: the start page works
 * offline.
 */
import { createStore, useStore } from 'zustand';

import { platformListPlaybooks, type PlatformPlaybookStatus } from '../../ipc';

type RemoteStatusState = {
  byUuid: ReadonlyMap<string, PlatformPlaybookStatus>;
  load(): Promise<void>;
  /** Records a status just read or changed (after "Switch on/off"). */
  put(status: PlatformPlaybookStatus): void;
};

export function createRemoteStatusStore(list: () => Promise<{ uuid: string; status: PlatformPlaybookStatus }[]> = platformListPlaybooks) {
  return createStore<RemoteStatusState>((set, get) => ({
    byUuid: new Map(),
    async load() {
      try {
        const playbooks = await list();
        set({ byUuid: new Map(playbooks.map((p) => [p.uuid, p.status])) });
      } catch {
        // Offline or not allowed: the rows keep their plain "on platform" badge.
      }
    },
    put(status) {
      set({ byUuid: new Map(get().byUuid).set(status.uuid, status) });
    },
  }));
}

export const remoteStatusStore = createRemoteStatusStore();

export function useRemoteStatus(uuid: string | null): PlatformPlaybookStatus | undefined {
  return useStore(remoteStatusStore, (s) => (uuid === null ? undefined : s.byUuid.get(uuid)));
}

/** What a status badge's tooltip says: the platform's message and tags. */
export function statusDetail(status: PlatformPlaybookStatus): string {
  const parts = [status.active ? 'On: the platform runs it on every event its trigger receives' : 'Off: the platform does not run it'];
  if (status.status_message !== null) parts.push(status.status_message);
  if (status.status_tags.length > 0) parts.push(`Tags: ${status.status_tags.map((t) => t.replace(/_/g, ' ')).join(', ')}`);
  return parts.join('\n');
}
