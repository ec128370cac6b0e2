/**
 * Switches the app onto the in-memory backend (./backend.ts) through Tauri's IPC mocks.
 * Loaded by `main.tsx` only when `window.__PLAYBOOK_STUDIO_MOCK_IPC__` holds seed data;
 * the backend is then reachable as `window.__PLAYBOOK_STUDIO_MOCK__` for test assertions.
 */
import { mockIPC } from '@tauri-apps/api/mocks';

import { isMockCommand, MockBackend, MockError, type MockSeed } from './backend';

export function installMockBackend(seed: unknown): MockBackend {
  const backend = new MockBackend((typeof seed === 'object' && seed !== null ? seed : {}) as MockSeed);
  mockIPC(async (command, payload) => {
    // A little latency, as a real IPC round trip has.
    await new Promise((resolve) => setTimeout(resolve, 5));
    try {
      if (!isMockCommand(command)) throw new MockError('internal', `${command} is not a command of the core (src-tauri/commands.list)`);
      return backend.handle(command, (payload ?? {}) as Record<string, unknown>);
    } catch (e) {
      if (e instanceof MockError) throw { ...e };
      throw { code: 'internal', message: e instanceof Error ? e.message : String(e) };
    }
  });
  (window as { __PLAYBOOK_STUDIO_MOCK__?: MockBackend }).__PLAYBOOK_STUDIO_MOCK__ = backend;
  return backend;
}
