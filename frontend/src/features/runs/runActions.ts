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
    await showStored(summary.id);
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

export function runOnPlatform(playbookId: string, event: unknown, trigger: string | null = null): Promise<RunSummary | null> {
  return play('platform', (onEvent) => platformRun(playbookId, event, onEvent, trigger));
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

/** Shows a stored run on the canvas; one still running elsewhere (the CLI, the platform) is followed. */
export async function showRun(runId: string): Promise<void> {
  const shown = runStore.getState().shown;
  if (shown?.live === true && shown.runId === runId) return; // already playing here
  await showStored(runId);
}

/** The stored run replaces what is shown (the end of a live run, or a run picked in the list). */
async function showStored(runId: string): Promise<void> {
  try {
    const details = await getRun(runId);
    runStore.getState().showDetails(details, documentStore.getState().content);
    if (details.run.status === 'running') follow(runId);
  } catch (e) {
    runStore.getState().fail(`Run ${runId} could not be read: ${toIpcError(e).message}`);
  }
}

const FOLLOW_EVERY_MS = 1000;
let following: string | null = null;

/**
 * Re-reads a run another process is making (`playbook run`, `playbook platform run
 * --follow`) once a second while it is the run shown, so its blocks change state here as
 * that process records them; stops when it ends or another run is shown.
 */
function follow(runId: string): void {
  if (following === runId) return;
  following = runId;
  const tick = async () => {
    const shown = runStore.getState().shown;
    if (following !== runId || shown === null || shown.runId !== runId || shown.live) {
      if (following === runId) following = null;
      return;
    }
    try {
      const details = await getRun(runId);
      if (runStore.getState().shown?.runId !== runId) return;
      runStore.getState().showDetails(details, runStore.getState().snapshot ?? documentStore.getState().content);
      if (details.run.status === 'running') {
        setTimeout(() => void tick(), FOLLOW_EVERY_MS);
        return;
      }
      void runsListStore.getState().reload();
    } catch {
      // The run is gone or the store is busy: stop following; selecting it again retries.
    }
    following = null;
  };
  setTimeout(() => void tick(), FOLLOW_EVERY_MS);
}
