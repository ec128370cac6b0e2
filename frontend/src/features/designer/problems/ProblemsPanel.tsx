/**
 * The whole playbook's diagnostics (from the core's validation, refreshed after edits).
 * Clicking one about a block selects that block and centres it, and for a problem in a
 * field focuses that field with the cursor on the problem.
 */
import { useState } from 'react';

import type { Diagnostic } from '../../../ipc';
import { useDocument } from '../stores/documentStore';
import { fieldFocusStore } from '../stores/fieldFocusStore';
import { useValidation } from '../stores/validationStore';
import './problems.css';

export function ProblemsPanel({ onShowNode }: { onShowNode: (id: string) => void }) {
  const diagnostics = useValidation((s) => s.diagnostics);
  const status = useValidation((s) => s.status);
  const failure = useValidation((s) => s.error);
  const nodes = useDocument((s) => s.content.nodes);
  const [open, setOpen] = useState(true);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;

  return (
    <section className={`problems${open ? ' is-open' : ''}`} aria-label="Problems" data-testid="problems-panel">
      <button type="button" className="problems__bar" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="problems-toggle">
        <span className="problems__chevron" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span className="problems__title">Problems</span>
        <span className={`pill pill--error${errors === 0 ? ' is-zero' : ''}`} data-testid="problems-errors">
          {errors} {errors === 1 ? 'error' : 'errors'}
        </span>
        <span className={`pill pill--warning${warnings === 0 ? ' is-zero' : ''}`}>
          {warnings} {warnings === 1 ? 'warning' : 'warnings'}
        </span>
        {status === 'checking' && <span className="problems__status">Checking…</span>}
        {status === 'error' && <span className="problems__status problems__status--error">Validation unavailable{failure ? `: ${failure}` : ''}</span>}
      </button>
      {open && (
        <ul className="problems__list">
          {diagnostics.length === 0 && status === 'done' && <li className="problems__empty">No problem found.</li>}
          {diagnostics.map((d, i) => (
            <li key={i}>
              <DiagnosticRow diagnostic={d} name={d.node ? nodes[d.node]?.name : undefined} onShowNode={onShowNode} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DiagnosticRow({ diagnostic: d, name, onShowNode }: { diagnostic: Diagnostic; name: unknown; onShowNode: (id: string) => void }) {
  const where = d.node ? `${typeof name === 'string' && name !== '' ? name : 'Block'} (${d.node})` : d.line ? `line ${d.line}${d.column ? `:${d.column}` : ''}` : 'Playbook';
  const content = (
    <>
      <span className={`problems__icon problems__icon--${d.severity}`} aria-label={d.severity}>
        {d.severity === 'error' ? '✕' : '!'}
      </span>
      <span className="problems__where">{where}</span>
      {d.field && (
        <code className="problems__field">
          {d.field}
          {d.node && d.line !== null && <span className="problems__pos" title="Line and column inside the field">{` ${d.line}:${d.column ?? 1}`}</span>}
        </code>
      )}
      <span className="problems__message">{d.message}</span>
    </>
  );
  if (d.node) {
    const id = d.node;
    return (
      <button
        type="button"
        className="problems__row"
        data-testid="diagnostic"
        data-node={id}
        data-field={d.field ?? undefined}
        onClick={() => {
          onShowNode(id);
          if (d.field) fieldFocusStore.getState().ask({ node: id, field: d.field, line: d.line, column: d.column });
        }}
      >
        {content}
      </button>
    );
  }
  return (
    <div className="problems__row problems__row--static" data-testid="diagnostic">
      {content}
    </div>
  );
}
