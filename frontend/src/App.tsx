import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { AboutLine, Logo } from './components/AppChrome';
import { AppMenu } from './components/AppMenu';
import { startMenu } from './features/playbooks/startMenu';
import { ErrorBanner } from './components/ErrorBanner';
import type { DesignerIntent } from './features/designer/DesignerPage';
import { useConnectionStatus } from './features/platform/platformStore';
import { PlatformStatus } from './features/platform/PlatformStatus';
import { remoteStatusStore } from './features/platform/remoteStatus';
import { filterPlaybooks } from './features/playbooks/filterPlaybooks';
import { ImportPanel } from './features/playbooks/ImportPanel';
import { NewPlaybookForm } from './features/playbooks/NewPlaybookForm';
import { PlaybookList } from './features/playbooks/PlaybookList';
import { Welcome } from './features/playbooks/Welcome';
import {
  createFromTemplate,
  createPlaybook,
  listTemplates,
  deletePlaybook,
  duplicatePlaybook,
  listPlaybooks,
  takeStartupPlaybook,
  appReady,
  watchOpened,
  renamePlaybook,
  toIpcError,
  type CreatePlaybookInput,
  type IpcError,
  type PlaybookSummary,
} from './ipc';
import { useModShortcut } from './lib/useModShortcut';
import { HelpOverlay } from './features/designer/canvas/HelpOverlay';
import { APP_SHORTCUTS, SHORTCUTS, isTextEntry } from './features/designer/shortcuts';

// The pages beyond the start page load when first opened: the start page's window shows
// sooner and the web process holds less until then (scripts/bench-startup).
const DesignerPage = lazy(() => import('./features/designer/DesignerPage').then((m) => ({ default: m.DesignerPage })));
const PlatformPage = lazy(() => import('./features/platform/PlatformPage').then((m) => ({ default: m.PlatformPage })));
const TemplatesPage = lazy(() => import('./features/templates/TemplatesPage').then((m) => ({ default: m.TemplatesPage })));
const CatalogPage = lazy(() => import('./features/catalog/CatalogPage').then((m) => ({ default: m.CatalogPage })));

/** What shows while a page's code loads (a few milliseconds from the app's own files). */
function PageLoading() {
  return <div className="list-state" aria-busy="true" data-testid="page-loading" />;
}

/** The template the welcome's "Run a sample" creates and runs. */
const SAMPLE_TEMPLATE = 'triage-high-urgency-alerts';

/**
 * The app: the start page (create or import a playbook; find, rename, duplicate, delete,
 * export or push one), the Platform page, or the designer of the playbook opened.
 */
export function App() {
  const [openId, setOpenId] = useState<string | null>(null);
  // What the designer does once the playbook is open (a checklist, a first run).
  const [intent, setIntent] = useState<DesignerIntent>({});
  const [page, setPage] = useState<'playbooks' | 'platform' | 'templates' | 'catalog'>('playbooks');
  const [sampleBusy, setSampleBusy] = useState(false);
  const importRef = useRef<(() => void) | null>(null);
  const [help, setHelp] = useState(false);

  // "?" lists the shortcuts on every page (the designer has its own overlay).
  useEffect(() => {
    if (openId !== null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.defaultPrevented || isTextEntry(e.target) || document.querySelector('.overlay') !== null) return;
      e.preventDefault();
      setHelp(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openId]);
  const [playbooks, setPlaybooks] = useState<PlaybookSummary[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [query, setQuery] = useState('');
  const nameInputRef = useRef<HTMLInputElement>(null);
  // Only the latest load may write the list (StrictMode and quick retries overlap loads).
  const latestLoad = useRef(0);

  const refresh = useCallback(async (): Promise<boolean> => {
    const load = ++latestLoad.current;
    try {
      const list = await listPlaybooks();
      if (load === latestLoad.current) {
        setPlaybooks(list);
        setLoadFailed(false);
      }
      return true;
    } catch (e) {
      if (load === latestLoad.current) {
        setError(toIpcError(e));
        setLoadFailed(true);
      }
      return false;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Whether the platform runs each pushed playbook (on/off), read once per visit of the list.
  const { configured } = useConnectionStatus();
  const anyPushed = playbooks?.some((p) => p.remote_uuid !== null) ?? false;
  useEffect(() => {
    if (configured && anyPushed && page === 'playbooks' && openId === null) void remoteStatusStore.getState().load();
  }, [configured, anyPushed, page, openId]);

  // `playbook-studio FILE`: open the playbook the app was started with.
  useEffect(() => {
    takeStartupPlaybook().then(
      (startup) => {
        if (startup?.kind === 'opened') setOpenId(startup.playbook_id);
        else if (startup?.kind === 'failed') setError(startup.error);
      },
      () => {},
    );
  }, []);

  const handleCreate = useCallback(
    async (input: CreatePlaybookInput): Promise<boolean> => {
      setError(null);
      let created: PlaybookSummary;
      try {
        created = await createPlaybook(input);
      } catch (e) {
        setError(toIpcError(e));
        return false;
      }
      // Show the new playbook even if a search would hide it.
      setQuery('');
      if (!(await refresh())) {
        // The list could not be reloaded; still show what was created.
        setPlaybooks((current) => [created, ...(current ?? []).filter((p) => p.id !== created.id)]);
      }
      // A new playbook is made to be drawn: it opens in the designer.
      setIntent({});
      setOpenId(created.id);
      return true;
    },
    [refresh],
  );

  const handleRetry = useCallback(() => {
    setError(null);
    setLoadFailed(false);
    void refresh();
  }, [refresh]);

  const handleRename = useCallback(
    async (id: string, name: string): Promise<boolean> => {
      setError(null);
      try {
        const renamed = await renamePlaybook(id, name);
        setPlaybooks((current) => (current ?? []).map((p) => (p.id === id ? renamed : p)));
        return true;
      } catch (e) {
        setError(toIpcError(e));
        return false;
      }
    },
    [],
  );

  const handleDuplicate = useCallback(
    async (id: string) => {
      setError(null);
      try {
        const copy = await duplicatePlaybook(id);
        setQuery('');
        if (!(await refresh())) setPlaybooks((current) => [copy, ...(current ?? [])]);
      } catch (e) {
        setError(toIpcError(e));
      }
    },
    [refresh],
  );

  const handleDelete = useCallback(async (id: string): Promise<boolean> => {
    setError(null);
    try {
      await deletePlaybook(id);
      setPlaybooks((current) => (current ?? []).filter((p) => p.id !== id));
      return true;
    } catch (e) {
      setError(toIpcError(e));
      return false;
    }
  }, []);

  const openPlaybook = useCallback((id: string, next: DesignerIntent = {}) => {
    setPage('playbooks');
    setIntent(next);
    setOpenId(id);
  }, []);

  // The window starts hidden (no blank flash): the core shows it once the start page is in
  // the DOM — a hidden WebKit window paints nothing, so waiting for a frame would wait for
  // ever — and logs how long that took.
  useEffect(() => {
    void appReady(performance.now()).catch(() => {});
  }, []);

  // A later `playbook-studio FILE` (the app is already running): open that playbook here.
  useEffect(() => {
    void watchOpened((opened) => {
      if (opened.kind === 'opened') openPlaybook(opened.playbook_id);
      else setError(opened.error);
    }).catch(() => {});
  }, [openPlaybook]);

  // The welcome's sample: the triage template, created and run in mock mode with its test
  // event and pins (nothing leaves the machine).
  const runSample = useCallback(async () => {
    setError(null);
    setSampleBusy(true);
    try {
      const templates = await listTemplates();
      const template = templates.find((t) => t.slug === SAMPLE_TEMPLATE) ?? templates[0];
      if (template === undefined) throw { code: 'not_found', message: 'No template is available to make a sample from.' };
      const created = await createFromTemplate(template.slug, template.name);
      openPlaybook(created.id, { autoRun: { playbook_id: created.id, event: template.event, mock: 'unknown', pins: template.pins, trigger: null } });
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setSampleBusy(false);
    }
  }, [openPlaybook]);

  const handleCloseDesigner = useCallback(() => {
    setOpenId(null);
    void refresh();
  }, [refresh]);

  useModShortcut('n', () => {
    if (openId !== null) return;
    nameInputRef.current?.focus();
    nameInputRef.current?.select();
  });

  const visible = useMemo(() => filterPlaybooks(playbooks ?? [], query), [playbooks, query]);
  const total = playbooks?.length ?? 0;

  if (openId !== null) {
    return (
      <Suspense fallback={<PageLoading />}>
        <DesignerPage key={openId} playbookId={openId} intent={intent} onClose={handleCloseDesigner} />
      </Suspense>
    );
  }
  const helpOverlay = help && (
    <HelpOverlay groups={[APP_SHORTCUTS, ...SHORTCUTS.map((g) => ({ ...g, title: `Designer: ${g.title.toLowerCase()}` }))]} onClose={() => setHelp(false)} footer={<AboutLine />} />
  );
  if (page === 'templates') {
    return (
      <Suspense fallback={<PageLoading />}>
        <TemplatesPage onBack={() => setPage('playbooks')} onCreated={(created) => openPlaybook(created.id, { checklist: true })} />
        {helpOverlay}
      </Suspense>
    );
  }
  if (page === 'catalog') {
    return (
      <Suspense fallback={<PageLoading />}>
        <CatalogPage onBack={() => setPage('playbooks')} />
        {helpOverlay}
      </Suspense>
    );
  }
  if (page === 'platform') {
    return (
      <Suspense fallback={<PageLoading />}>
        <PlatformPage
          onBack={() => {
            setPage('playbooks');
            void refresh();
          }}
          onOpenPlaybook={openPlaybook}
        />
        {helpOverlay}
      </Suspense>
    );
  }

  return (
    <div className="app">
      <header className="app-header">
        <Logo />
        <div>
          <h1 className="app-header__title">Playbook Studio</h1>
          <p className="app-header__subtitle">Design, test and run SOAR playbooks</p>
        </div>
        <PlatformStatus onOpen={() => setPage('platform')} />
        <button type="button" className="button button--ghost app-header__link" data-action="open-catalog" onClick={() => setPage('catalog')} title="Every module, action and trigger the designer knows; import a block library">
          Catalogue
        </button>
        <button type="button" className="button button--ghost" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" data-action="show-shortcuts">
          ?
        </button>
        <AppMenu
          sections={startMenu({
            focusName: () => nameInputRef.current?.focus(),
            templates: () => setPage('templates'),
            importFile: () => importRef.current?.(),
            catalog: () => setPage('catalog'),
            platform: () => setPage('platform'),
            help: () => setHelp(true),
          })}
        />
      </header>

      {error !== null && <ErrorBanner error={error} onDismiss={() => setError(null)} />}

      <main className="app-main">
        <aside className="app-main__side">
          <NewPlaybookForm onCreate={handleCreate} nameInputRef={nameInputRef} onUseTemplate={() => setPage('templates')} />
          <ImportPanel onImported={(imported) => openPlaybook(imported.id)} onBundle={(b) => openPlaybook(b.playbook_id, { showRun: b.run_id })} startRef={importRef} />
        </aside>

        <section className="panel playbooks" aria-labelledby="playbooks-title">
          <div className="panel__header">
            <h2 id="playbooks-title" className="panel__title">
              Playbooks
              {playbooks !== null && (
                <span className="count" data-testid="playbook-count">
                  {query.trim() !== '' ? `${visible.length} of ${total}` : total}
                </span>
              )}
            </h2>
            <input
              className="input input--search"
              type="search"
              placeholder="Search by name or description"
              aria-label="Search playbooks"
              data-testid="playbook-search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') setQuery('');
              }}
            />
          </div>
          <PlaybookList
            playbooks={playbooks}
            visible={visible}
            loadFailed={loadFailed}
            query={query}
            onClearQuery={() => setQuery('')}
            onRetry={handleRetry}
            onOpen={(id) => openPlaybook(id)}
            onRename={handleRename}
            onDuplicate={handleDuplicate}
            onDelete={handleDelete}
            onPushed={() => void refresh()}
            onOpenPlatform={() => setPage('platform')}
            welcome={
              <Welcome
                sampleBusy={sampleBusy}
                onSample={() => void runSample()}
                onTemplates={() => setPage('templates')}
                onImport={() => importRef.current?.()}
                onCreateEmpty={() => nameInputRef.current?.focus()}
              />
            }
          />
        </section>
      </main>
      {helpOverlay}
    </div>
  );
}
