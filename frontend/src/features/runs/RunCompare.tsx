/**
 * "Compare with…" on the run shown: pick another run (of this playbook, from the runs
 * list), then see what differs — the first difference first, each node run's state, branch,
 * arguments and results as JSON changes, and the playbook's changes between the versions.
 */
import { useEffect, useId, useState } from 'react';

import { ActionError } from '../../components/ActionError';
import { compareRuns, toIpcError, type IpcError, type JsonChange, type NodeDifference, type RunComparison } from '../../ipc';
import { documentStore } from '../designer/stores/documentStore';
import { runsListStore, useRunsList } from './runsListStore';

type Props = { runId: string; onClose: () => void };

export function RunCompareDialog({ runId, onClose }: Props) {
  const ids = useId();
  const runs = useRunsList((s) => s.runs).filter((r) => r.id !== runId);
  const [other, setOther] = useState<string | null>(runs[0]?.id ?? null);
  const [comparison, setComparison] = useState<RunComparison | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  // The runs to pick from: this playbook's (the Runs tab may never have been opened).
  useEffect(() => {
    const id = documentStore.getState().summary?.id;
    if (id !== undefined && runsListStore.getState().playbookId !== id) void runsListStore.getState().open(id);
  }, []);
  useEffect(() => {
    if (other === null && runs.length > 0) setOther(runs[0].id);
  }, [other, runs]);

  useEffect(() => {
    if (other === null) return;
    let live = true;
    setComparison(null);
    // The other run is the reference: what changed from it to the run shown.
    compareRuns(other, runId).then(
      (c) => live && setComparison(c),
      (e) => live && setError(toIpcError(e)),
    );
    return () => {
      live = false;
    };
  }, [other, runId]);

  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog dialog--wide run-compare" role="dialog" aria-modal="true" aria-labelledby={`${ids}-title`} data-panel="run-comparison">
        <div className="dialog__header">
          <h2 id={`${ids}-title`} className="dialog__title">
            Compare runs
          </h2>
          <button type="button" className="button button--ghost" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
        <div className="dialog__body">
          {runs.length === 0 ? (
            <p>This playbook has no other run to compare with.</p>
          ) : (
            <label className="field">
              <span className="field__label">From the run</span>
              <select className="input" value={other ?? ''} onChange={(e) => setOther(e.target.value)} data-field="compare-with">
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {new Date(r.started_at).toLocaleString()} · {r.status} · {r.origin}
                    {r.playbook_version !== null ? ` · v${r.playbook_version}` : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {error !== null && <ActionError error={error} testId="compare-error" />}
          {comparison !== null && <ComparisonView comparison={comparison} />}
        </div>
      </div>
    </div>
  );
}

function blockLabel(d: NodeDifference): string {
  const at = d.iteration !== null ? ` · item ${d.iteration}` : '';
  return `${d.name ?? 'block'} (${d.node_id})${at}`;
}

function describe(d: NodeDifference): string {
  switch (d.what) {
    case 'only_in_first':
      return `ran only in the earlier run (${d.first ?? ''})`;
    case 'only_in_second':
      return `ran only in this run (${d.second ?? ''})`;
    case 'status':
    case 'branch':
      return `${d.what}: ${d.first ?? 'none'} → ${d.second ?? 'none'}`;
    default:
      return `${d.what}: ${d.changes.length}${d.truncated ? '+' : ''} change${d.changes.length === 1 ? '' : 's'}`;
  }
}

function ComparisonView({ comparison }: { comparison: RunComparison }) {
  const { differences, playbook_changes: changes, first, second } = comparison;
  return (
    <div className="run-compare__result">
      <p className="run-compare__sides">
        {first.status} · v{first.playbook_version ?? '?'} → {second.status} · v{second.playbook_version ?? '?'}
      </p>
      {differences.length === 0 ? (
        <p className="action-done" data-testid="runs-agree">
          The runs agree: same blocks, states, branches, arguments and results.
        </p>
      ) : (
        <>
          <p data-testid="first-difference">
            First difference: <strong>{blockLabel(differences[0])}</strong> — {describe(differences[0])}
          </p>
          <ol className="run-compare__list">
            {differences.map((d, i) => (
              <li key={i} data-diff-node={d.node_id} data-diff-what={d.what}>
                <strong>{blockLabel(d)}</strong> — {describe(d)}
                {d.changes.length > 0 && <Changes changes={d.changes} />}
              </li>
            ))}
          </ol>
        </>
      )}
      {changes.length > 0 && (
        <details className="run-compare__playbook" data-testid="playbook-changes">
          <summary>
            The playbook changed between the runs ({changes.length} change{changes.length === 1 ? '' : 's'})
          </summary>
          <Changes changes={changes} />
        </details>
      )}
    </div>
  );
}

const short = (v: unknown) => {
  const text = JSON.stringify(v);
  return text === undefined ? '' : text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

function Changes({ changes }: { changes: JsonChange[] }) {
  return (
    <table className="run-compare__changes">
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} className={`change change--${c.kind}`}>
            <td>{c.kind}</td>
            <td>
              <code>{c.path === '' ? '(whole value)' : c.path}</code>
            </td>
            <td>
              <code>{c.kind === 'added' ? '' : short(c.before)}</code>
            </td>
            <td>
              <code>{c.kind === 'removed' ? '' : short(c.after)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
