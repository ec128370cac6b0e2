/**
 * "Sync catalogue": brings the platform's modules, actions and triggers into the local
 * catalogue (the designer's palette reloads it), and says how many came.
 */
import { useId } from 'react';

import { ActionError } from '../../components/ActionError';
import { BusyButton } from '../../components/BusyButton';
import { platformPullCatalog, type CatalogSync } from '../../ipc';
import { useTask } from '../../lib/useTask';
import { catalogStore } from '../designer/stores/catalogStore';
import { withConnectionWatch } from './platformStore';

export function CatalogSection({ configured }: { configured: boolean }) {
  const ids = useId();
  const task = useTask<CatalogSync>();

  const sync = async () => {
    const synced = await task.run(() => withConnectionWatch(platformPullCatalog));
    if (synced === undefined) return;
    // The designer loads the catalogue once; make it read the synced one.
    if (catalogStore.getState().status !== 'idle') void catalogStore.getState().load(true);
  };

  return (
    <section className="panel platform-section" aria-labelledby={`${ids}-title`} data-testid="platform-catalog">
      <div className="platform-section__header">
        <h2 id={`${ids}-title`} className="panel__title">
          Catalogue
        </h2>
        <BusyButton className="button button--small" busy={task.busy} busyLabel="Syncing…" disabled={!configured} data-testid="platform-sync" onClick={() => void sync()}>
          Sync catalogue
        </BusyButton>
      </div>
      {!configured ? (
        <p className="platform-empty">Store an API key to bring the platform’s modules, actions and triggers into the palette.</p>
      ) : task.error !== null ? (
        <ActionError error={task.error} testId="platform-sync-error" onDismiss={task.reset} />
      ) : task.result !== null ? (
        <p className="action-done" role="status" data-testid="platform-sync-done">
          Synced {count(task.result.modules, 'module')}, {count(task.result.actions, 'action')} and {count(task.result.triggers, 'trigger')} from the platform.
        </p>
      ) : (
        <p className="platform-empty">The palette has the built-in blocks and any imported modules. Sync to add every module of your platform.</p>
      )}
    </section>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
