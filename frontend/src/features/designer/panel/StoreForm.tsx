/** A store operator's modifications: key, type (set, unset, append, remove) and value. */
import { updateNode } from '../spl/edits';
import type { SplModification, SplNode } from '../spl/types';
import { documentStore } from '../stores/documentStore';
import { JinjaField } from './JinjaField';

export const MODIFICATION_TYPES = ['set', 'unset', 'append', 'remove'] as const;

type Props = { nodeId: string; node: SplNode; blockName: string };

export function StoreForm({ nodeId, node, blockName }: Props) {
  const modifications = Array.isArray(node.modifications) ? node.modifications : [];
  const apply = documentStore.getState().apply;
  const change = (update: (list: SplModification[]) => SplModification[], summary: string, coalesce?: string) =>
    apply((pb) => updateNode(pb, nodeId, (n) => ({ ...n, modifications: update(Array.isArray(n.modifications) ? n.modifications : []) })), summary, coalesce ? { coalesce } : {});
  const setField = (index: number, field: string, value: unknown) =>
    change((list) => list.map((m, i) => (i === index ? withField(m, field, value) : m)), `edited the store of ${blockName}`, `mod:${nodeId}:${index}:${field}`);

  return (
    <div className="operator-form" data-testid="store-form">
      <p className="panel-note">
        Values kept for the rest of the run, read anywhere as <code>{'{{ store.<key> }}'}</code>.
      </p>
      {modifications.length === 0 && <p className="panel-note panel-note--warn">No modification yet.</p>}
      <ol className="case-list">
        {modifications.map((m, index) => (
          <li key={index} className="case-card" data-testid="store-modification">
            <div className="case-card__row">
              <input
                className="input input--small"
                type="text"
                aria-label={`Modification ${index + 1}: key`}
                placeholder="key"
                data-testid="modification-key"
                value={typeof m.key === 'string' ? m.key : ''}
                onChange={(e) => setField(index, 'key', e.target.value)}
              />
              <select
                className="input input--select input--small"
                aria-label={`Modification ${index + 1}: type`}
                data-testid="modification-type"
                value={typeof m.type === 'string' ? m.type : 'set'}
                onChange={(e) => setField(index, 'type', e.target.value)}
              >
                {MODIFICATION_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="icon-button icon-button--danger"
                aria-label={`Remove modification ${index + 1}`}
                onClick={() => change((list) => list.filter((_, i) => i !== index), `removed a store modification of ${blockName}`)}
              >
                ✕
              </button>
            </div>
            {m.type !== 'unset' && (
              <JinjaField
                value={typeof m.value === 'string' ? m.value : m.value === undefined ? '' : JSON.stringify(m.value)}
                onChange={(v) => setField(index, 'value', v)}
                ariaLabel={`Modification ${index + 1}: value`}
                placeholder="Value, e.g. {{ node.2.id }}"
                testId="modification-value"
                focusKey={{ node: nodeId, field: `modifications[${index}].value` }}
              />
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button"
        data-testid="add-modification"
        onClick={() => change((list) => [...list, { key: '', type: 'set', value: '' }], `added a store modification to ${blockName}`)}
      >
        + Add modification
      </button>
    </div>
  );
}

function withField(m: SplModification, field: string, value: unknown): SplModification {
  return { ...m, [field]: value };
}
