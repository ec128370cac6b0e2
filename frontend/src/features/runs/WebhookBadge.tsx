/**
 * Next to the Run button while this playbook listens for webhooks: the URL to POST events
 * to (copied with one click), when each Cron trigger runs next, and Stop. Each event POSTed
 * there, and each scheduled time, starts a local run, listed in the Runs tab as it comes. A
 * start that failed (port in use, a bad schedule) says why here.
 */
import { useEffect, useState } from 'react';

import { copyText } from '../code/clipboard';
import { useListener } from './listenerStore';

export function WebhookBadge({ playbookId }: { playbookId: string }) {
  const info = useListener((s) => s.info);
  const error = useListener((s) => s.error);
  const busy = useListener((s) => s.busy);
  const [copied, setCopied] = useState<string | null>(null);
  const listening = info !== null;
  useEffect(() => {
    void useListener.getState().refresh();
    if (!listening) return undefined;
    // Next run times move on as schedules fire.
    const timer = window.setInterval(() => void useListener.getState().refresh(), 15_000);
    return () => window.clearInterval(timer);
  }, [listening]);
  if (error !== null && info === null) {
    return (
      <span className="webhook-badge webhook-badge--error" role="alert" data-testid="webhook-error">
        {error}
      </span>
    );
  }
  if (info === null || info.playbook_id !== playbookId) return null;
  const copy = () => void copyText(info.url).then((ok) => setCopied(ok ? 'Copied' : 'The clipboard refused'));
  return (
    <span className="webhook-badge" data-testid="webhook-listener" title="Each JSON event POSTed to this address runs the playbook here (Runs tab)">
      <span className="webhook-badge__dot" aria-hidden="true" />
      Listening on
      <code data-field="listener-url">{info.url}</code>
      <button type="button" className="button button--small button--ghost" onClick={copy} data-action="copy-listener-url">
        {copied ?? 'Copy'}
      </button>
      {info.schedules.map((s) => (
        <span key={s.node_id} className="webhook-badge__schedule" title={`Cron trigger ${s.node_id}: ${s.cron} (UTC)`} data-schedule={s.node_id}>
          · next run <time data-field="next-run-at" dateTime={s.next_run_at ?? ''}>{s.next_run_at === null ? 'never' : new Date(s.next_run_at).toLocaleTimeString()}</time>
        </span>
      ))}
      <button type="button" className="button button--small" onClick={() => void useListener.getState().stop()} disabled={busy} data-action="stop-listening">
        Stop
      </button>
    </span>
  );
}
