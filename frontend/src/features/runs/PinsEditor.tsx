/**
 * Results pinned per action for a run (the CLI's `--pin NODE=FILE`): pick an action, paste
 * or load its results as JSON; the engine then uses them instead of calling the action.
 */
import { useState } from 'react';

import { loadJsonFile, toIpcError } from '../../ipc';
import type { SplNodes } from '../designer/spl/types';
import { parseJsonObject, prettyJson } from './jsonText';

/** Node id → JSON text as typed. */
export type PinDrafts = Record<string, string>;

type PinsEditorProps = { nodes: SplNodes; pins: PinDrafts; onChange(pins: PinDrafts): void };

export function PinsEditor({ nodes, pins, onChange }: PinsEditorProps) {
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const actions = Object.entries(nodes).filter(([, n]) => n.type === 'action');
  const free = actions.filter(([id]) => !(id in pins));
  const label = (id: string) => `${typeof nodes[id]?.name === 'string' && nodes[id].name !== '' ? nodes[id].name : 'Action'} (${id})`;

  const load = async (id: string) => {
    setError(null);
    try {
      const value = await loadJsonFile(`Results for ${label(id)}`);
      if (value !== null) onChange({ ...pins, [id]: prettyJson(value) });
    } catch (e) {
      setError(toIpcError(e).message);
    }
  };

  return (
    <div className="run-dialog__section" data-testid="run-pins">
      <div className="run-dialog__label-row">
        <span className="field__label">Pinned results</span>
        <span className="run-dialog__aside">Used instead of calling the action (marked “pinned” in the run); {'{"$error": "why"}'} makes it fail.</span>
      </div>
      {Object.entries(pins).map(([id, text]) => {
        const parsed = parseJsonObject(text, 'Pinned results');
        return (
          <div key={id} className="run-pin">
            <div className="run-dialog__label-row">
              <span className="run-pin__name">{label(id)}</span>
              <button type="button" className="button button--small button--ghost" onClick={() => void load(id)}>
                Load file…
              </button>
              <button
                type="button"
                className="button button--small button--danger-text"
                onClick={() => onChange(Object.fromEntries(Object.entries(pins).filter(([k]) => k !== id)))}
                aria-label={`Unpin ${label(id)}`}
              >
                Remove
              </button>
            </div>
            <textarea
              className="run-dialog__json run-dialog__json--small"
              data-field={`run-pin-${id}`}
              spellCheck={false}
              rows={4}
              value={text}
              aria-invalid={!parsed.ok}
              onChange={(e) => onChange({ ...pins, [id]: e.target.value })}
            />
            {!parsed.ok && <p className="field__error">{parsed.message}</p>}
          </div>
        );
      })}
      {error !== null && <p className="field__error">{error}</p>}
      {free.length > 0 ? (
        <div className="run-pin__add">
          <select className="input" value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Action to pin" data-field="run-pin-choice">
            <option value="">Pin the results of…</option>
            {free.map(([id]) => (
              <option key={id} value={id}>
                {label(id)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--small"
            disabled={choice === ''}
            onClick={() => {
              onChange({ ...pins, [choice]: '{\n  \n}' });
              setChoice('');
            }}
            data-action="add-pin"
          >
            Pin
          </button>
        </div>
      ) : (
        actions.length === 0 && <p className="run-dialog__hint">This playbook has no action to pin.</p>
      )}
    </div>
  );
}
