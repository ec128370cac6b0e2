/**
 * What to do about an "Unknown block": the catalogue lacks its module or block. Import the
 * platform's block library from a local folder, or sync the catalogue from the platform
 * when connected; the block resolves as soon as the catalogue has it, without reopening.
 */
import { ActionError } from '../../../components/ActionError';
import { BusyButton } from '../../../components/BusyButton';
import { platformPullCatalog } from '../../../ipc';
import { useTask } from '../../../lib/useTask';
import { catalogImportStore, importSummary, useCatalogImport } from '../../catalog/catalogImport';
import { useConnectionStatus, withConnectionWatch } from '../../platform/platformStore';
import { catalogStore } from '../stores/catalogStore';

export function UnknownBlockHelp({ reason }: { reason: string }) {
  const importing = useCatalogImport((s) => s.busy);
  const progress = useCatalogImport((s) => s.progress);
  const done = useCatalogImport((s) => s.done);
  const importError = useCatalogImport((s) => s.error);
  const { configured } = useConnectionStatus();
  const sync = useTask<unknown>();

  return (
    <div className="panel-note panel-note--warn" data-testid="panel-unknown">
      <p>
        <strong>Unknown block.</strong> {reason}. It is kept as it is; its arguments are edited as JSON.
      </p>
      <p>Bring its module into the catalogue: import the platform’s block library (a local checkout of automation-library), or sync from the platform.</p>
      <div className="panel-note__actions">
        <BusyButton
          className="button button--small"
          busy={importing}
          busyLabel={progress !== null && progress.total > 0 ? `Importing ${progress.done}/${progress.total}…` : 'Importing…'}
          data-action="import-block-library"
          onClick={() => void catalogImportStore.getState().importFolder()}
        >
          Import a block library…
        </BusyButton>
        <BusyButton
          className="button button--small"
          busy={sync.busy}
          busyLabel="Syncing…"
          disabled={!configured}
          title={configured ? 'Bring the platform’s modules into the catalogue' : 'Connect to the platform first (Platform page)'}
          data-action="sync-catalog"
          onClick={() =>
            void sync.run(async () => {
              await withConnectionWatch(platformPullCatalog);
              await catalogStore.getState().refresh();
            })
          }
        >
          Sync from the platform
        </BusyButton>
      </div>
      {done !== null && !importing && <p role="status">{importSummary(done.reports)}; this block is still unknown to them.</p>}
      {importError !== null && <ActionError error={importError} testId="unknown-import-error" onDismiss={() => catalogImportStore.getState().reset()} />}
      {sync.error !== null && <ActionError error={sync.error} testId="unknown-sync-error" onDismiss={sync.reset} />}
    </div>
  );
}
