/**
 * The bar over the canvas while a run is shown: its status (the element carrying
 * `data-run-id` and `data-run-status`), when it started and how long it took, Stop while
 * a local run plays, the rerun buttons the platform offers for its status, the CODE view
 * toggle (and the platform's logs for a platform run), what the core noted along the way
 * (a platform playbook switched on...), and a note when the playbook changed since the run.
 */
import { useState } from 'react';

import { chooseBundleToSave, exportRunBundle, toIpcError } from '../../ipc';
import { testsStore } from '../tests/testsStore';
import { PlatformLogsButton } from './PlatformLogs';
import { RunCompareDialog } from './RunCompare';
import { rerun, stop } from './runActions';
import { durationMs, formatDuration } from './runModel';
import { useRun } from './runStore';

const STATUS_LABEL: Record<string, string> = {
  starting: 'Starting…',
  running: 'Running…',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** Asks where, then writes the run's bundle; what happened, or `null` when cancelled. */
async function exportBundle(runId: string): Promise<string | null> {
  try {
    const path = await chooseBundleToSave(`run-${runId.slice(0, 8)}.bundle.json`);
    if (path === null) return null;
    await exportRunBundle(runId, path);
    return `Bundle written to ${path}`;
  } catch (e) {
    return `Bundle not written: ${toIpcError(e).message}`;
  }
}

type RunBarProps = { codeShown: boolean; onToggleCode(): void; logsShown: boolean; onToggleLogs(): void; onClose(): void };

export function RunBar({ codeShown, onToggleCode, logsShown, onToggleLogs, onClose }: RunBarProps) {
  const shown = useRun((s) => s.shown);
  const staleCount = useRun((s) => s.stale.size);
  const counts = useRun((s) => s.nodeRuns.length);
  const [comparing, setComparing] = useState(false);
  const [saved, setSaved] = useState<{ runId: string; text: string } | null>(null);
  if (shown === null) return null;
  const { runId, status, live, origin } = shown;
  const finished = !live && status !== 'starting' && status !== 'running';
  const took = durationMs(shown.startedAt, shown.finishedAt);
  const changed = shown.playbookVersion !== null && shown.currentVersion !== null && shown.playbookVersion !== shown.currentVersion;

  return (
    <div className={`run-bar run-bar--${status}`} data-testid="run-bar" data-run-id={runId ?? ''} data-run-status={status} role="status" aria-live="polite">
      <span className={`run-pill run-pill--${status}`}>{STATUS_LABEL[status] ?? status}</span>
      <span className="run-bar__meta" title={runId ?? undefined}>
        {shown.imported ? 'Imported bundle (read-only) · ' : ''}
        {origin === 'platform' ? 'On the platform' : 'Local'}
        {shown.eventName !== null && ` · event “${shown.eventName}”`}
        {shown.mock !== null && ` · mock ${shown.mock}`}
        {shown.startedAt !== null && ` · ${new Date(shown.startedAt).toLocaleTimeString()}`}
        {finished && took !== null && ` · ${formatDuration(took)}`}
        {` · ${counts} node run${counts === 1 ? '' : 's'}`}
      </span>
      {shown.error !== null && (
        <span className="run-bar__error" title={shown.error}>
          {shown.error}
        </span>
      )}
      {shown.notices.map((n, i) => (
        <span key={i} className="run-bar__notice" data-testid="run-notice" title={n}>
          {n}
        </span>
      ))}
      {changed && (
        <span className="run-bar__note" data-testid="run-version-note">
          Ran version {shown.playbookVersion}; the playbook is now at version {shown.currentVersion}.
        </span>
      )}
      {staleCount > 0 && (
        <span className="run-bar__note" data-testid="run-stale-note" title="Edited since the run, with everything downstream: run again to refresh">
          {staleCount} block{staleCount === 1 ? '' : 's'} stale
        </span>
      )}
      <span className="run-bar__spacer" />
      {live && origin === 'local' && (
        <button type="button" className="button button--small button--danger" onClick={() => void stop()} data-action="stop-run">
          Stop
        </button>
      )}
      {finished && runId !== null && status === 'succeeded' && !shown.imported && (
        <button type="button" className="button button--small" onClick={() => void (rerun(runId, false))} data-action="rerun">
          Rerun
        </button>
      )}
      {finished && runId !== null && status !== 'succeeded' && !shown.imported && (
        <>
          <button type="button" className="button button--small" onClick={() => void (rerun(runId, false))} data-action="rerun-all">
            Rerun all
          </button>
          <button type="button" className="button button--small" onClick={() => void (rerun(runId, true))} data-action="rerun-failed" title="Runs the failed and pending actions again, reusing the succeeded ones' results">
            Rerun failed and pending
          </button>
        </>
      )}
      {finished && runId !== null && (
        <RunMoreMenu
          runId={runId}
          onSaved={(text) => setSaved({ runId, text })}
          onCompare={() => setComparing(true)}
        />
      )}
      {saved !== null && saved.runId === runId && (
        <span className="run-bar__notice" data-testid="run-saved-as-test">
          {saved.text}
        </span>
      )}
      {comparing && runId !== null && <RunCompareDialog runId={runId} onClose={() => setComparing(false)} />}
      {origin === 'platform' && <PlatformLogsButton open={logsShown} onToggle={onToggleLogs} />}
      <button type="button" className={`button button--small${codeShown ? ' button--primary' : ''}`} onClick={onToggleCode} data-action="show-code" aria-pressed={codeShown}>
        CODE
      </button>
      <button type="button" className="button button--small button--ghost" onClick={onClose} aria-label="Close the run view" title="Back to editing (the run stays in the Runs tab)" disabled={live}>
        ✕
      </button>
    </div>
  );
}

type MoreProps = { runId: string; onSaved: (text: string) => void; onCompare: () => void };

/** "More ▾" on the run bar: save the run as a test, compare it, export its bundle. */
function RunMoreMenu({ runId, onSaved, onCompare }: MoreProps) {
  const [open, setOpen] = useState(false);
  const pick = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <span className="run-more" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <button type="button" className="button button--small" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} data-action="run-more">
        More ▾
      </button>
      {open && (
        <span className="run-more__menu" role="menu">
          <button
            type="button"
            role="menuitem"
            className="run-more__item"
            data-action="save-run-as-test"
            title="Its event and results become the test's input, its statuses and branches what it expects (Tests tab)"
            onClick={pick(
              () =>
                void testsStore
                  .getState()
                  .addFromRun(runId)
                  .then((added) => onSaved(added === null ? `Not saved: ${testsStore.getState().error?.message ?? 'unknown error'}` : `Saved as the test “${added.name}” (Tests tab)`)),
            )}
          >
            Save as test
          </button>
          <button type="button" role="menuitem" className="run-more__item" data-action="compare-run" onClick={pick(onCompare)}>
            Compare with another run…
          </button>
          <button
            type="button"
            role="menuitem"
            className="run-more__item"
            data-action="export-run-bundle"
            title="The run, its playbook version and its CODE JSON in one file, secrets replaced: to attach to a ticket"
            onClick={pick(() => void exportBundle(runId).then((text) => text !== null && onSaved(text)))}
          >
            Export run bundle…
          </button>
        </span>
      )}
    </span>
  );
}
