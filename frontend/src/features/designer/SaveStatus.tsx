/** "Saving…", "Saved" or "Save failed — Retry", for the designer's header. */
import { formatAbsolute } from '../../lib/time';
import { useSaveStatus } from './stores/autosave';

export function SaveStatus({ onRetry }: { onRetry: () => void }) {
  const status = useSaveStatus((s) => s.status);
  const error = useSaveStatus((s) => s.error);
  const lastSavedAt = useSaveStatus((s) => s.lastSavedAt);
  if (status === 'error') {
    return (
      <div className="save-status save-status--error" role="alert" data-testid="save-status" data-status="error">
        <span title={error?.message}>Save failed</span>
        <button type="button" className="button button--small" onClick={onRetry} data-testid="save-retry">
          Retry
        </button>
      </div>
    );
  }
  const busy = status === 'saving' || status === 'pending';
  return (
    <div
      className={`save-status save-status--${busy ? 'saving' : 'saved'}`}
      role="status"
      data-testid="save-status"
      data-status={busy ? 'saving' : 'saved'}
      title={lastSavedAt !== null ? `Last saved ${formatAbsolute(new Date(lastSavedAt).toISOString())}` : undefined}
    >
      <span className="save-status__dot" aria-hidden="true" />
      {busy ? 'Saving…' : 'Saved'}
    </div>
  );
}
