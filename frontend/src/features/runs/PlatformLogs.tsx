/**
 * "Platform logs" for a run on the platform: the newest log lines of the playbook and of its
 * trigger configurations (what the platform says when it switches a playbook off, drops an
 * event or an action fails), loaded when opened and on "Refresh".
 */
import { useCallback, useEffect, useState } from 'react';

import { ActionError } from '../../components/ActionError';
import { platformLogs, toIpcError, type IpcError, type PlatformLogLine } from '../../ipc';

export function PlatformLogsButton({ open, onToggle }: { open: boolean; onToggle(): void }) {
  return (
    <button type="button" className={`button button--small${open ? ' button--primary' : ''}`} onClick={onToggle} data-action="show-platform-logs" aria-pressed={open}>
      Platform logs
    </button>
  );
}

export function PlatformLogsPanel({ playbookId }: { playbookId: string }) {
  const [lines, setLines] = useState<PlatformLogLine[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setLines(await platformLogs(playbookId, 50));
    } catch (e) {
      setError(toIpcError(e));
    }
  }, [playbookId]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="platform-logs" data-testid="platform-logs" aria-label="Platform logs">
      <div className="platform-logs__head">
        <span className="field__label">Logs of the playbook and its triggers on the platform</span>
        <button type="button" className="button button--small button--ghost" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {error !== null && <ActionError error={error} testId="platform-logs-error" />}
      {lines === null && error === null && <p className="node-run__meta">Loading…</p>}
      {lines !== null && lines.length === 0 && <p className="node-run__meta">The platform has no log line for this playbook.</p>}
      {lines !== null && lines.length > 0 && (
        <ol className="platform-logs__lines">
          {lines.map((l, i) => (
            <li key={i} className={`platform-logs__line is-${l.level}`} data-log-level={l.level}>
              <time dateTime={l.date ?? undefined}>{l.date !== null ? new Date(l.date).toLocaleString() : '—'}</time>
              <span className="platform-logs__level">{l.level}</span>
              <span className="platform-logs__source">{l.source === 'playbook' ? 'playbook' : 'trigger'}</span>
              <span className="platform-logs__message">{l.message}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
