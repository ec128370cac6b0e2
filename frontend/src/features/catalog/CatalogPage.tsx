/**
 * The Catalogue page: every module the designer knows, with its actions and triggers and
 * where it came from (built in, imported from a folder, synced from the platform) and when;
 * a search over modules and blocks; "Import a block library folder…" with progress and a
 * per-module report; the removal of an imported or synced module.
 */
import { useCallback, useEffect, useId, useMemo, useState } from 'react';

import { ActionError } from '../../components/ActionError';
import { useEscapeBack } from '../../lib/useEscapeBack';
import { BusyButton } from '../../components/BusyButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { listCatalogModules, removeCatalogModule, toIpcError, type CatalogModuleView, type IpcError } from '../../ipc';
import { formatAbsolute } from '../../lib/time';
import { catalogStore } from '../designer/stores/catalogStore';
import { catalogImportStore, importSummary, useCatalogImport } from './catalogImport';
import { filterModules } from './filterModules';
import './catalog.css';

export function CatalogPage({ onBack }: { onBack: () => void }) {
  const [modules, setModules] = useState<CatalogModuleView[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [query, setQuery] = useState('');
  const [removing, setRemoving] = useState<CatalogModuleView | null>(null);
  // A folder path typed or pasted (a Git checkout's path is often at hand in a terminal).
  const [typedPath, setTypedPath] = useState('');
  const busy = useCatalogImport((s) => s.busy);
  const progress = useCatalogImport((s) => s.progress);
  const done = useCatalogImport((s) => s.done);
  const importError = useCatalogImport((s) => s.error);

  const load = useCallback(async () => {
    try {
      setModules(await listCatalogModules());
    } catch (e) {
      setError(toIpcError(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEscapeBack(onBack);

  const visible = useMemo(() => filterModules(modules ?? [], query), [modules, query]);
  const blockCount = (modules ?? []).reduce((n, m) => n + m.actions.length + m.triggers.length, 0);

  const startImport = async (path?: string) => {
    if (await catalogImportStore.getState().importFolder(path)) await load();
  };

  return (
    <div className="app catalog-page" data-panel="catalog">
      <header className="app-header">
        <button type="button" className="button button--ghost" onClick={onBack} data-action="catalog-back">
          <span aria-hidden="true">←</span> Playbooks
        </button>
        <div>
          <h1 className="app-header__title">Catalogue</h1>
          <p className="app-header__subtitle">
            {modules === null ? 'The modules, actions and triggers the designer knows' : `${modules.length} modules, ${blockCount} actions and triggers`}
          </p>
        </div>
        <BusyButton className="button button--primary catalog-page__import" busy={busy} busyLabel="Importing…" data-action="import-catalog-folder" onClick={() => void startImport()}>
          Import a block library folder…
        </BusyButton>
      </header>
      <main className="catalog-main">
        {busy && <ImportProgress done={progress?.done ?? 0} total={progress?.total ?? 0} module={progress?.module ?? ''} />}
        {importError !== null && <ActionError error={importError} testId="catalog-import-error" onDismiss={() => catalogImportStore.getState().reset()} />}
        {done !== null && !busy && (
          <section className="panel catalog-report" data-testid="catalog-import-report" aria-label="Import report">
            <div className="catalog-report__header">
              <p role="status">
                <strong>{importSummary(done.reports)}</strong> from <code>{done.folder}</code>
              </p>
              <button type="button" className="button button--ghost button--small" onClick={() => catalogImportStore.getState().reset()}>
                Dismiss
              </button>
            </div>
            <ul className="catalog-report__list">
              {done.reports.map((r) => (
                <li key={r.folder} className={r.imported ? 'is-imported' : 'is-skipped'} data-report-folder={r.folder}>
                  <span className="catalog-report__name">{r.name ?? r.folder}</span>{' '}
                  {r.imported ? `${r.actions} actions, ${r.triggers} triggers` : 'skipped'}
                  {r.skipped.length > 0 && (
                    <ul className="catalog-report__skipped">
                      {r.skipped.map((why) => (
                        <li key={why}>{why}</li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        <form
          className="catalog-path"
          onSubmit={(e) => {
            e.preventDefault();
            if (typedPath.trim() !== '') void startImport(typedPath.trim());
          }}
        >
          <label className="field__label" htmlFor="catalog-folder-path">
            or import the folder at
          </label>
          <input
            id="catalog-folder-path"
            className="input"
            placeholder="/home/me/src/automation-library"
            data-field="catalog-folder-path"
            value={typedPath}
            onChange={(e) => setTypedPath(e.target.value)}
            spellCheck={false}
          />
          <button type="submit" className="button" data-action="import-catalog-path" disabled={busy || typedPath.trim() === ''}>
            Import
          </button>
        </form>
        <div className="catalog-toolbar">
          <input
            className="input input--search"
            type="search"
            placeholder="Search modules, actions and triggers"
            aria-label="Search the catalogue"
            data-field="catalog-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        {error !== null ? (
          <ActionError error={error} testId="catalog-load-error" onDismiss={() => setError(null)} />
        ) : modules === null ? (
          <p className="list-state" aria-busy="true">
            Loading the catalogue…
          </p>
        ) : visible.length === 0 ? (
          <p className="list-state" data-testid="catalog-empty">
            Nothing in the catalogue matches “{query.trim()}”.
          </p>
        ) : (
          <ul className="catalog-modules" aria-label="Modules">
            {visible.map((m) => (
              <ModuleRow key={m.uuid} module={m} expanded={query.trim() !== ''} onRemove={() => setRemoving(m)} />
            ))}
          </ul>
        )}
      </main>
      {removing !== null && (
        <ConfirmDialog
          title={`Remove “${removing.name}” from the catalogue?`}
          confirmLabel="Remove"
          danger
          testId="remove-module-dialog"
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            const target = removing;
            setRemoving(null);
            try {
              await removeCatalogModule(target.uuid);
              await catalogStore.getState().refresh();
              await load();
            } catch (e) {
              setError(toIpcError(e));
            }
          }}
        >
          <p>
            {removing.overrides_builtin
              ? 'The built-in version of this module is used again.'
              : 'Blocks of this module in your playbooks are kept, and show as “Unknown block” until it is imported or synced again.'}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function ImportProgress({ done, total, module }: { done: number; total: number; module: string }) {
  return (
    <div className="catalog-progress" data-testid="catalog-import-progress" role="status">
      <progress max={Math.max(total, 1)} value={done} aria-label="Modules read" />
      <span>{total === 0 ? 'Reading the folder…' : `${done} of ${total} modules read${module !== '' ? ` — ${module}` : ''}`}</span>
    </div>
  );
}

const ORIGIN_LABEL = { builtin: 'Built in', import: 'Imported', platform: 'Synced from the platform' } as const;

function ModuleRow({ module, expanded, onRemove }: { module: CatalogModuleView; expanded: boolean; onRemove: () => void }) {
  const ids = useId();
  const [open, setOpen] = useState(false);
  const shown = open || expanded;
  return (
    <li className="panel catalog-module" data-module-uuid={module.uuid} data-module-origin={module.origin}>
      <div className="catalog-module__header">
        <button type="button" className="catalog-module__toggle" aria-expanded={shown} aria-controls={`${ids}-blocks`} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{shown ? '▾' : '▸'}</span>
          <strong>{module.name}</strong>
          <span className="meta">
            {module.actions.length} actions · {module.triggers.length} triggers · v{module.version}
          </span>
        </button>
        <span className={`origin origin--${module.origin}`} title={module.imported_at !== null ? formatAbsolute(module.imported_at) : undefined}>
          {ORIGIN_LABEL[module.origin]}
          {module.imported_at !== null && ` ${formatAbsolute(module.imported_at)}`}
        </span>
        {module.origin !== 'builtin' && (
          <button type="button" className="button button--ghost button--small button--danger-text" data-action="remove-module" onClick={onRemove}>
            Remove
          </button>
        )}
      </div>
      {shown && (
        <div id={`${ids}-blocks`} className="catalog-module__blocks">
          {module.description !== '' && <p className="catalog-module__description">{module.description}</p>}
          <ul>
            {[...module.triggers.map((b) => ['trigger', b] as const), ...module.actions.map((b) => ['action', b] as const)].map(([kind, block]) => (
              <li key={block.uuid} data-block-uuid={block.uuid}>
                <span className={`catalog-kind catalog-kind--${kind}`}>{kind}</span> <strong>{block.name}</strong>
                {block.description !== '' && <span className="catalog-module__block-description"> — {block.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
