/**
 * "Import file…": the OS open dialog, then the core imports the SPL JSON file. An imported
 * playbook opens in the designer (with its problems, if its graph has some); an unreadable
 * file's problems stay listed under the button. A file whose playbook is already here with
 * other content asks first: a new version of it, or a copy. Ctrl/⌘+O starts it from
 * anywhere on the start page.
 */
import { useId, useState, type MutableRefObject } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { chooseBundleToOpen, chooseFileToOpen, importPlaybookFile, importRunBundle, toIpcError, type ImportedBundle, type PlaybookSummary, type WhenExists } from '../../ipc';
import { shortcutLabel, useModShortcut } from '../../lib/useModShortcut';
import { useTask } from '../../lib/useTask';

type ImportPanelProps = {
  onImported: (playbook: PlaybookSummary) => void;
  /** A run bundle was imported: open its run. */
  onBundle: (imported: ImportedBundle) => void;
  /** Lets the page start an import from elsewhere (the welcome's "Import a playbook file"). */
  startRef?: MutableRefObject<(() => void) | null>;
};

export function ImportPanel({ onImported, onBundle, startRef }: ImportPanelProps) {
  const task = useTask<PlaybookSummary | null>();
  const bundleTask = useTask<ImportedBundle | null>();
  const ids = useId();
  // A file whose playbook is already here: which one, and the core's words for it.
  const [asking, setAsking] = useState<{ path: string; message: string } | null>(null);

  const start = async () => {
    setAsking(null);
    const imported = await task.run(async () => {
      const path = await chooseFileToOpen();
      if (path === null) return null;
      try {
        return await importPlaybookFile(path);
      } catch (e) {
        const error = toIpcError(e);
        if (error.code !== 'playbook_exists') throw e;
        setAsking({ path, message: error.message });
        return null;
      }
    });
    if (imported) onImported(imported);
  };

  const answer = async (whenExists: WhenExists) => {
    const path = asking?.path;
    setAsking(null);
    if (path === undefined) return;
    const imported = await task.run(() => importPlaybookFile(path, whenExists));
    if (imported) onImported(imported);
  };

  useModShortcut('o', () => void start());
  if (startRef !== undefined) startRef.current = () => void start();

  return (
    <section className="panel import-panel" aria-labelledby={`${ids}-title`}>
      <div className="panel__header">
        <h2 id={`${ids}-title`} className="panel__title">
          Open a file
        </h2>
        <kbd className="shortcut" title="Import a file">
          {shortcutLabel('o')}
        </kbd>
      </div>
      <p className="import-panel__hint">A playbook in the platform’s JSON format (SPL), e.g. exported from Sekoia.io or kept in Git.</p>
      <BusyButton className="button" busy={task.busy} busyLabel="Importing…" data-testid="import-file" onClick={() => void start()}>
        Import file…
      </BusyButton>
      {asking !== null && (
        <div className="import-choice" role="alertdialog" aria-labelledby={`${ids}-choice`} data-testid="import-choice">
          <p id={`${ids}-choice`}>{asking.message}</p>
          <div className="import-choice__actions">
            <button type="button" className="button button--primary" data-testid="import-as-version" onClick={() => void answer('new_version')} autoFocus>
              As a new version
            </button>
            <button type="button" className="button" data-testid="import-as-copy" onClick={() => void answer('copy')}>
              As a copy
            </button>
            <button type="button" className="button button--ghost" data-testid="import-cancel" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {task.error !== null && <ActionError error={task.error} testId="import-error" onDismiss={task.reset} />}
      <BusyButton
        className="button button--ghost button--small"
        busy={bundleTask.busy}
        busyLabel="Importing…"
        data-action="import-run-bundle"
        title="A run bundle exported from Playbook Studio (a run, its playbook, its CODE JSON): opened read-only"
        onClick={() =>
          void bundleTask
            .run(async () => {
              const path = await chooseBundleToOpen();
              return path === null ? null : importRunBundle(path);
            })
            .then((imported) => imported && onBundle(imported))
        }
      >
        Import a run bundle…
      </BusyButton>
      {bundleTask.error !== null && <ActionError error={bundleTask.error} testId="import-bundle-error" onDismiss={bundleTask.reset} />}
    </section>
  );
}
