/**
 * A pushed playbook's "Compare" row action: the current version against its platform copy,
 * shown in a panel under the row ("Same as the platform version", or which blocks are only
 * here, only on the platform, or changed, by their local names). From there, "Push this
 * version" or "Pull the platform version" (after a confirmation: the pull adds a version,
 * the history keeps the current one), each followed by a new comparison.
 *
 * The panel is a labelled region whose result is a live status; Escape or "Close" hides
 * it and gives the focus back to the "Compare" button. Not here: merging the two sides.
 */
import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { comparePlaybook, getPlaybook, platformPull, platformPush, type IpcError, type PlaybookSummary, type PlatformComparison } from '../../ipc';
import { useTask, type Task } from '../../lib/useTask';
import { withConnectionWatch } from '../platform/platformStore';
import { blockNames, comparisonView, lineText } from './compareView';

type Compared = { comparison: PlatformComparison; names: Record<string, string> | null };

export type RowCompare = {
  open: boolean;
  /** The panel's id, for the button's `aria-controls`. */
  panelId: string;
  buttonRef: RefObject<HTMLButtonElement | null>;
  comparing: boolean;
  /** The last comparison that succeeded since the panel opened. */
  last: Compared | null;
  /** Why the last comparison failed, or `null`. */
  error: IpcError | null;
  push: Task<unknown>;
  pull: Task<unknown>;
  /** Opens the panel (if closed) and compares. */
  compare(): Promise<void>;
  /** Compares again only if the panel is open (after a push from the row's own button). */
  refreshIfOpen(): void;
  close(): void;
  pushVersion(): Promise<void>;
  /** Resolves once the pull is over (the new comparison follows). */
  pullVersion(): Promise<void>;
};

/** `onChanged` lets the list reload after a push or pull from the panel. */
export function useRowCompare(playbook: PlaybookSummary, onChanged?: () => void): RowCompare {
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<Compared | null>(null);
  const task = useTask<Compared>();
  const push = useTask<unknown>();
  const pull = useTask<unknown>();
  const { run } = task;
  const id = playbook.id;

  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  }, [open]);

  const compare = useCallback(async () => {
    openRef.current = true;
    setOpen(true);
    const result = await run(async () => {
      const [comparison, document] = await Promise.all([
        withConnectionWatch(() => comparePlaybook(id)),
        // The names are a nicety: without the document, blocks show as "block <id>".
        getPlaybook(id).catch(() => null),
      ]);
      return { comparison, names: document !== null ? blockNames(document.content) : null };
    });
    // A failed comparison shows its error instead (see `error`); a skipped one, or one
    // that ends after the panel was closed, changes nothing.
    if (result !== undefined && openRef.current) setLast(result);
  }, [run, id]);

  const refreshIfOpen = useCallback(() => {
    if (openRef.current) void compare();
  }, [compare]);

  const close = () => {
    openRef.current = false;
    setOpen(false);
    setLast(null);
    task.reset();
    push.reset();
    pull.reset();
    buttonRef.current?.focus();
  };

  // Both resolve once the transfer is over; the new comparison follows (if still open).
  const pushVersion = async () => {
    pull.reset();
    const done = await push.run(() => withConnectionWatch(() => platformPush(id)));
    if (done === undefined) return;
    onChanged?.();
    refreshIfOpen();
  };

  const pullVersion = async () => {
    const uuid = last?.comparison.remote_uuid ?? playbook.remote_uuid;
    if (uuid === null) return;
    push.reset();
    const done = await pull.run(() => withConnectionWatch(() => platformPull(uuid)));
    if (done === undefined) return;
    onChanged?.();
    refreshIfOpen();
  };

  return { open, panelId, buttonRef, comparing: task.busy, last, error: task.error, push, pull, compare, refreshIfOpen, close, pushVersion, pullVersion };
}

type ComparePanelProps = {
  state: RowCompare;
  playbook: PlaybookSummary;
  /** Offered when the comparison failed because of the connection. */
  onOpenPlatform?: () => void;
};

export function ComparePanel({ state, playbook, onOpenPlatform }: ComparePanelProps) {
  const titleId = useId();
  const panelRef = useRef<HTMLElement>(null);
  const [confirming, setConfirming] = useState(false);
  const { last, error, push, pull } = state;
  const view = last !== null && error === null ? comparisonView(last.comparison, last.names) : null;
  const busy = state.comparing || push.busy || pull.busy;
  const gone = error?.code === 'not_found';

  // Into the panel when it opens, so Tab reaches its buttons next and the result is read.
  useEffect(() => {
    panelRef.current?.focus();
  }, []);
  // A button that disappeared (nothing left to push or pull) leaves the focus in the panel.
  useEffect(() => {
    if (!busy && (document.activeElement === null || document.activeElement === document.body)) panelRef.current?.focus();
  }, [busy, view?.same, playbook.version]);

  return (
    <section
      ref={panelRef}
      id={state.panelId}
      className="row-compare"
      role="region"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="playbook-compare"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          state.close();
        }
      }}
    >
      <div className="row-compare__header">
        <h4 id={titleId} className="row-compare__title">
          Compared with the platform
        </h4>
        <button type="button" className="button button--small button--ghost" data-testid="playbook-compare-close" aria-label="Close the comparison" onClick={state.close}>
          Close
        </button>
      </div>
      <div role="status" aria-live="polite" aria-busy={state.comparing} data-testid="playbook-compare-result" data-same={view === null ? undefined : String(view.same)}>
        {state.comparing && view === null && <p className="row-compare__pending">Comparing with the platform…</p>}
        {view !== null && (
          <>
            <p className={view.same ? 'row-compare__summary row-compare__summary--same' : 'row-compare__summary'}>
              {view.summary}
              {state.comparing && <span className="row-compare__pending"> (comparing again…)</span>}
            </p>
            {view.lines.length > 0 && (
              <ul className="row-compare__lines">
                {view.lines.map((line) => (
                  <li key={line.kind} data-testid={`playbook-compare-${line.kind.replace('_', '-')}`}>
                    {lineText(line)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {error !== null && (
        <ActionError error={error} testId="playbook-compare-error">
          {error.code.startsWith('platform_') && onOpenPlatform && (
            <button type="button" className="button button--small" onClick={onOpenPlatform}>
              Platform settings
            </button>
          )}
        </ActionError>
      )}
      {gone && <p className="row-compare__hint">The platform no longer has this playbook: push this version to create it again.</p>}
      {((view !== null && !view.same) || gone) && (
        <div className="row-compare__actions">
          <BusyButton className="button button--small" busy={push.busy} busyLabel="Pushing…" disabled={busy} data-testid="playbook-compare-push" onClick={() => void state.pushVersion()}>
            Push this version
          </BusyButton>
          {!gone && (
            <BusyButton className="button button--small" busy={pull.busy} busyLabel="Pulling…" disabled={busy} data-testid="playbook-compare-pull" onClick={() => setConfirming(true)}>
              Pull the platform version
            </BusyButton>
          )}
        </div>
      )}
      {push.error !== null && <ActionError error={push.error} testId="playbook-compare-push-error" onDismiss={push.reset} />}
      {pull.error !== null && <ActionError error={pull.error} testId="playbook-compare-pull-error" onDismiss={pull.reset} />}
      {confirming && (
        <ConfirmDialog
          title={`Replace “${playbook.name}” with the platform version?`}
          confirmLabel={pull.busy ? 'Pulling…' : 'Pull'}
          busy={pull.busy}
          testId="pull-dialog"
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await state.pullVersion();
            setConfirming(false);
          }}
        >
          <p>
            The platform version becomes version {playbook.version + 1} here. Version {playbook.version}, the current one, stays in the history and can be restored.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

