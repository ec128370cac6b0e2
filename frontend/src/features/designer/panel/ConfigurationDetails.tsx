/**
 * The chosen module configuration: its non-secret values (read-only) and, per secret field
 * of the module's schema, "stored in the keychain" with Replace / Remove, or "not set" with
 * Set. Secrets are typed into uncontrolled password inputs, read once, handed to the core and
 * cleared; the core only returns secret names.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

import type { IpcError, ModuleConfiguration } from '../../../ipc';
import { secretStates, shownValues, type ConfigurationFields } from '../configurations/configurationLogic';
import { configurationsStore } from '../configurations/configurationsStore';
import type { FieldSpec } from './schemaForm';

export function ConfigurationError({ error, testId, children }: { error: IpcError; testId: string; children?: React.ReactNode }) {
  return (
    <div className="config-error" role="alert" data-testid={testId} data-error-code={error.code}>
      {error.code === 'vault_unavailable' && <strong>The OS keychain is not reachable. </strong>}
      <span>{error.message}</span>
      {children}
    </div>
  );
}

export function ConfigurationDetails({ configuration, fields }: { configuration: ModuleConfiguration; fields: ConfigurationFields }) {
  const values = shownValues(fields, configuration);
  const secrets = secretStates(fields, configuration);
  return (
    <div className="config-details" data-testid="configuration-details" data-configuration-id={configuration.id}>
      {values.length > 0 ? (
        <dl className="config-values" aria-label={`Values of ${configuration.name}`}>
          {values.map((v) => (
            <div key={v.name} className="config-values__row" data-testid="configuration-value" data-field={v.name}>
              <dt>{v.label}</dt>
              <dd>{v.text}</dd>
            </div>
          ))}
        </dl>
      ) : (
        fields.secrets.length === 0 && <p className="panel-note">This module has no settings.</p>
      )}
      {secrets.length > 0 && (
        <ul className="stack-list" aria-label={`Secrets of ${configuration.name}`}>
          {secrets.map(({ spec, stored }) => (
            <SecretRow key={spec.name} configuration={configuration} spec={spec} stored={stored} />
          ))}
        </ul>
      )}
    </div>
  );
}

type SecretMode = 'idle' | 'editing' | 'confirming';

function SecretRow({ configuration, spec, stored }: { configuration: ModuleConfiguration; spec: FieldSpec; stored: boolean }) {
  const ids = useId();
  const [mode, setMode] = useState<SecretMode>('idle');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<IpcError | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const mainButtonRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mode === 'editing') inputRef.current?.focus();
    if (mode === 'confirming') cancelRef.current?.focus();
  }, [mode]);

  const back = () => {
    if (inputRef.current) inputRef.current.value = '';
    setMode('idle');
    requestAnimationFrame(() => mainButtonRef.current?.focus());
  };

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await call();
      back();
    } catch (e) {
      setFailure(e as IpcError);
    } finally {
      if (inputRef.current) inputRef.current.value = '';
      setBusy(false);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const secret = inputRef.current?.value ?? '';
    if (secret === '') {
      setFailure({ code: 'invalid_input', message: `Type the new ${spec.label}.` });
      inputRef.current?.focus();
      return;
    }
    void run(() => configurationsStore.getState().replaceSecret(configuration.id, spec.name, secret));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && mode !== 'idle' && !busy) {
      event.preventDefault();
      event.stopPropagation();
      setFailure(null);
      back();
    }
  };

  return (
    <li className="secret-row" data-testid="configuration-secret" data-field={spec.name} data-stored={stored} onKeyDown={onKeyDown}>
      <div className="secret-row__line">
        <span className="secret-row__name">{spec.label}</span>
        <span className={`secret-row__state${stored ? ' secret-row__state--stored' : ''}`} data-testid="configuration-secret-state">
          {stored ? 'stored in the keychain' : 'not set'}
        </span>
        {mode === 'idle' && (
          <span className="secret-row__actions">
            <button type="button" ref={mainButtonRef} className="button button--small" data-testid="configuration-secret-set" onClick={() => setMode('editing')} aria-label={`${stored ? 'Replace' : 'Set'} ${spec.label}`}>
              {stored ? 'Replace' : 'Set'}
            </button>
            {stored && (
              <button type="button" className="button button--small button--danger-text" data-testid="configuration-secret-remove" onClick={() => setMode('confirming')} aria-label={`Remove ${spec.label}`}>
                Remove
              </button>
            )}
          </span>
        )}
      </div>
      {mode === 'editing' && (
        <form className="secret-row__form" onSubmit={save} aria-busy={busy} noValidate>
          <label className="field__label" htmlFor={`${ids}-secret`}>
            {stored ? 'New' : ''} {spec.label}
          </label>
          <input id={`${ids}-secret`} ref={inputRef} className="input" type="password" autoComplete="new-password" spellCheck={false} data-testid="configuration-secret-input" disabled={busy} />
          <div className="config-form__actions">
            <button type="submit" className="button button--primary button--small" data-testid="configuration-secret-save" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button button--ghost button--small" disabled={busy} onClick={back}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'confirming' && (
        <div className="secret-row__confirm" role="group" aria-label={`Remove ${spec.label}`}>
          <p>
            Remove the {spec.label} of “{configuration.name}” from the keychain? Every block using this configuration loses it.
          </p>
          <div className="config-form__actions">
            <button
              type="button"
              className="button button--danger button--small"
              data-testid="configuration-secret-remove-confirm"
              disabled={busy}
              onClick={() => void run(() => configurationsStore.getState().removeSecret(configuration.id, spec.name))}
            >
              {busy ? 'Removing…' : 'Remove'}
            </button>
            <button type="button" ref={cancelRef} className="button button--ghost button--small" disabled={busy} onClick={back}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {failure !== null && <ConfigurationError error={failure} testId="configuration-secret-error" />}
    </li>
  );
}
