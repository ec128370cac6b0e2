/**
 * What the RUN view's buttons do: start a run (locally or on the platform), stop it,
 * rerun one, show a stored one. Each live run streams into the run store through the
 * event queue; when its command answers, the stored run replaces the live picture (the
 * stored node runs are the truth), and the runs list reloads.
 */
import { getRun, platformRun, rerunRun, startRun, stopRun, toIpcError, type RunEventHandler, type RunSummary, type StartRunInput } from '../../ipc';
import { documentStore } from '../designer/stores/documentStore';
import { createEventQueue } from './eventQueue';
import { runStore, type RunOrigin } from './runStore';
import { runsListStore } from './runsListStore';

/** The last local run's settings per playbook (Ctrl/⌘+Enter repeats them). */
const lastInputs = new Map<string, StartRunInput>();

export function lastRunInput(playbookId: string): StartRunInput | undefined {
  return lastInputs.get(playbookId);
}

async function play(origin: RunOrigin, start: (onEvent: RunEventHandler) => Promise<RunSummary>): Promise<RunSummary | null> {
  const snapshot = documentStore.getState().content;
  runStore.getState().beginLive(snapshot, origin);
  const queue = createEventQueue((events) => runStore.getState().apply(events));
  void runsListStore.getState().reload();
  try {
    const summary = await start(queue.push);
    queue.flush();
    await showRun(summary.id);
    return summary;
  } catch (e) {
    queue.flush();
    runStore.getState().fail(toIpcError(e).message);
    return null;
  } finally {
    void runsListStore.getState().reload();
  }
}

export function runLocally(input: StartRunInput): Promise<RunSummary | null> {
  lastInputs.set(input.playbook_id, input);
  return play('local', (onEvent) => startRun(input, onEvent));
}

export function runOnPlatform(playbookId: string, event: unknown): Promise<RunSummary | null> {
  return play('platform', (onEvent) => platformRun(playbookId, event, onEvent));
}

export function rerun(runId: string, onlyFailed: boolean): Promise<RunSummary | null> {
  const origin = runStore.getState().shown?.origin ?? 'local';
  return play(origin, (onEvent) => rerunRun(runId, onlyFailed, onEvent));
}

export async function stop(): Promise<void> {
  try {
    await stopRun();
  } catch (e) {
    runStore.getState().fail(toIpcError(e).message);
  }
}

/** Shows a stored run on the canvas. */
export async function showRun(runId: string): Promise<void> {
  try {
    const details = await getRun(runId);
    runStore.getState().showDetails(details, documentStore.getState().content);
  } catch (e) {
    runStore.getState().fail(`Run ${runId} could not be read: ${toIpcError(e).message}`);
  }
}
