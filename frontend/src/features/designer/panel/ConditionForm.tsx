/**
 * A condition's cases: name (also the name of its output branch), left, comparison,
 * right, description. Renaming a case renames its branch and keeps its links.
 */
import { useId, useState } from 'react';

import { addCase, caseNameProblem, moveCase, removeCase, renameCase, updateNode } from '../spl/edits';
import type { SplCase, SplNode } from '../spl/types';
import { documentStore } from '../stores/documentStore';
import { JinjaField } from './JinjaField';
import { useDraft } from './useDraft';

export const COMPARISONS = ['==', '!=', '<', '>', '<=', '>=', 'in', 'not in', 'range'] as const;

type Props = { nodeId: string; node: SplNode; blockName: string };

export function ConditionForm({ nodeId, node, blockName }: Props) {
  const cases = Array.isArray(node.cases) ? node.cases : [];
  const apply = documentStore.getState().apply;
  const setField = (index: number, field: keyof SplCase, value: string) =>
    apply(
      (pb) => updateNode(pb, nodeId, (n) => ({ ...n, cases: (n.cases ?? []).map((c, i) => (i === index ? { ...c, [field]: value } : c)) })),
      `edited a case of ${blockName}`,
      { coalesce: `case:${nodeId}:${index}:${field}` },
    );

  return (
    <div className="operator-form" data-testid="condition-form">
      <p className="panel-note">
        Cases are tried in order; the run follows the first that holds, or <code>else</code>. Wrap numbers in braces: <code>{'{{ 80 }}'}</code>.
      </p>
      {cases.length === 0 && <p className="panel-note panel-note--warn">No case yet: add one, or every run takes the else branch.</p>}
      <ol className="case-list">
        {cases.map((c, index) => (
          <li key={index} className="case-card" data-testid="condition-case">
            <div className="case-card__header">
              <span className="case-card__index">{index + 1}</span>
              <CaseName nodeId={nodeId} node={node} index={index} name={c.name} blockName={blockName} />
              <div className="case-card__actions">
                <button type="button" className="icon-button" aria-label={`Move case ${c.name} up`} disabled={index === 0} onClick={() => apply((pb) => moveCase(pb, nodeId, index, -1), `reordered cases of ${blockName}`)}>
                  ↑
                </button>
                <button type="button" className="icon-button" aria-label={`Move case ${c.name} down`} disabled={index === cases.length - 1} onClick={() => apply((pb) => moveCase(pb, nodeId, index, 1), `reordered cases of ${blockName}`)}>
                  ↓
                </button>
                <button type="button" className="icon-button icon-button--danger" aria-label={`Remove case ${c.name}`} onClick={() => apply((pb) => removeCase(pb, nodeId, index), `removed case ${c.name} of ${blockName}`)}>
                  ✕
                </button>
              </div>
            </div>
            <div className="case-card__test">
              <JinjaField value={stringOf(c.left)} onChange={(v) => setField(index, 'left', v)} ariaLabel={`Case ${c.name}: left value`} placeholder="Left, e.g. {{ node.2.status.name }}" testId="case-left" focusKey={{ node: nodeId, field: `cases[${index}].left` }} />
              <select
                className="input input--select case-card__comparison"
                aria-label={`Case ${c.name}: comparison`}
                data-testid="case-comparison"
                value={stringOf(c.comparison) || '=='}
                onChange={(e) => setField(index, 'comparison', e.target.value)}
              >
                {COMPARISONS.map((op) => (
                  <option key={op} value={op}>
                    {op}
                  </option>
                ))}
                {c.comparison !== undefined && !(COMPARISONS as readonly string[]).includes(c.comparison) && <option value={c.comparison}>{c.comparison}</option>}
              </select>
              <JinjaField
                value={stringOf(c.right)}
                onChange={(v) => setField(index, 'right', v)}
                ariaLabel={`Case ${c.name}: right value`}
                placeholder={c.comparison === 'range' ? '[{{10}}, {{100}}]' : 'Right, e.g. Closed or {{ 80 }}'}
                testId="case-right"
                focusKey={{ node: nodeId, field: `cases[${index}].right` }}
              />
            </div>
            <input
              className="input input--small"
              type="text"
              aria-label={`Case ${c.name}: description`}
              placeholder="Description (optional)"
              value={stringOf(c.description)}
              onChange={(e) => setField(index, 'description', e.target.value)}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button" data-testid="add-case" onClick={() => apply((pb) => addCase(pb, nodeId), `added a case to ${blockName}`)}>
        + Add case
      </button>
    </div>
  );
}

/** The case name: committed on Enter or when leaving the field, refused with a message if taken. */
function CaseName({ nodeId, node, index, name, blockName }: { nodeId: string; node: SplNode; index: number; name: string; blockName: string }) {
  const id = useId();
  const { draft, setDraft } = useDraft(name, (v) => v ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (draft === name) return;
    const why = caseNameProblem(node, index, draft);
    setProblem(why);
    if (why === null) documentStore.getState().apply((pb) => renameCase(pb, nodeId, index, draft), `renamed case ${name} of ${blockName} to ${draft}`);
  };
  return (
    <div className="case-card__name">
      <input
        id={id}
        className="input input--small"
        type="text"
        aria-label={`Case ${index + 1} name (its output branch)`}
        aria-invalid={problem !== null || undefined}
        data-testid="case-name"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(caseNameProblem(node, index, e.target.value));
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setDraft(name);
            setProblem(null);
          }
        }}
      />
      {problem !== null && (
        <p className="field__error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}
