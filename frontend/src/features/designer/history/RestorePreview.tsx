/**
 * Before a restore: what the version changes against the playbook as it is now (blocks back,
 * blocks gone, fields that differ), then "Restore" or "Cancel". The restore is an edit like
 * any other: Ctrl/⌘+Z takes it back.
 */
import { useId } from 'react';

import { isEmptyDiff, type VersionDiff } from './versionDiff';

type RestorePreviewProps = { version: number; diff: VersionDiff; onConfirm(): void; onCancel(): void };

export function RestorePreview({ version, diff, onConfirm, onCancel }: RestorePreviewProps) {
  const ids = useId();
  return (
    <div className="restore-preview" role="alertdialog" aria-labelledby={`${ids}-title`} data-testid="restore-preview">
      <p id={`${ids}-title`} className="restore-preview__title">
        Restore version {version}?
      </p>
      {isEmptyDiff(diff) ? (
        <p className="panel-note">It is the same as the playbook now.</p>
      ) : (
        <ul className="restore-preview__changes" data-testid="restore-diff">
          {diff.playbook.map((f) => (
            <li key={f}>The playbook’s {f} changes.</li>
          ))}
          {diff.added.map((b) => (
            <li key={`a${b.id}`} className="is-added">
              Brings back {b.name} ({b.id})
            </li>
          ))}
          {diff.removed.map((b) => (
            <li key={`r${b.id}`} className="is-removed">
              Removes {b.name} ({b.id})
            </li>
          ))}
          {diff.changed.map((b) => (
            <li key={`c${b.id}`} className="is-changed">
              Changes {b.name} ({b.id}): <code>{b.fields.join(', ')}</code>
            </li>
          ))}
        </ul>
      )}
      <p className="panel-note">The restore is an edit: Undo takes it back.</p>
      <div className="restore-preview__actions">
        <button type="button" className="button button--primary button--small" data-testid="restore-confirm" onClick={onConfirm} autoFocus>
          Restore
        </button>
        <button type="button" className="button button--ghost button--small" data-testid="restore-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
