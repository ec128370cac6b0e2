/**
 * The designer header's "Export…": saves pending edits, asks where to write (the save
 * dialog proposes `<name>.json`), and has the core write the SPL JSON. The outcome goes
 * to the header's notice line.
 */
import { useState } from 'react';

import { BusyButton } from '../../components/BusyButton';
import { chooseFileToSave, exportPlaybookFile, toIpcError } from '../../ipc';
import { exportFileName } from '../../lib/fileNames';

type ExportButtonProps = {
  playbookId: string;
  name: string;
  /** Saves pending edits; resolves to false when they could not be saved. */
  flush: () => Promise<boolean>;
  onNotice: (text: string) => void;
};

export function ExportButton({ playbookId, name, flush, onNotice }: ExportButtonProps) {
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      if (!(await flush())) {
        onNotice('Not exported: the last edits could not be saved first.');
        return;
      }
      const path = await chooseFileToSave(exportFileName(name));
      if (path === null) return;
      await exportPlaybookFile(playbookId, path);
      onNotice(`Exported to ${path}`);
    } catch (e) {
      onNotice(`Not exported: ${toIpcError(e).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <BusyButton className="button button--ghost" busy={busy} busyLabel="Exporting…" data-testid="designer-export" title="Export the playbook to an SPL JSON file" onClick={() => void run()}>
      Export…
    </BusyButton>
  );
}
