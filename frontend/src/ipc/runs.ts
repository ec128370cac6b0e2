/**
 * Runs: start one locally or on the platform, stop it, rerun one, and read runs back (the
 * runs list, one run's details, its CODE JSON), plus the playbook's run settings.
 *
 * A run streams its events through a Tauri `Channel` while the command is pending, in
 * batches; the command resolves with the finished run's summary once every event has been
 * sent. Events arrive in order; the caller batches them again per frame for drawing.
 */
import { Channel } from '@tauri-apps/api/core';
import { open } from '@tauri-apps/plugin-dialog';

import type { JinjaOutcome } from './bindings/JinjaOutcome';
import type { ListenerInfo } from './bindings/ListenerInfo';
import type { NodeRun } from './bindings/NodeRun';
import type { NodeRunStatus } from './bindings/NodeRunStatus';
import type { RunDefaults } from './bindings/RunDefaults';
import type { RunDetails } from './bindings/RunDetails';
import type { RunEventView } from './bindings/RunEventView';
import type { RunListFilter } from './bindings/RunListFilter';
import type { RunPage } from './bindings/RunPage';
import type { RunSettings } from './bindings/RunSettings';
import type { RunStatus } from './bindings/RunStatus';
import type { RunSummary } from './bindings/RunSummary';
import type { StartListenerInput } from './bindings/StartListenerInput';
import type { StartRunInput } from './bindings/StartRunInput';
import { call } from './call';

export type { JinjaOutcome, ListenerInfo, StartListenerInput, NodeRun, NodeRunStatus, RunDefaults, RunDetails, RunEventView, RunListFilter, RunPage, RunSettings, RunStatus, RunSummary, StartRunInput };

export type RunEventHandler = (event: RunEventView) => void;

/** The core sends a run's events in batches (one message every 30 ms at most). */
function channel(onEvent: RunEventHandler): Channel<RunEventView[]> {
  const ch = new Channel<RunEventView[]>();
  ch.onmessage = (events) => events.forEach(onEvent);
  return ch;
}

/** Runs a playbook locally; rejects with `refused` while another local run is going. */
export function startRun(input: StartRunInput, onEvent: RunEventHandler): Promise<RunSummary> {
  return call<RunSummary>('start_run', { input, onEvent: channel(onEvent) });
}

/** Cancels the local run in progress; `false` when there was none. */
export function stopRun(): Promise<boolean> {
  return call<boolean>('stop_run');
}

/** Reruns a run where it ran (local or platform); `onlyFailed` reuses the succeeded actions. */
export function rerunRun(runId: string, onlyFailed: boolean, onEvent: RunEventHandler): Promise<RunSummary> {
  return call<RunSummary>('rerun_run', { runId, onlyFailed, onEvent: channel(onEvent) });
}

/** Sends the event to the pushed playbook on the platform and follows the run. */
export function platformRun(playbookId: string, event: unknown, onEvent: RunEventHandler, trigger: string | null = null): Promise<RunSummary> {
  return call<RunSummary>('platform_run', { playbookId, event, trigger, onEvent: channel(onEvent) });
}

export function listRuns(playbookId: string, filter: RunListFilter, offset: number, limit: number): Promise<RunPage> {
  return call<RunPage>('list_runs', { playbookId, filter, offset, limit });
}

export function getRun(runId: string): Promise<RunDetails> {
  return call<RunDetails>('get_run', { runId });
}

/**
 * The run's CODE JSON as text: `{ node: {id: results}, arguments: {id: args}, store }`. Text,
 * so its key order and numbers stay exactly as recorded; it arrives as raw UTF-8 bytes.
 */
export async function getRunCode(runId: string): Promise<string> {
  const bytes = await call<ArrayBuffer | Uint8Array | number[]>('get_run_code', { runId });
  return new TextDecoder().decode(Array.isArray(bytes) ? new Uint8Array(bytes) : bytes);
}

/** The run dialog's starting point: last event (or a sample) and the run settings. */
export function getRunDefaults(playbookId: string): Promise<RunDefaults> {
  return call<RunDefaults>('get_run_defaults', { playbookId });
}

export function setRunSettings(playbookId: string, settings: RunSettings): Promise<RunSettings> {
  return call<RunSettings>('set_run_settings', { playbookId, settings });
}

/** Asks for a JSON file and reads it through the core; `null` when the dialog was cancelled. */
export async function loadJsonFile(title: string): Promise<unknown | null> {
  const chosen = await open({ title, multiple: false, directory: false, filters: [{ name: 'JSON', extensions: ['json'] }] });
  if (typeof chosen !== 'string') return null;
  return call<unknown>('read_json_file', { path: chosen });
}

/**
 * Renders a template with the platform's Jinja on data given as JSON text (its key order and
 * numbers kept as written); invalid data rejects with `invalid_input` naming line and column.
 */
export function renderJinjaTemplate(template: string, data: string, strict: boolean): Promise<JinjaOutcome> {
  return call<JinjaOutcome>('render_jinja', { template, data, strict });
}

/** Starts listening for webhook events on 127.0.0.1 (stops a listener already going). */
export function startListener(input: StartListenerInput): Promise<ListenerInfo> {
  return call<ListenerInfo>('start_listener', { input });
}

/** The listener listening now, if any. */
export function listenerStatus(): Promise<ListenerInfo | null> {
  return call<ListenerInfo | null>('listener_status');
}

/** Stops listening (the run under way finishes); `false` when nothing listened. */
export function stopListener(): Promise<boolean> {
  return call<boolean>('stop_listener');
}
