/**
 * "Check connection": whether the platform accepts the stored key, and each permission the
 * app needs, granted or missing, with a plain list of what to ask for.
 */
import { useId } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { platformStore, usePlatform } from './platformStore';

export function CheckSection({ configured }: { configured: boolean }) {
  const ids = useId();
  const report = usePlatform((s) => s.report);
  const checkError = usePlatform((s) => s.checkError);
  const checking = usePlatform((s) => s.checking);

  return (
    <section className="panel platform-section" aria-labelledby={`${ids}-title`} data-testid="platform-check">
      <div className="platform-section__header">
        <h2 id={`${ids}-title`} className="panel__title">
          Permissions
        </h2>
        <BusyButton className="button button--small" busy={checking} busyLabel="Checking…" disabled={!configured} data-testid="platform-check-button" onClick={() => void platformStore.getState().check()}>
          Check connection
        </BusyButton>
      </div>
      {!configured ? (
        <p className="platform-empty">Store an API key to check what it may do on the platform.</p>
      ) : checkError !== null ? (
        <ActionError error={checkError} testId="platform-check-error" />
      ) : report === null ? (
        <p className="platform-empty">{checking ? 'Checking the connection…' : 'Not checked yet.'}</p>
      ) : !report.authenticated ? (
        <div className="action-error" role="alert" data-testid="platform-check-refused">
          <p className="action-error__title">The platform refused the API key</p>
          <p>{report.base_url} did not accept the stored key: it may be revoked, expired or for another region. Replace it above.</p>
        </div>
      ) : (
        <>
          <ul className="permissions" data-testid="platform-permissions" aria-label="Permissions of the API key">
            {report.permissions.map((p) => (
              <li key={p.id} className={`permission permission--${p.granted ? 'granted' : 'missing'}`} data-testid="platform-permission" data-permission={p.id} data-granted={p.granted}>
                <span className="permission__icon" aria-hidden="true">
                  {p.granted ? '✓' : '✗'}
                </span>
                <span className="permission__label">{p.label}</span>
                <span className="permission__state">{p.granted ? 'granted' : 'missing'}</span>
                {p.detail !== null && <span className="permission__detail">{p.detail}</span>}
              </li>
            ))}
          </ul>
          {report.missing.length > 0 ? (
            <div className="action-error" role="alert" data-testid="platform-missing">
              <p className="action-error__title">
                The API key lacks {report.missing.length === 1 ? 'a permission' : `${report.missing.length} permissions`}: {report.missing.join(', ')}.
              </p>
              <p className="action-error__hint">Ask an administrator to grant {report.missing.length === 1 ? 'it' : 'them'} to the key’s role, then check again. What needs {report.missing.length === 1 ? 'it' : 'them'} will fail until then.</p>
            </div>
          ) : (
            <p className="action-done" role="status" data-testid="platform-all-granted">
              Connected to {report.base_url}: the key has every permission the app needs.
            </p>
          )}
        </>
      )}
    </section>
  );
}
