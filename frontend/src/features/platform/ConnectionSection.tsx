/**
 * Where the platform is (a region or a custom URL) and the API key. The key field is never
 * prefilled and is emptied after every attempt: the key goes to the core, which checks it
 * and stores it in the OS keychain; the page only learns that a key is stored.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { IpcError, PlatformSettings } from '../../ipc';
import { platformStore } from './platformStore';
import { CUSTOM_REGION, regionFor, resolveBaseUrl } from './regions';

export function ConnectionSection({ settings }: { settings: PlatformSettings }) {
  const ids = useId();
  const [region, setRegion] = useState(() => regionFor(settings.base_url, settings.regions));
  const [customUrl, setCustomUrl] = useState(() => (regionFor(settings.base_url, settings.regions) === CUSTOM_REGION ? (settings.base_url ?? '') : ''));
  const [apiKey, setApiKey] = useState('');
  const [replacing, setReplacing] = useState(false);
  const [busy, setBusy] = useState<'login' | 'logout' | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [formError, setFormError] = useState<{ field: 'url' | 'key'; message: string } | null>(null);
  const [confirmLogout, setConfirmLogout] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  // The stored URL changed (a login elsewhere, a logout): show it.
  useEffect(() => {
    const stored = regionFor(settings.base_url, settings.regions);
    setRegion(stored);
    if (stored === CUSTOM_REGION) setCustomUrl(settings.base_url ?? '');
  }, [settings.base_url, settings.regions]);

  const resolved = resolveBaseUrl(region, customUrl, settings.regions);
  const sameUrl = resolved.ok && resolved.url === settings.base_url;
  // A stored key is for the stored URL: another URL needs the key again.
  const keyStored = settings.has_api_key && sameUrl && !replacing;

  async function login(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy !== null) return;
    setError(null);
    setDone(null);
    if (!resolved.ok) {
      setFormError({ field: 'url', message: resolved.error });
      return;
    }
    if (apiKey.trim() === '') {
      setFormError({ field: 'key', message: 'Paste the API key created for you on the platform.' });
      return;
    }
    setFormError(null);
    setBusy('login');
    const key = apiKey.trim();
    try {
      await platformStore.getState().login(resolved.url, key);
      setApiKey('');
      setReplacing(false);
      setDone('Connected: the API key is stored in the keychain.');
    } catch (e) {
      const error = e as IpcError;
      // A refused key leaves the page; after a network failure it stays, to try again.
      if (error.code === 'platform_unauthorized') setApiKey('');
      setError(error);
    } finally {
      setBusy(null);
    }
  }

  async function logout() {
    setConfirmLogout(false);
    setBusy('logout');
    setError(null);
    setDone(null);
    try {
      await platformStore.getState().logout();
      setDone('Logged out: the API key was removed from the keychain.');
    } catch (e) {
      setError(e as IpcError);
    } finally {
      setBusy(null);
    }
  }

  const urlErrorId = `${ids}-url-error`;
  const keyErrorId = `${ids}-key-error`;
  return (
    <section className="panel platform-section" aria-labelledby={`${ids}-title`} data-testid="platform-connection">
      <h2 id={`${ids}-title`} className="panel__title">
        Connection
      </h2>
      <form className="platform-form" onSubmit={(e) => void login(e)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={`${ids}-region`}>
            Region
          </label>
          <select
            id={`${ids}-region`}
            className="input"
            data-testid="platform-region"
            value={region}
            onChange={(e) => {
              setRegion(e.target.value);
              setFormError(null);
            }}
          >
            {settings.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
            <option value={CUSTOM_REGION}>Custom URL</option>
          </select>
          {region !== CUSTOM_REGION && resolved.ok && (
            <p className="field__hint" data-testid="platform-url">
              API at <code>{resolved.url}</code>
            </p>
          )}
        </div>

        {region === CUSTOM_REGION && (
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-url`}>
              API URL
            </label>
            <input
              id={`${ids}-url`}
              className="input"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://app.example.com/api"
              data-testid="platform-custom-url"
              value={customUrl}
              aria-invalid={formError?.field === 'url'}
              aria-describedby={formError?.field === 'url' ? urlErrorId : undefined}
              onChange={(e) => {
                setCustomUrl(e.target.value);
                setFormError(null);
              }}
            />
            {formError?.field === 'url' && (
              <p id={urlErrorId} className="field__error" data-testid="platform-url-error">
                {formError.message}
              </p>
            )}
          </div>
        )}

        {keyStored ? (
          <div className="platform-key" data-testid="platform-key-stored">
            <p className="platform-key__state">
              <span className="platform-key__icon" aria-hidden="true">
                ✓
              </span>
              API key stored in the keychain
            </p>
            <div className="platform-key__actions">
              <button type="button" className="button button--small" data-testid="platform-key-replace" disabled={busy !== null} onClick={() => setReplacing(true)}>
                Replace key
              </button>
              <BusyButton className="button button--small button--ghost button--danger-text" busy={busy === 'logout'} busyLabel="Logging out…" disabled={busy !== null} data-testid="platform-logout" onClick={() => setConfirmLogout(true)}>
                Log out
              </BusyButton>
            </div>
          </div>
        ) : (
          <>
            <div className="field">
              <label className="field__label" htmlFor={`${ids}-key`}>
                API key {settings.has_api_key && !sameUrl && <span className="field__required">for the new URL</span>}
              </label>
              <input
                id={`${ids}-key`}
                className="input"
                type="password"
                autoComplete="off"
                spellCheck={false}
                placeholder={replacing ? 'Paste the new API key' : 'Paste the API key'}
                data-testid="platform-api-key"
                value={apiKey}
                autoFocus={replacing}
                aria-invalid={formError?.field === 'key'}
                aria-describedby={formError?.field === 'key' ? keyErrorId : undefined}
                onChange={(e) => {
                  setApiKey(e.target.value);
                  setFormError(null);
                }}
              />
              {formError?.field === 'key' && (
                <p id={keyErrorId} className="field__error" data-testid="platform-key-error">
                  {formError.message}
                </p>
              )}
              <p className="field__hint">Kept in the OS keychain only, never in a file. It is checked against the platform first.</p>
            </div>
            <div className="platform-form__actions">
              <BusyButton type="submit" className="button button--primary" busy={busy === 'login'} busyLabel="Connecting…" data-testid="platform-login">
                {replacing ? 'Replace key' : 'Connect'}
              </BusyButton>
              {replacing && (
                <button type="button" className="button button--ghost" disabled={busy !== null} onClick={() => {
                    setReplacing(false);
                    setApiKey('');
                    setFormError(null);
                  }}>
                  Cancel
                </button>
              )}
            </div>
          </>
        )}
      </form>
      {done !== null && error === null && (
        <p className="action-done" role="status" data-testid="platform-connection-done">
          {done}
        </p>
      )}
      {error !== null && <ActionError error={error} testId="platform-login-error" onDismiss={() => setError(null)} />}
      {confirmLogout && (
        <ConfirmDialog title="Log out of the platform?" confirmLabel="Log out" danger testId="platform-logout-dialog" onCancel={() => setConfirmLogout(false)} onConfirm={() => void logout()}>
          <p>The API key is removed from the keychain. To connect again you will need to paste it again.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
