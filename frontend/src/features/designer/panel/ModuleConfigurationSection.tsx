/**
 * The "Module configuration" section of an action or trigger whose module is in the
 * catalogue: which configuration of the module the block uses (`module_configuration_uuid`,
 * an undoable document edit), a form to create one from the module's configuration
 * schema, and the chosen configuration's values and secrets.
 *
 * Secrets are typed into uncontrolled password inputs: they never enter React state or a
 * store, are read once when the form is submitted, handed to the core, and the inputs are
 * emptied right after the call, whatever its outcome. The core only ever returns secret
 * *names*.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

import type { IpcError, Module, ModuleConfiguration } from '../../../ipc';
import {
  NAME_ERROR,
  configurationFields,
  nodeConfigurationId,
  readNewConfiguration,
  setNodeConfiguration,
  type ConfigurationFields,
} from '../configurations/configurationLogic';
import { configurationsStore, useConfigurations } from '../configurations/configurationsStore';
import type { SplNode } from '../spl/types';
import { documentStore } from '../stores/documentStore';
import { ConfigurationDetails, ConfigurationError } from './ConfigurationDetails';
import { placeholderFor, type FieldSpec } from './schemaForm';
import './configuration.css';

const NONE = '';

type Props = { nodeId: string; node: SplNode; module: Module; blockName: string };

export function ModuleConfigurationSection({ nodeId, node, module, blockName }: Props) {
  const ids = useId();
  const entry = useConfigurations((s) => s.byModule[module.uuid]);
  const fields = useMemo(() => configurationFields(module.configuration), [module.configuration]);
  const [creating, setCreating] = useState(false);
  const selectRef = useRef<HTMLSelectElement>(null);
  const newButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // Refreshed each time a block of the module is shown; the list stays usable meanwhile.
    void configurationsStore.getState().load(module.uuid, true);
  }, [module.uuid]);

  const selectedId = nodeConfigurationId(node);
  const items = entry?.items ?? [];
  const selected = items.find((c) => c.id === selectedId) ?? null;
  const loading = entry === undefined || entry.status === 'loading';

  const choose = (id: string | null, label: string) =>
    documentStore.getState().apply((pb) => setNodeConfiguration(pb, nodeId, id), id === null ? `cleared the configuration of ${blockName}` : `chose configuration ${label} for ${blockName}`);

  return (
    <section className="module-config" data-testid="module-configuration" aria-labelledby={`${ids}-title`} aria-busy={loading}>
      <h3 className="block-panel__section" id={`${ids}-title`}>
        Module configuration
      </h3>
      <div className="field">
        <label className="field__label" htmlFor={`${ids}-select`}>
          {module.name} configuration
        </label>
        <select
          id={`${ids}-select`}
          ref={selectRef}
          className="input input--select"
          data-testid="configuration-select"
          value={selectedId ?? NONE}
          onChange={(e) => {
            const id = e.target.value === NONE ? null : e.target.value;
            choose(id, items.find((c) => c.id === id)?.name ?? '');
          }}
        >
          <option value={NONE}>None</option>
          {items.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
          {selectedId !== null && selected === null && <option value={selectedId}>{loading ? 'Loading…' : `Unknown configuration (${shortId(selectedId)})`}</option>}
        </select>
        {loading && items.length === 0 && (
          <p className="field__help" role="status" data-testid="configuration-loading">
            Loading the configurations of {module.name}…
          </p>
        )}
        {entry?.status === 'error' && entry.error !== null && (
          <ConfigurationError error={entry.error} testId="configuration-list-error">
            <button type="button" className="button button--small" onClick={() => void configurationsStore.getState().load(module.uuid, true)}>
              Retry
            </button>
          </ConfigurationError>
        )}
        {entry?.status === 'ready' && selectedId !== null && selected === null && (
          <p className="panel-note panel-note--warn" data-testid="configuration-missing">
            This block uses configuration <code>{selectedId}</code>, which does not exist on this computer. Choose another one or create one.
          </p>
        )}
      </div>
      {creating ? (
        <NewConfigurationForm
          module={module}
          fields={fields}
          onCreated={(created) => {
            setCreating(false);
            choose(created.id, created.name);
            requestAnimationFrame(() => selectRef.current?.focus());
          }}
          onCancel={() => {
            setCreating(false);
            requestAnimationFrame(() => newButtonRef.current?.focus());
          }}
        />
      ) : (
        <button type="button" ref={newButtonRef} className="button button--small" data-testid="configuration-new" onClick={() => setCreating(true)}>
          New configuration…
        </button>
      )}
      {selected !== null && <ConfigurationDetails configuration={selected} fields={fields} />}
    </section>
  );
}

type NewFormProps = {
  module: Module;
  fields: ConfigurationFields;
  onCreated(configuration: ModuleConfiguration): void;
  onCancel(): void;
};

function NewConfigurationForm({ module, fields, onCreated, onCancel }: NewFormProps) {
  const ids = useId();
  const [name, setName] = useState('');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const secretInputs = useRef(new Map<string, HTMLInputElement>());

  useEffect(() => nameRef.current?.focus(), []);

  const clearSecrets = () => {
    for (const input of secretInputs.current.values()) input.value = '';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const secretTexts: Record<string, string> = {};
    for (const [field, input] of secretInputs.current) secretTexts[field] = input.value;
    const result = readNewConfiguration(module.uuid, fields, name, texts, secretTexts);
    if (!result.ok) {
      setErrors(result.errors);
      const first = Object.keys(result.errors)[0];
      requestAnimationFrame(() => [...(formRef.current?.querySelectorAll<HTMLElement>('[data-field]') ?? [])].find((el) => el.dataset.field === first)?.focus());
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    let created: ModuleConfiguration | null = null;
    try {
      created = await configurationsStore.getState().create(result.input);
    } catch (e) {
      setFailure(e as IpcError);
      setBusy(false);
    } finally {
      clearSecrets();
    }
    if (created !== null) onCreated(created);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      event.stopPropagation();
      clearSecrets();
      onCancel();
    }
  };

  const errorId = (field: string) => `${ids}-${field}-error`;
  const fieldError = (field: string) =>
    errors[field] !== undefined ? (
      <p id={errorId(field)} className="field__error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form ref={formRef} className="config-form" data-testid="configuration-form" aria-label={`New ${module.name} configuration`} aria-busy={busy} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <p className="config-form__title">New {module.name} configuration</p>
      <div className="field">
        <label className="field__label" htmlFor={`${ids}-name`}>
          Name<span className="field__required">required</span>
        </label>
        <input
          id={`${ids}-name`}
          ref={nameRef}
          className="input"
          type="text"
          autoComplete="off"
          data-field={NAME_ERROR}
          data-testid="configuration-name"
          value={name}
          aria-required
          aria-invalid={errors[NAME_ERROR] !== undefined}
          aria-describedby={errors[NAME_ERROR] !== undefined ? errorId('name') : undefined}
          onChange={(e) => setName(e.target.value)}
          disabled={busy}
        />
        {errors[NAME_ERROR] !== undefined && (
          <p id={errorId('name')} className="field__error">
            {errors[NAME_ERROR]}
          </p>
        )}
      </div>
      {fields.values.map((spec) => (
        <ValueField
          key={spec.name}
          spec={spec}
          id={`${ids}-v-${spec.name}`}
          text={texts[spec.name] ?? ''}
          error={errors[spec.name]}
          errorId={errorId(spec.name)}
          disabled={busy}
          onChange={(text) => setTexts((t) => ({ ...t, [spec.name]: text }))}
        >
          {fieldError(spec.name)}
        </ValueField>
      ))}
      {fields.secrets.map((spec) => (
        <div className="field" key={spec.name}>
          <label className="field__label" htmlFor={`${ids}-s-${spec.name}`}>
            {spec.label}
            {spec.required && <span className="field__required">required</span>}
            <span className="field__tag field__tag--secret">secret</span>
          </label>
          <input
            id={`${ids}-s-${spec.name}`}
            ref={(el) => {
              if (el) secretInputs.current.set(spec.name, el);
              else secretInputs.current.delete(spec.name);
            }}
            className="input"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            data-field={spec.name}
            data-testid={`configuration-secret-${spec.name}`}
            aria-required={spec.required}
            aria-invalid={errors[spec.name] !== undefined}
            aria-describedby={`${ids}-s-${spec.name}-help${errors[spec.name] !== undefined ? ` ${errorId(spec.name)}` : ''}`}
            disabled={busy}
          />
          <p id={`${ids}-s-${spec.name}-help`} className="field__help">
            {spec.description !== '' ? `${spec.description} ` : ''}Kept in the OS keychain; it is never shown again.
          </p>
          {fieldError(spec.name)}
        </div>
      ))}
      {failure !== null && <ConfigurationError error={failure} testId="configuration-create-error" />}
      <div className="config-form__actions">
        <button type="submit" className="button button--primary button--small" data-testid="configuration-create" disabled={busy}>
          {busy ? 'Creating…' : 'Create'}
        </button>
        <button
          type="button"
          className="button button--ghost button--small"
          disabled={busy}
          onClick={() => {
            clearSecrets();
            onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

type ValueFieldProps = {
  spec: FieldSpec;
  id: string;
  text: string;
  error: string | undefined;
  errorId: string;
  disabled: boolean;
  onChange(text: string): void;
  children?: React.ReactNode;
};

/** One non-secret field of the creation form, as text (parsed on submit by `readNewConfiguration`). */
function ValueField({ spec, id, text, error, errorId, disabled, onChange, children }: ValueFieldProps) {
  const helpId = `${id}-help`;
  const describedBy = [spec.description !== '' ? helpId : '', error !== undefined ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    disabled,
    'data-field': spec.name,
    'data-testid': `configuration-value-${spec.name}`,
    'aria-required': spec.required,
    'aria-invalid': error !== undefined,
    'aria-describedby': describedBy,
  };
  let control: React.ReactNode;
  if (spec.kind === 'boolean' || spec.kind === 'enum') {
    const choices = spec.kind === 'boolean' ? [true, false] : (spec.enumValues ?? []);
    control = (
      <select {...common} className="input input--select" value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">{spec.defaultValue !== undefined ? `Not set (default: ${String(spec.defaultValue)})` : 'Not set'}</option>
        {choices.map((v) => (
          <option key={JSON.stringify(v)} value={spec.kind === 'boolean' ? String(v) : JSON.stringify(v)}>
            {String(v)}
          </option>
        ))}
      </select>
    );
  } else if (spec.kind === 'json' || spec.multiline) {
    control = <textarea {...common} className="input input--multiline" rows={3} value={text} placeholder={placeholderFor(spec)} onChange={(e) => onChange(e.target.value)} />;
  } else {
    control = (
      <input
        {...common}
        className="input"
        type="text"
        inputMode={spec.kind === 'number' || spec.kind === 'integer' ? 'decimal' : undefined}
        autoComplete="off"
        value={text}
        placeholder={placeholderFor(spec)}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {spec.label}
        {spec.required && <span className="field__required">required</span>}
        {spec.label !== spec.name && <code className="field__key">{spec.name}</code>}
      </label>
      {control}
      {spec.description !== '' && (
        <p id={helpId} className="field__help">
          {spec.description}
        </p>
      )}
      {children}
    </div>
  );
}

function shortId(value: string): string {
  return value.length > 13 ? `${value.slice(0, 8)}…` : value;
}
