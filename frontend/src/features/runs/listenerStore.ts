/**
 * The webhook listener as the designer shows it: which playbook it listens for and where
 * to POST, or the error that kept it from starting. One listener for the app (the core's
 * rule); starting one for another playbook replaces it.
 */
import { create } from 'zustand';

import { listenerStatus, startListener, stopListener, toIpcError, type ListenerInfo, type StartListenerInput } from '../../ipc';

type ListenerState = {
  info: ListenerInfo | null;
  error: string | null;
  busy: boolean;
  start(input: StartListenerInput): Promise<void>;
  stop(): Promise<void>;
  refresh(): Promise<void>;
};

export const useListener = create<ListenerState>((set) => ({
  info: null,
  error: null,
  busy: false,
  async start(input) {
    set({ busy: true, error: null });
    try {
      set({ info: await startListener(input), busy: false });
    } catch (e) {
      set({ info: null, error: `Could not listen for webhooks: ${toIpcError(e).message}`, busy: false });
    }
  },
  async stop() {
    set({ busy: true });
    try {
      await stopListener();
      set({ info: null, busy: false, error: null });
    } catch (e) {
      set({ busy: false, error: `Could not stop the listener: ${toIpcError(e).message}` });
    }
  },
  async refresh() {
    try {
      set({ info: await listenerStatus() });
    } catch {
      // The status is a hint: keep what is shown.
    }
  },
}));
