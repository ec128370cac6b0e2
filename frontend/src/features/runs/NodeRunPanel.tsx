/**
 * The selected block's part of the run shown, at the top of the side panel: state, branch
 * taken, error, timings, flags (mocked, pinned, reused, rate limited), rendered arguments
 * and results (secrets arrive as `***`), a condition's cases with their values, and for a
 * foreach the node runs of the iteration picked in its strip.
 */
import { useState } from 'react';

import type { NodeRun } from '../../ipc';
import { useDocument } from '../designer/stores/documentStore';
import { durationMs, formatDuration, loopBodies } from './runModel';
import { useRun } from './runStore';

const MAX_SHOWN = 100_000;

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  const cut = text.length > MAX_SHOWN;
  return (
    <div className="node-run__json">
      <div className="field__label">{label}</div>
      <pre>{cut ? text.slice(0, MAX_SHOWN) : text}</pre>
      {cut && (
        <p className="node-run__meta">
          Showing the first {MAX_SHOWN.toLocaleString()} of {text.length.toLocaleString()} characters: the CODE view has all of it.
        </p>
      )}
    </div>
  );
}

type Case = { name: string; left: unknown; comparison: string; right: unknown; matched: boolean | null };

function CasesTable({ cases, chosen }: { cases: Case[]; chosen: string | null }) {
  return (
    <table className="node-run__cases" data-testid="condition-cases">
      <thead>
        <tr>
          <th>Case</th>
          <th>Left</th>
          <th />
          <th>Right</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.name} className={c.name === chosen ? 'is-chosen' : undefined}>
            <td>{c.name}</td>
            <td>{JSON.stringify(c.left)}</td>
            <td>{c.comparison}</td>
            <td>{JSON.stringify(c.right)}</td>
            <td>{c.matched === null ? 'error' : c.matched ? 'matched' : 'no'}</td>
          </tr>
        ))}
        {chosen === 'else' && (
          <tr className="is-chosen">
            <td colSpan={5}>No case matched: else</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

function conditionCases(run: NodeRun): Case[] | null {
  const cases = (run.arguments as { cases?: unknown } | null)?.cases;
  return Array.isArray(cases) ? (cases as Case[]) : null;
}

function OneNodeRun({ run, pinned }: { run: NodeRun; pinned: boolean }) {
  const cases = conditionCases(run);
  const flags = [run.reused && 'reused', run.mocked && (pinned ? 'pinned' : 'mocked'), /rate limit/i.test(run.error ?? '') && 'rate limited'].filter(Boolean) as string[];
  return (
    <div className="node-run" data-node-run={run.node_id} data-run-state={run.status}>
      <div className="node-run__head">
        <span className={`run-pill run-pill--${run.status}`} title={run.status === 'left' ? 'The run left the playbook here: no branch it took leads anywhere' : undefined}>
          {run.status === 'pending' ? 'not reached' : run.status === 'left' ? 'stopped here' : run.status}
        </span>
        {run.branches.length > 0 && <span className="node-run__meta">{run.branches.length > 1 ? 'branches' : 'branch'} {run.branches.join(', ')}</span>}
        <span className="node-run__meta">{formatDuration(durationMs(run.started_at, run.finished_at))}</span>
        {flags.map((f) => (
          <span key={f} className="node-run__flag">
            {f}
          </span>
        ))}
      </div>
      {run.error !== null && (
        <p className="node-run__error" role="alert">
          {run.error}
        </p>
      )}
      {run.started_at !== null && <p className="node-run__meta">Started {new Date(run.started_at).toLocaleTimeString()}{run.finished_at !== null && `, ended ${new Date(run.finished_at).toLocaleTimeString()}`}</p>}
      {cases !== null ? <CasesTable cases={cases} chosen={run.branches[0] ?? null} /> : run.arguments !== null && <JsonBlock label="Arguments (rendered)" value={run.arguments} />}
      {run.results !== null && <JsonBlock label="Results" value={run.results} />}
      {run.platform !== null && run.platform.logs !== null && run.platform.logs !== '' && (
        <div className="node-run__json node-run__logs" data-testid="node-run-logs">
          <div className="field__label">Logs (platform)</div>
          <pre>{run.platform.logs}</pre>
        </div>
      )}
    </div>
  );
}

export function NodeRunPanel({ nodeId }: { nodeId: string }) {
  const shown = useRun((s) => s.shown);
  const runs = useRun((s) => s.byNode.get(nodeId));
  const focus = useRun((s) => (s.focus?.nodeId === nodeId ? s.focus : null));
  const byNode = useRun((s) => s.byNode);
  const snapshot = useRun((s) => s.snapshot);
  const nodes = useDocument((s) => s.content.nodes);
  const [open, setOpen] = useState(true);
  if (shown === null) return null;
  const pinned = shown.pinned.has(nodeId);
  const body = focus !== null && snapshot !== null ? loopBodies(snapshot).get(nodeId) : undefined;
  const iterationRuns = body === undefined || focus === null ? [] : [...body].flatMap((id) => byNode.get(id) ?? []).filter((r) => r.iteration === focus.iteration);

  return (
    <section className="node-run-panel" data-panel="node-run" aria-label="This block in the run">
      <button type="button" className="node-run-panel__toggle" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        In this run
      </button>
      {open &&
        (runs === undefined || runs.length === 0 ? (
          <p className="node-run__meta">{shown.live ? 'Not reached yet.' : 'Not reached in this run.'}</p>
        ) : (
          <>
            {runs.length > 1 && <p className="node-run__meta">{runs.length} runs (once per loop item); the latest first.</p>}
            {[...runs].reverse().slice(0, 20).map((r) => (
              <OneNodeRun key={`${r.scope}-${r.iteration}`} run={r} pinned={pinned} />
            ))}
            {runs.length > 20 && <p className="node-run__meta">{runs.length - 20} more in the timeline and the CODE view.</p>}
          </>
        ))}
      {focus !== null && (
        <div className="node-run-panel__iteration" data-testid="iteration-runs">
          <div className="field__label">Item {focus.iteration}</div>
          {iterationRuns.length === 0 && <p className="node-run__meta">No block ran for this item.</p>}
          {iterationRuns.map((r) => (
            <div key={`${r.node_id}-${r.scope}`}>
              <div className="node-run__meta">{nodes[r.node_id]?.name ?? r.node_id}</div>
              <OneNodeRun run={r} pinned={shown.pinned.has(r.node_id)} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
