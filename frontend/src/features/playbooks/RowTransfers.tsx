/**
 * A playbook row's transfers: "Export…" (save dialog, then the core writes the SPL JSON)
 * and "Push" (to the platform). One runs at a time; the outcome (where the file went, the
 * platform uuid, or the error) shows in the row until the next transfer.
 */
import { useCallback, useEffect, useState } from 'react';

import { ActionError } from '../../components/ActionError';
import { chooseFileToSave, exportPlaybookFile, platformPush, toIpcError, type IpcError, type PlaybookSummary, type PushResult } from '../../ipc';
import { exportFileName } from '../../lib/fileNames';
import { withConnectionWatch } from '../platform/platformStore';

type Outcome =
  | { kind: 'exported'; path: string }
  | { kind: 'pushed'; result: PushResult }
  | { kind: 'error'; action: 'export' | 'push'; error: IpcError };

export type RowTransfers = {
  busy: 'export' | 'push' | null;
  outcome: Outcome | null;
  exportFile(): Promise<void>;
  push(): Promise<void>;
  dismiss(): void;
};

/** `onPushed` lets the list reload, so the row shows its "on platform" badge. */
export function useRowTransfers(playbook: PlaybookSummary, onPushed?: () => void): RowTransfers {
  const [busy, setBusy] = useState<RowTransfers['busy']>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // A confirmation is brief; an error stays until dismissed or replaced.
  useEffect(() => {
    if (outcome === null || outcome.kind === 'error') return;
    const timer = setTimeout(() => setOutcome(null), 12_000);
    return () => clearTimeout(timer);
  }, [outcome]);

  const exportFile = useCallback(async () => {
    if (busy !== null) return;
    setBusy('export');
    setOutcome(null);
    try {
      const path = await chooseFileToSave(exportFileName(playbook.name));
      if (path !== null) {
        await exportPlaybookFile(playbook.id, path);
        setOutcome({ kind: 'exported', path });
      }
    } catch (e) {
      setOutcome({ kind: 'error', action: 'export', error: toIpcError(e) });
    } finally {
      setBusy(null);
    }
  }, [busy, playbook.id, playbook.name]);

  const push = useCallback(async () => {
    if (busy !== null) return;
    setBusy('push');
    setOutcome(null);
    try {
      const result = await withConnectionWatch(() => platformPush(playbook.id));
      setOutcome({ kind: 'pushed', result });
      onPushed?.();
    } catch (e) {
      setOutcome({ kind: 'error', action: 'push', error: toIpcError(e) });
    } finally {
      setBusy(null);
    }
  }, [busy, playbook.id, onPushed]);

  return { busy, outcome, exportFile, push, dismiss: () => setOutcome(null) };
}

type TransferOutcomeProps = {
  outcome: Outcome;
  onDismiss: () => void;
  /** Offered when a push failed because of the connection. */
  onOpenPlatform?: () => void;
};

export function TransferOutcome({ outcome, onDismiss, onOpenPlatform }: TransferOutcomeProps) {
  if (outcome.kind === 'exported') {
    return (
      <p className="action-done" role="status" data-testid="playbook-export-done">
        Exported to <code>{outcome.path}</code>
      </p>
    );
  }
  if (outcome.kind === 'pushed') {
    return (
      <p className="action-done" role="status" data-testid="playbook-push-done" data-remote-uuid={outcome.result.remote_uuid}>
        Pushed to the platform ({outcome.result.created ? 'created' : 'updated'}) as <code>{outcome.result.remote_uuid}</code>
      </p>
    );
  }
  const toSettings = outcome.action === 'push' && outcome.error.code.startsWith('platform_') && onOpenPlatform;
  return (
    <ActionError error={outcome.error} testId={`playbook-${outcome.action}-error`} onDismiss={onDismiss}>
      {toSettings && (
        <button type="button" className="button button--small" onClick={onOpenPlatform}>
          Platform settings
        </button>
      )}
    </ActionError>
  );
}
