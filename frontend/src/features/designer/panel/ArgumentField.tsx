/**
 * One argument of a block, rendered from its field description (see ./schemaForm.ts):
 * a Jinja editor for strings and numbers, a JSON editor (Jinja inside it still known) for
 * objects and arrays; a select for booleans and enums, with a "Jinja expression" choice
 * that turns it into a Jinja editor.
 */
import { useId, useState } from 'react';

import { hasJinja } from '../jinja/delimiters';
import { formatValue, parseValue, placeholderFor, type FieldSpec } from './schemaForm';
import { JinjaField, focusEditor } from './JinjaField';
import { useDraft } from './useDraft';

type ArgumentFieldProps = {
  spec: FieldSpec;
  value: unknown;
  /** Writes the value (undefined removes the argument). */
  onCommit: (value: unknown) => void;
  /** The block it belongs to (a problem clicked in Problems focuses the field). */
  nodeId?: string;
};

const JINJA_CHOICE = '__jinja__';
const UNSET_CHOICE = '__unset__';

export function ArgumentField({ spec, value, onCommit, nodeId }: ArgumentFieldProps) {
  const ids = useId();
  const inputId = `${ids}-input`;
  const helpId = `${ids}-help`;
  const labelId = `${ids}-label`;
  const { draft, setDraft, markOwn } = useDraft(value, (v) => formatValue(spec, v));
  const [error, setError] = useState<string | null>(null);
  const [jinjaMode, setJinjaMode] = useState(false);

  const commitText = (text: string) => {
    setDraft(text);
    const parsed = parseValue(spec, text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    if (sameJson(parsed.value, value)) return;
    markOwn(parsed.value);
    onCommit(parsed.value);
  };

  const choice = spec.kind === 'boolean' || spec.kind === 'enum';
  const showText = !choice || jinjaMode || (typeof value === 'string' && (spec.kind === 'boolean' || hasJinja(value)));

  return (
    <div className="field" data-testid="argument-field" data-argument={spec.name}>
      {/* A label's `for` names the select; the Jinja editor is named by `aria-labelledby` and focused on click. */}
      <label id={labelId} className="field__label" htmlFor={inputId} onClick={() => focusEditor(inputId)}>
        {spec.label}
        {spec.required && <span className="field__required">required</span>}
        {spec.label !== spec.name && <code className="field__key">{spec.name}</code>}
        {spec.extra && <span className="field__tag">not in schema</span>}
        {spec.secret && <span className="field__tag field__tag--secret">secret</span>}
      </label>
      {choice && (
        <select
          id={showText ? undefined : inputId}
          className="input input--select"
          aria-label={showText ? `${spec.label}: kind of value` : undefined}
          aria-describedby={spec.description ? helpId : undefined}
          data-testid={`argument-${spec.name}-select`}
          value={showText ? JINJA_CHOICE : value === undefined ? UNSET_CHOICE : JSON.stringify(value)}
          onChange={(e) => {
            const picked = e.target.value;
            if (picked === JINJA_CHOICE) {
              setJinjaMode(true);
              setDraft(typeof value === 'string' ? value : '');
              return;
            }
            setJinjaMode(false);
            setError(null);
            const next = picked === UNSET_CHOICE ? undefined : JSON.parse(picked);
            if (!sameJson(next, value)) {
              markOwn(next);
              onCommit(next);
            }
          }}
        >
          <option value={UNSET_CHOICE}>{spec.defaultValue !== undefined ? `Not set (default: ${String(spec.defaultValue)})` : 'Not set'}</option>
          {(spec.kind === 'boolean' ? [true, false] : (spec.enumValues ?? [])).map((v) => (
            <option key={JSON.stringify(v)} value={JSON.stringify(v)}>
              {String(v)}
            </option>
          ))}
          <option value={JINJA_CHOICE}>Jinja expression…</option>
        </select>
      )}
      {showText && (
        <JinjaField
          id={inputId}
          value={draft}
          onChange={commitText}
          multiline={spec.kind === 'json' || spec.multiline || draft.includes('\n')}
          rows={spec.kind === 'json' ? 4 : 3}
          language={spec.kind === 'json' ? 'json' : 'jinja'}
          labelledBy={labelId}
          completionHint={spec.name}
          placeholder={placeholderFor(spec) || (spec.kind === 'string' ? 'Text or {{ node.<id>.<field> }}' : undefined)}
          ariaRequired={spec.required}
          error={error}
          describedBy={spec.description ? helpId : undefined}
          testId={`argument-${spec.name}`}
          focusKey={nodeId === undefined ? undefined : { node: nodeId, field: `arguments.${spec.name}` }}
        />
      )}
      {spec.description && (
        <p id={helpId} className="field__help">
          {spec.description}
        </p>
      )}
    </div>
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
