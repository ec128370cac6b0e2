import { useEffect, useState, type ReactNode } from 'react';

import { BusyButton } from '../../components/BusyButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { PlaybookSummary } from '../../ipc';
import { formatAbsolute, formatRelative } from '../../lib/time';
import { useNow } from '../../lib/useNow';
import './playbooks.css';
import '../platform/platform.css';
import { RemoteStatusBadge } from '../platform/RemoteStatusBadge';
import { useConnectionStatus } from '../platform/platformStore';
import { useRemoteStatus } from '../platform/remoteStatus';
import { ComparePanel, useRowCompare } from './RowCompare';
import { TransferOutcome, useRowTransfers } from './RowTransfers';

type PlaybookListProps = {
  /** All playbooks, or `null` while the first load is pending or after it failed. */
  playbooks: PlaybookSummary[] | null;
  /** The playbooks left after the search; ignored while `playbooks` is null or empty. */
  visible: PlaybookSummary[];
  loadFailed: boolean;
  query: string;
  onClearQuery: () => void;
  onRetry: () => void;
  /** Opens the playbook in the designer. */
  onOpen?: (id: string) => void;
  /** Resolves to true when the rename was accepted. */
  onRename?: (id: string, name: string) => Promise<boolean>;
  onDuplicate?: (id: string) => Promise<void>;
  /** Resolves to true when the playbook was deleted. */
  onDelete?: (id: string) => Promise<boolean>;
  /**
   * Shows the "Export…" and "Push" row actions (and "Compare" on pushed playbooks); called
   * after a push or a pull from a row so the list reloads.
   */
  onPushed?: () => void;
  /** Opens the Platform settings (offered when a push fails on the connection). */
  onOpenPlatform?: () => void;
  /** What an empty home shows instead of the list (the welcome); a plain note without it. */
  welcome?: ReactNode;
};

/**
 * The saved playbooks, or the state that explains why none are shown: loading, failed,
 * none yet, or none matching the search. A row opens on click or Enter; its buttons
 * rename, duplicate, delete (after a confirmation), export to a file, push to the
 * platform and, once pushed, compare with the platform version (in a panel under the row).
 */
export function PlaybookList({ playbooks, visible, loadFailed, query, onClearQuery, onRetry, welcome, ...actions }: PlaybookListProps) {
  const [deleting, setDeleting] = useState<PlaybookSummary | null>(null);
  const [busy, setBusy] = useState(false);

  if (playbooks === null) {
    return loadFailed ? (
      <div className="list-state" data-testid="load-failed-state">
        <p className="list-state__title">Playbooks could not be loaded.</p>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    ) : (
      <div className="list-state" data-testid="loading-state" aria-busy="true">
        <p className="list-state__title">Loading playbooks…</p>
      </div>
    );
  }

  if (playbooks.length === 0) {
    if (welcome !== undefined) return welcome;
    return (
      <div className="list-state" data-testid="empty-state">
        <p className="list-state__title">No playbooks yet</p>
        <p className="list-state__hint">Create one with the “New playbook” form.</p>
      </div>
    );
  }

  if (visible.length === 0) {
    return (
      <div className="list-state" data-testid="no-match-state">
        <p className="list-state__title">No playbooks match “{query.trim()}”</p>
        <button type="button" className="button button--ghost" onClick={onClearQuery}>
          Clear search
        </button>
      </div>
    );
  }

  return (
    <>
      <ul className="stack-list" data-testid="playbook-list" aria-label="Playbooks">
        {visible.map((playbook) => (
          <PlaybookRow key={playbook.id} playbook={playbook} {...actions} onAskDelete={actions.onDelete ? setDeleting : undefined} />
        ))}
      </ul>
      {deleting !== null && actions.onDelete && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel={busy ? 'Deleting…' : 'Delete'}
          danger
          busy={busy}
          testId="delete-dialog"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            setBusy(true);
            try {
              await actions.onDelete!(deleting.id);
            } finally {
              setBusy(false);
              setDeleting(null);
            }
          }}
        >
          <p>
            The playbook and its {deleting.version === 1 ? 'only version' : `${deleting.version} versions`} are removed from this computer. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

type RowProps = Pick<PlaybookListProps, 'onOpen' | 'onRename' | 'onDuplicate' | 'onPushed' | 'onOpenPlatform'> & {
  playbook: PlaybookSummary;
  onAskDelete?: (playbook: PlaybookSummary) => void;
};

function PlaybookRow({ playbook, onOpen, onRename, onDuplicate, onAskDelete, onPushed, onOpenPlatform }: RowProps) {
  const now = useNow();
  const transfers = useRowTransfers(playbook, onPushed);
  const compare = useRowCompare(playbook, onPushed);
  const withTransfers = onPushed !== undefined;
  const remoteStatus = useRemoteStatus(playbook.remote_uuid);
  // No platform set up: Push says why it cannot push instead of failing.
  const { configured: connected } = useConnectionStatus();
  const comparable = withTransfers && playbook.remote_uuid !== null;
  const { refreshIfOpen } = compare;
  // A push from the row's own button makes an open comparison stale.
  useEffect(() => {
    if (transfers.outcome?.kind === 'pushed') refreshIfOpen();
  }, [transfers.outcome, refreshIfOpen]);
  const [renaming, setRenaming] = useState<string | null>(null);
  const nodes = `${playbook.node_count} ${playbook.node_count === 1 ? 'node' : 'nodes'}`;
  const open = () => onOpen?.(playbook.id);

  const commitRename = async () => {
    if (renaming === null) return;
    const name = renaming.trim();
    if (name === '' || name === playbook.name) {
      setRenaming(null);
      return;
    }
    if (await onRename?.(playbook.id, name)) setRenaming(null);
  };

  return (
    <li
      className={`playbook-row${onOpen ? ' playbook-row--openable' : ''}${compare.open ? ' playbook-row--with-panel' : ''}`}
      data-testid="playbook-row"
      data-playbook-id={playbook.id}
      tabIndex={onOpen ? 0 : undefined}
      aria-label={onOpen ? `${playbook.name}: open in the designer` : undefined}
      onClick={(e) => {
        if (renaming === null && !(e.target as HTMLElement).closest('button, input, a, [role="alert"], [role="status"], [role="region"]')) open();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) open();
        if (e.key === 'Escape' && compare.open && !e.defaultPrevented) compare.close();
      }}
    >
      <div className="playbook-row__main">
        {renaming !== null ? (
          <input
            className="input"
            aria-label="New name"
            data-testid="playbook-rename-input"
            autoFocus
            value={renaming}
            onChange={(e) => setRenaming(e.target.value)}
            onKeyDown={(e) => {
              e.stopPropagation();
              if (e.key === 'Enter') void commitRename();
              if (e.key === 'Escape') setRenaming(null);
            }}
            onBlur={() => void commitRename()}
          />
        ) : (
          <h3 className="playbook-row__name" data-testid="playbook-name">
            {playbook.name}
          </h3>
        )}
        {playbook.description !== '' ? (
          <p className="playbook-row__description" data-testid="playbook-description">
            {playbook.description}
          </p>
        ) : (
          <p className="playbook-row__description playbook-row__description--none">No description</p>
        )}
        {playbook.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {playbook.tags.map((tag) => (
              <li key={tag} className="tag">
                {tag}
              </li>
            ))}
          </ul>
        )}
        {transfers.outcome !== null && <TransferOutcome outcome={transfers.outcome} onDismiss={transfers.dismiss} onOpenPlatform={onOpenPlatform} />}
      </div>
      <div className="playbook-row__side">
        <div className="playbook-row__meta">
          <span className="meta meta--count" data-testid="playbook-node-count">
            {nodes}
          </span>
          <span className="meta meta--version" data-testid="playbook-version" title="Version">
            v{playbook.version}
          </span>
          <span className="meta meta--updated" data-testid="playbook-updated">
            Updated{' '}
            <time dateTime={playbook.updated_at} title={formatAbsolute(playbook.updated_at)}>
              {formatRelative(playbook.updated_at, now)}
            </time>
          </span>
          {playbook.remote_uuid !== null && (
            <span className="meta meta--remote" data-testid="playbook-remote" title={`On the platform as ${playbook.remote_uuid}`}>
              on platform
            </span>
          )}
          {remoteStatus !== undefined && <RemoteStatusBadge status={remoteStatus} testId="playbook-remote-state" />}
        </div>
        {(onRename || onDuplicate || onAskDelete || withTransfers) && (
          <div className="playbook-row__actions">
            {onRename && (
              <button type="button" className="button button--small button--ghost" data-testid="playbook-rename" aria-label={`Rename ${playbook.name}`} onClick={() => setRenaming(playbook.name)}>
                Rename
              </button>
            )}
            {onDuplicate && (
              <button type="button" className="button button--small button--ghost" data-testid="playbook-duplicate" aria-label={`Duplicate ${playbook.name}`} onClick={() => void onDuplicate(playbook.id)}>
                Duplicate
              </button>
            )}
            {onAskDelete && (
              <button type="button" className="button button--small button--ghost button--danger-text" data-testid="playbook-delete" aria-label={`Delete ${playbook.name}`} onClick={() => onAskDelete(playbook)}>
                Delete
              </button>
            )}
            {withTransfers && (
              <>
                <BusyButton className="button button--small button--ghost" busy={transfers.busy === 'export'} busyLabel="Exporting…" disabled={transfers.busy !== null} data-testid="playbook-export" aria-label={`Export ${playbook.name} to a file`} onClick={() => void transfers.exportFile()}>
                  Export…
                </BusyButton>
                <BusyButton
                  className="button button--small button--ghost"
                  busy={transfers.busy === 'push'}
                  busyLabel="Pushing…"
                  disabled={transfers.busy !== null || !connected}
                  title={connected ? undefined : 'Connect to the platform first (Platform, in the header)'}
                  data-testid="playbook-push"
                  aria-label={connected ? `Push ${playbook.name} to the platform` : `Push ${playbook.name}: connect to the platform first`}
                  onClick={() => void transfers.push()}
                >
                  Push
                </BusyButton>
                {comparable && (
                  <BusyButton
                    ref={compare.buttonRef}
                    className="button button--small button--ghost"
                    busy={compare.comparing}
                    busyLabel="Comparing…"
                    data-testid="playbook-compare-button"
                    aria-label={`Compare ${playbook.name} with the platform version`}
                    aria-expanded={compare.open}
                    aria-controls={compare.open ? compare.panelId : undefined}
                    onClick={() => void compare.compare()}
                  >
                    Compare
                  </BusyButton>
                )}
              </>
            )}
          </div>
        )}
      </div>
      {comparable && compare.open && <ComparePanel state={compare} playbook={playbook} onOpenPlatform={onOpenPlatform} />}
    </li>
  );
}
