import type { PlaybookSummary } from '../../ipc';
import { formatAbsolute, formatRelative } from '../../lib/time';
import { useNow } from '../../lib/useNow';

type PlaybookListProps = {
  /** All playbooks, or `null` while the first load is pending or after it failed. */
  playbooks: PlaybookSummary[] | null;
  /** The playbooks left after the search; ignored while `playbooks` is null or empty. */
  visible: PlaybookSummary[];
  loadFailed: boolean;
  query: string;
  onClearQuery: () => void;
  onRetry: () => void;
};

/**
 * The saved playbooks, or the state that explains why none are shown: loading, failed,
 * none yet, or none matching the search.
 */
export function PlaybookList({ playbooks, visible, loadFailed, query, onClearQuery, onRetry }: PlaybookListProps) {
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
    <ul className="playbook-list" data-testid="playbook-list" aria-label="Playbooks">
      {visible.map((playbook) => (
        <PlaybookRow key={playbook.id} playbook={playbook} />
      ))}
    </ul>
  );
}

function PlaybookRow({ playbook }: { playbook: PlaybookSummary }) {
  const now = useNow();
  const nodes = `${playbook.node_count} ${playbook.node_count === 1 ? 'node' : 'nodes'}`;
  return (
    <li className="playbook-row" data-testid="playbook-row" data-playbook-id={playbook.id}>
      <div className="playbook-row__main">
        <h3 className="playbook-row__name" data-testid="playbook-name">
          {playbook.name}
        </h3>
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
      </div>
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
      </div>
    </li>
  );
}
