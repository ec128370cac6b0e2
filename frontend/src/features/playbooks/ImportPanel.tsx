/**
 * "Import file…": the OS open dialog, then the core imports the SPL JSON file. An imported
 * playbook opens in the designer; an invalid file's problems stay listed under the button.
 * Ctrl/⌘+O starts it from anywhere on the start page.
 */
import { useId } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { chooseFileToOpen, importPlaybookFile, type PlaybookSummary } from '../../ipc';
import { shortcutLabel, useModShortcut } from '../../lib/useModShortcut';
import { useTask } from '../../lib/useTask';

type ImportPanelProps = {
  onImported: (playbook: PlaybookSummary) => void;
};

export function ImportPanel({ onImported }: ImportPanelProps) {
  const task = useTask<PlaybookSummary | null>();
  const ids = useId();

  const start = async () => {
    const imported = await task.run(async () => {
      const path = await chooseFileToOpen();
      return path === null ? null : importPlaybookFile(path);
    });
    if (imported) onImported(imported);
  };

  useModShortcut('o', () => void start());

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
      {task.error !== null && <ActionError error={task.error} testId="import-error" onDismiss={task.reset} />}
    </section>
  );
}
