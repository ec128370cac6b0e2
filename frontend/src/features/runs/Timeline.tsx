/**
 * The run's timeline under the canvas: one bar per node run in start order, placed and
 * sized by its start and duration, coloured by state, with reuse, mocks and pins marked.
 * Only the rows in view are drawn (a run of thousands of node runs scrolls smoothly).
 * Clicking a row selects its block.
 */
import { useMemo, useState } from 'react';

import type { NodeRun } from '../../ipc';
import { useDocument } from '../designer/stores/documentStore';
import { durationMs, formatDuration } from './runModel';
import { useRun } from './runStore';

const ROW = 22;
const HEIGHT = 150;

type Row = { run: NodeRun; left: number; width: number; took: number | null };

function layout(runs: readonly NodeRun[], now: number): { rows: Row[]; span: number } {
  const started = runs.filter((r) => r.started_at !== null).sort((a, b) => Date.parse(a.started_at!) - Date.parse(b.started_at!));
  if (started.length === 0) return { rows: [], span: 0 };
  const t0 = Date.parse(started[0].started_at!);
  const ends = started.map((r) => (r.finished_at !== null ? Date.parse(r.finished_at) : now));
  const span = Math.max(1, Math.max(...ends) - t0);
  const rows = started.map((run, i) => {
    const start = Date.parse(run.started_at!) - t0;
    return { run, left: start / span, width: Math.max(0, ends[i] - t0 - start) / span, took: durationMs(run.started_at, run.finished_at) };
  });
  return { rows, span };
}

export function Timeline({ onShowNode }: { onShowNode(id: string): void }) {
  const nodeRuns = useRun((s) => s.nodeRuns);
  const pinned = useRun((s) => s.shown?.pinned);
  const live = useRun((s) => s.shown?.live ?? false);
  const nodes = useDocument((s) => s.content.nodes);
  const [scrollTop, setScrollTop] = useState(0);
  const { rows, span } = useMemo(() => layout(nodeRuns, Date.now()), [nodeRuns]);
  if (rows.length === 0) {
    return (
      <div className="timeline timeline--empty" data-testid="run-timeline">
        {live ? 'Waiting for the first block…' : 'No block ran.'}
      </div>
    );
  }
  const first = Math.max(0, Math.floor(scrollTop / ROW) - 5);
  const last = Math.min(rows.length, Math.ceil((scrollTop + HEIGHT) / ROW) + 5);

  return (
    <div className="timeline" data-testid="run-timeline" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} aria-label={`Timeline: ${rows.length} node runs over ${formatDuration(span)}`}>
      <div className="timeline__inner" style={{ height: rows.length * ROW }}>
        {rows.slice(first, last).map((row, i) => {
          const { run } = row;
          const name = nodes[run.node_id]?.name ?? run.node_id;
          const marks = [run.reused && 'reused', run.mocked && (pinned?.has(run.node_id) ? 'pinned' : 'mocked'), /rate limit/i.test(run.error ?? '') && 'rate limited'].filter(Boolean);
          const where = run.iteration !== null ? ` [${run.scope !== null ? `${run.scope}.` : ''}${run.iteration}]` : '';
          return (
            <button
              type="button"
              key={`${run.node_id}-${run.scope}-${run.iteration}`}
              className={`timeline__row timeline__row--${run.status}`}
              style={{ top: (first + i) * ROW }}
              onClick={() => onShowNode(run.node_id)}
              data-timeline-node={run.node_id}
              title={`${name}${where}: ${run.status}, ${formatDuration(row.took)}${marks.length ? ` (${marks.join(', ')})` : ''}${run.error ? `\n${run.error}` : ''}`}
            >
              <span className="timeline__label">
                {name}
                {where}
              </span>
              <span className="timeline__track">
                <span className="timeline__bar" style={{ left: `${row.left * 100}%`, width: `max(3px, ${row.width * 100}%)` }} />
              </span>
              <span className="timeline__time">
                {formatDuration(row.took)}
                {marks.map((m) => (
                  <span key={String(m)} className="timeline__mark">
                    {m}
                  </span>
                ))}
              </span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
