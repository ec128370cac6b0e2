/**
 * The playbooks on the platform, each with "Pull" (copy it to this computer, or add a
 * version to the local copy), an "also local" mark when this computer has it, whether the
 * platform runs it (on/off, and why) with "Switch on/off", and "Rerun failed runs". Loaded
 * when the page opens with a stored key, and on "Refresh".
 */
import { useCallback, useEffect, useId, useState } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { platformListPlaybooks, platformPull, platformRerunFailed, platformSetActive, toIpcError, type IpcError, type PlatformPlaybookStatus, type PlaybookSummary, type RemotePlaybook } from '../../ipc';
import { formatAbsolute, formatRelative } from '../../lib/time';
import { useNow } from '../../lib/useNow';
import { useTask } from '../../lib/useTask';
import { withConnectionWatch } from './platformStore';
import { RemoteStatusBadge } from './RemoteStatusBadge';
import { remoteStatusStore } from './remoteStatus';

type RemotePlaybooksProps = {
  configured: boolean;
  /** Opens a local playbook in the designer. */
  onOpen: (id: string) => void;
};

export function RemotePlaybooks({ configured, onOpen }: RemotePlaybooksProps) {
  const ids = useId();
  const listing = useTask<RemotePlaybook[]>();
  const [items, setItems] = useState<RemotePlaybook[] | null>(null);
  const { run } = listing;

  const load = useCallback(async () => {
    const list = await run(() => withConnectionWatch(platformListPlaybooks));
    if (list !== undefined) setItems(list);
  }, [run]);

  useEffect(() => {
    if (configured) void load();
    else setItems(null);
  }, [configured, load]);

  const markLocal = useCallback((uuid: string, localId: string) => {
    setItems((current) => (current ?? []).map((p) => (p.uuid === uuid ? { ...p, local_id: localId } : p)));
  }, []);

  return (
    <section className="panel platform-section platform-remote" aria-labelledby={`${ids}-title`} data-testid="platform-playbooks">
      <div className="platform-section__header">
        <h2 id={`${ids}-title`} className="panel__title">
          Playbooks on the platform
          {items !== null && <span className="count">{items.length}</span>}
        </h2>
        <BusyButton className="button button--small" busy={listing.busy} busyLabel="Loading…" disabled={!configured} data-testid="platform-playbooks-refresh" onClick={() => void load()}>
          Refresh
        </BusyButton>
      </div>
      {!configured ? (
        <p className="platform-empty">Store an API key to see the platform’s playbooks and pull them here.</p>
      ) : listing.error !== null ? (
        <ActionError error={listing.error} testId="platform-playbooks-error" />
      ) : items === null ? (
        <p className="platform-empty" aria-busy="true">
          Loading the platform’s playbooks…
        </p>
      ) : items.length === 0 ? (
        <p className="platform-empty" data-testid="platform-playbooks-empty">
          No playbooks on the platform yet. Push one from the Playbooks page.
        </p>
      ) : (
        <ul className="stack-list" aria-label="Playbooks on the platform">
          {items.map((playbook) => (
            <RemoteRow key={playbook.uuid} playbook={playbook} onPulled={markLocal} onOpen={onOpen} />
          ))}
        </ul>
      )}
    </section>
  );
}

type RemoteRowProps = {
  playbook: RemotePlaybook;
  onPulled: (uuid: string, localId: string) => void;
  onOpen: (id: string) => void;
};

function RemoteRow({ playbook, onPulled, onOpen }: RemoteRowProps) {
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const [pulled, setPulled] = useState<PlaybookSummary | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const [status, setStatus] = useState(playbook.status);
  const switching = useTask<PlatformPlaybookStatus>();
  const toggle = async () => {
    const next = await switching.run(() => withConnectionWatch(() => platformSetActive(playbook.uuid, !status.active)));
    if (next === undefined) return;
    setStatus(next);
    remoteStatusStore.getState().put(next);
  };
  const rerunning = useTask<number>();
  const reran = rerunning.result;
  const actionError = error ?? switching.error ?? rerunning.error;
  const dismiss = () => {
    setError(null);
    switching.reset();
    rerunning.reset();
  };

  const pull = async () => {
    setBusy(true);
    setError(null);
    setPulled(null);
    try {
      const summary = await withConnectionWatch(() => platformPull(playbook.uuid));
      setPulled(summary);
      onPulled(playbook.uuid, summary.id);
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="remote-row" data-testid="remote-playbook" data-remote-uuid={playbook.uuid}>
      <div className="remote-row__main">
        <h3 className="remote-row__name" data-testid="remote-playbook-name">
          {playbook.name}
        </h3>
        {playbook.description !== '' && <p className="remote-row__description">{playbook.description}</p>}
        {status.status_message !== null && (
          <p className="remote-row__description" data-testid="remote-playbook-status-message">
            {status.status_message}
          </p>
        )}
        {pulled !== null && (
          <p className="action-done" role="status" data-testid="remote-playbook-pulled">
            Pulled as {pulled.name}, version {pulled.version}.{' '}
            <button type="button" className="button button--small" data-testid="remote-playbook-open" onClick={() => onOpen(pulled.id)}>
              Open
            </button>
          </p>
        )}
        {reran !== null && (
          <p className="action-done" role="status" data-testid="remote-playbook-reran">
            {reran === 0 ? 'No failed run listed: the platform had nothing to rerun.' : `The platform reruns its ${reran} failed run${reran === 1 ? '' : 's'} (each updated in place).`}
          </p>
        )}
        {actionError !== null && <ActionError error={actionError} testId="remote-playbook-error" onDismiss={dismiss} />}
      </div>
      <div className="remote-row__side">
        <RemoteStatusBadge status={status} testId="remote-playbook-status" />
        {playbook.local_id !== null && (
          <span className="meta meta--local" data-testid="remote-playbook-local" title="This computer has a copy of this playbook">
            also local
          </span>
        )}
        {playbook.updated_at !== null && (
          <span className="meta">
            Updated{' '}
            <time dateTime={playbook.updated_at} title={formatAbsolute(playbook.updated_at)}>
              {formatRelative(playbook.updated_at, now)}
            </time>
          </span>
        )}
        <BusyButton
          className="button button--small button--ghost"
          busy={switching.busy}
          busyLabel={status.active ? 'Switching off…' : 'Switching on…'}
          data-testid="remote-playbook-toggle"
          title={status.active ? 'Stop running it on the events its trigger receives' : 'Run it on every event its trigger receives'}
          onClick={() => void toggle()}
        >
          {status.active ? 'Switch off' : 'Switch on'}
        </BusyButton>
        <BusyButton className="button button--small button--ghost" busy={rerunning.busy} busyLabel="Asking…" data-testid="remote-playbook-rerun-failed" title="Ask the platform to rerun every failed run of this playbook" onClick={() => void rerunning.run(() => withConnectionWatch(() => platformRerunFailed(playbook.uuid)))}>
          Rerun failed runs
        </BusyButton>
        <BusyButton className="button button--small" busy={busy} busyLabel="Pulling…" data-testid="remote-playbook-pull" aria-label={`Pull ${playbook.name} to this computer`} onClick={() => void pull()}>
          Pull
        </BusyButton>
      </div>
    </li>
  );
}
