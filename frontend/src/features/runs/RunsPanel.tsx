/**
 * The Runs tab: this playbook's runs, local and platform together, newest first, filtered
 * by status and origin, a page at a time. Selecting a row shows that run on the canvas.
 */
import { useEffect } from 'react';

import type { RunStatus } from '../../ipc';
import { showRun } from './runActions';
import { durationMs, formatDuration } from './runModel';
import { useRun } from './runStore';
import { RUNS_PAGE, runsListStore, useRunsList } from './runsListStore';

const REFRESH_EVERY_MS = 3000;

const STATUSES: RunStatus[] = ['succeeded', 'failed', 'running', 'cancelled', 'interrupted'];

export function RunsPanel({ playbookId }: { playbookId: string }) {
  const runs = useRunsList((s) => s.runs);
  const total = useRunsList((s) => s.total);
  const loading = useRunsList((s) => s.loading);
  const error = useRunsList((s) => s.error);
  const filter = useRunsList((s) => s.filter);
  const shownId = useRun((s) => s.shown?.runId ?? null);

  useEffect(() => {
    void runsListStore.getState().open(playbookId);
    // Runs made elsewhere (the CLI, the platform) show up without a reload: the first page is
    // read again every few seconds while the tab is open (a page is a millisecond's query).
    const timer = setInterval(() => {
      const { runs, loading } = runsListStore.getState();
      if (!loading && runs.length <= RUNS_PAGE && document.visibilityState === 'visible') void runsListStore.getState().reload();
    }, REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [playbookId]);

  return (
    <div className="runs-panel" data-testid="runs-panel">
      <div className="runs-panel__filters">
        <select
          className="input"
          aria-label="Filter by status"
          value={filter.status ?? ''}
          onChange={(e) => void runsListStore.getState().setFilter({ ...filter, status: e.target.value === '' ? null : (e.target.value as RunStatus) })}
          data-field="runs-status"
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          className="input"
          aria-label="Filter by origin"
          value={filter.origin ?? ''}
          onChange={(e) => void runsListStore.getState().setFilter({ ...filter, origin: e.target.value === '' ? null : (e.target.value as 'local' | 'platform') })}
          data-field="runs-origin"
        >
          <option value="">Local and platform</option>
          <option value="local">Local</option>
          <option value="platform">Platform</option>
        </select>
      </div>
      <p className="runs-panel__count">{loading && runs.length === 0 ? 'Loading runs…' : `${total} run${total === 1 ? '' : 's'}`}</p>
      {error !== null && (
        <p className="field__error" role="alert">
          The runs could not be read: {error.message}
        </p>
      )}
      {!loading && total === 0 && error === null && (
        <div className="panel-empty" data-testid="runs-empty">
          <p className="panel-empty__title">{filter.status !== null || filter.origin !== null ? 'No run matches' : 'No run yet'}</p>
          <p>Press Run (or Ctrl/⌘+Enter) to run this playbook with an event.</p>
        </div>
      )}
      <ul className="runs-list" aria-label="Runs">
        {runs.map((run) => (
          <li key={run.id}>
            <button
              type="button"
              className={`runs-list__row${run.id === shownId ? ' is-shown' : ''}`}
              data-run-row={run.id}
              data-run-status={run.status}
              aria-current={run.id === shownId}
              onClick={() => void showRun(run.id)}
              title={run.error ?? run.id}
            >
              <span className={`run-pill run-pill--${run.status}`}>{run.status}</span>
              <span className="runs-list__when">{new Date(run.started_at).toLocaleString()}</span>
              <span className="runs-list__meta">
                {run.origin === 'platform' ? 'platform' : `local${run.mock ? ` · mock ${run.mock}` : ''}`} · {formatDuration(durationMs(run.started_at, run.finished_at))}
                {run.playbook_version !== null && ` · v${run.playbook_version}`}
                {run.rerun_of !== null && ' · rerun'}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {runs.length < total && (
        <button type="button" className="button button--small" disabled={loading} onClick={() => void runsListStore.getState().loadMore()}>
          {loading ? 'Loading…' : `Load more (${total - runs.length} left)`}
        </button>
      )}
    </div>
  );
}
