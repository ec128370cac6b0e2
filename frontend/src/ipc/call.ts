/**
 * The one place the IPC modules reach `invoke`: only with a command of the core's list
 * (`./bindings/commands.ts`, generated from src-tauri/commands.list), so a command renamed or
 * removed on one side is a type error on the other.
 */
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';

import type { Command } from './bindings/commands';

export function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
  return args === undefined ? invoke<T>(command) : invoke<T>(command, args);
}
