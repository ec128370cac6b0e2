/**
 * The app's own window and folders: the first paint (the core shows the window then), the
 * playbook files later launches open, the version and folders for Help, the log folder.
 */
import { Channel } from '@tauri-apps/api/core';

import type { StartupOpen } from './bindings/StartupOpen';
import { call } from './call';

export type AppInfo = { version: string; data_folder: string; logs_folder: string };

/** Tells the core the page has painted (it shows the window, which starts hidden). */
export async function appReady(firstPaintMs: number): Promise<null> {
  return call<null>('app_ready', { firstPaintMs });
}

/** Playbook files opened by a second launch of the app (`playbook-studio FILE`) arrive here. */
export async function watchOpened(onOpen: (opened: StartupOpen) => void): Promise<null> {
  const channel = new Channel<StartupOpen>();
  channel.onmessage = onOpen;
  return call<null>('watch_opened', { onOpen: channel });
}

export async function appInfo(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

/** Opens the log folder in the system's file manager. */
export async function openLogsFolder(): Promise<null> {
  return call<null>('open_logs_folder');
}
