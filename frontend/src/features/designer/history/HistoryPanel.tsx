/**
 * The playbook's saved versions (newest first), each restorable: "Restore" first shows what
 * the version changes against the playbook now, then asks.
 */
import { useCallback, useEffect, useState } from 'react';

import { getPlaybookVersion, listVersions, toIpcError, type VersionInfo } from '../../../ipc';
import { documentStore } from '../stores/documentStore';
import { readPlaybook, type SplPlaybook } from '../spl/types';
import { RestorePreview } from './RestorePreview';
import { versionDiff, type VersionDiff } from './versionDiff';
import { formatAbsolute, formatRelative } from '../../../lib/time';
import { useNow } from '../../../lib/useNow';
import { useDocument } from '../stores/documentStore';
import './history.css';

type HistoryPanelProps = {
  playbookId: string;
  /** Makes `content` (version `version`'s document) the playbook's, as an undoable edit. */
  onRestore: (version: number, content: SplPlaybook) => Promise<void>;
};

type Preview = { version: number; content: SplPlaybook; diff: VersionDiff };

export function HistoryPanel({ playbookId, onRestore }: HistoryPanelProps) {
  const current = useDocument((s) => s.summary?.version ?? null);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const now = useNow();

  const ask = async (version: number) => {
    setRestoring(version);
    try {
      const content = readPlaybook(await getPlaybookVersion(playbookId, version));
      setPreview({ version, content, diff: versionDiff(documentStore.getState().content, content) });
    } catch (e) {
      setError(toIpcError(e).message);
    } finally {
      setRestoring(null);
    }
  };
  const confirm = async () => {
    const chosen = preview;
    setPreview(null);
    if (chosen === null) return;
    setRestoring(chosen.version);
    try {
      await onRestore(chosen.version, chosen.content);
    } finally {
      setRestoring(null);
    }
  };

  const load = useCallback(async () => {
    try {
      const list = await listVersions(playbookId);
      setVersions([...list].sort((a, b) => b.version - a.version));
      setError(null);
    } catch (e) {
      setError(toIpcError(e).message);
    }
  }, [playbookId]);

  useEffect(() => {
    void load();
  }, [load, current]);

  return (
    <div className="history" data-testid="history-panel">
      {error !== null && (
        <div className="panel-note panel-note--warn" role="alert">
          History could not be loaded: {error}{' '}
          <button type="button" className="button button--ghost" onClick={() => void load()}>
            Try again
          </button>
        </div>
      )}
      {versions === null && error === null && <p className="panel-note">Loading versions…</p>}
      {versions !== null && versions.length === 0 && <p className="panel-note">No saved version yet.</p>}
      {versions !== null && versions.length > 0 && (
        <ol className="stack-list">
          {versions.map((v) => (
            <li key={v.version} className={`history__item${v.version === current ? ' is-current' : ''}`} data-testid="history-version" data-version={v.version}>
              <div className="history__line">
                <span className="meta meta--version">v{v.version}</span>
                <time className="history__time" dateTime={v.created_at} title={formatAbsolute(v.created_at)}>
                  {formatRelative(v.created_at, now)}
                </time>
                <span className="history__count">
                  {v.node_count} {v.node_count === 1 ? 'block' : 'blocks'}
                </span>
              </div>
              <p className="history__summary">{v.summary || 'No summary'}</p>
              {v.version === current ? (
                <span className="history__current">Current version</span>
              ) : (
                <button type="button" className="button button--small" data-testid="restore-version" disabled={restoring !== null || preview !== null} onClick={() => void ask(v.version)}>
                  {restoring === v.version ? 'Restoring…' : 'Restore'}
                </button>
              )}
              {preview?.version === v.version && <RestorePreview version={v.version} diff={preview.diff} onConfirm={() => void confirm()} onCancel={() => setPreview(null)} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
