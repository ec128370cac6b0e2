/**
 * The designer: palette | canvas (+ problems) | side panel, for one playbook. Loads the
 * playbook and the catalogue, autosaves every edit, validates after edits, and saves
 * before going back to the list.
 */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './designer.css';
import { useCallback, useEffect, useRef, useState } from 'react';

import { AppMenu } from '../../components/AppMenu';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { designerMenu } from './designerMenu';
import { getPlaybook, savePlaybook, toIpcError, type IpcError, type StartRunInput } from '../../ipc';
import { ConfigChecklist } from './checklist/ConfigChecklist';
import { SaveTemplateButton } from './SaveTemplateButton';
import { runLocally, showRun } from '../runs/runActions';
import { Canvas } from './canvas/Canvas';
import { autoLayout, insertAfter, insertBlock, insertionPoint } from './canvas/commands';
import type { SplPlaybook } from './spl/types';
import { FIT_VIEW_OPTIONS, panelsStore, usePanels } from './stores/panelsStore';
import { HelpOverlay } from './canvas/HelpOverlay';
import { LinkPicker } from './canvas/LinkPicker';
import { Palette } from './palette/Palette';
import type { PaletteItem } from './palette/paletteItems';
import { SidePanel } from './panel/SidePanel';
import { ProblemsPanel } from './problems/ProblemsPanel';
import type { XY } from './spl/edits';
import type { Size } from './spl/layout';
import { ExportButton } from './ExportButton';
import { createAutosaver, saveStatusStore, type Autosaver } from './stores/autosave';
import { catalogStore } from './stores/catalogStore';
import { documentStore, useDocument } from './stores/documentStore';
import { selectionStore } from './stores/selectionStore';
import { validationStore } from './stores/validationStore';
import { SaveStatus } from './SaveStatus';
import { useDesignerShortcuts } from './useDesignerShortcuts';
import { useValidationRefresh } from './useValidationRefresh';
import { RunPanels } from '../runs/RunPanels';
import { useRunControls } from '../runs/useRunControls';
import { runStore } from '../runs/runStore';
import { TesterDrawer } from '../runs/TesterDrawer';
import { testerStore } from './stores/testerStore';

/** What the designer does once the playbook is open. */
export type DesignerIntent = {
  /** Show the blocks whose module configuration is to choose (a playbook from a template). */
  checklist?: boolean;
  /** Run it at once with these settings (the welcome's sample). */
  autoRun?: StartRunInput;
  /** Show this run (an imported run bundle's). */
  showRun?: string;
};

type DesignerPageProps = {
  playbookId: string;
  onClose: () => void;
  intent?: DesignerIntent;
};

export function DesignerPage({ playbookId, onClose, intent = {} }: DesignerPageProps) {
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [loaded, setLoaded] = useState(false);
  const autosaver = useRef<Autosaver | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const document = await getPlaybook(playbookId);
      selectionStore.getState().clear();
      validationStore.getState().reset();
      runStore.getState().clear();
      documentStore.getState().load(document);
      setLoaded(true);
    } catch (e) {
      setLoadError(toIpcError(e));
    }
  }, [playbookId]);

  useEffect(() => {
    void catalogStore.getState().load();
    void load();
    const saver = createAutosaver({ document: documentStore, save: savePlaybook });
    autosaver.current = saver;
    saveStatusStore.getState().set({ status: 'saved', error: null });
    const flushSoon = () => void saver.flush();
    const onHidden = () => document.visibilityState === 'hidden' && flushSoon();
    // Back to the front: the catalogue may have changed meanwhile (a CLI import, a sync).
    const onFront = () => void catalogStore.getState().refresh();
    window.addEventListener('beforeunload', flushSoon);
    window.addEventListener('focus', onFront);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('beforeunload', flushSoon);
      window.removeEventListener('focus', onFront);
      document.removeEventListener('visibilitychange', onHidden);
      // Leaving normally has saved already (see `leave`); this catches any other way out.
      void saver.flush().finally(() => saver.dispose());
      autosaver.current = null;
      selectionStore.getState().clear();
      runStore.getState().clear();
      testerStore.getState().close();
    };
  }, [load]);

  useValidationRefresh(loaded);

  if (loadError !== null) {
    return (
      <div className="designer designer--state">
        <div className="list-state" role="alert" data-testid="designer-load-failed">
          <p className="list-state__title">The playbook could not be opened</p>
          <p className="list-state__hint">{loadError.message}</p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={onClose}>
              Back to playbooks
            </button>
            <button type="button" className="button button--primary" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      </div>
    );
  }
  if (!loaded) {
    return (
      <div className="designer designer--state">
        <div className="list-state" aria-busy="true" data-testid="designer-loading">
          <p className="list-state__title">Opening playbook…</p>
        </div>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <Workspace playbookId={playbookId} onClose={onClose} autosaver={autosaver} intent={intent} />
    </ReactFlowProvider>
  );
}

type WorkspaceProps = {
  playbookId: string;
  onClose: () => void;
  autosaver: React.MutableRefObject<Autosaver | null>;
  intent: DesignerIntent;
};

function Workspace({ playbookId, onClose, autosaver, intent }: WorkspaceProps) {
  const flow = useReactFlow();
  const name = useDocument((s) => s.summary?.name ?? '');
  const blockCount = useDocument((s) => Object.keys(s.content.nodes).length);
  const sizesRef = useRef(new Map<string, Size>());
  const pointer = useRef<XY | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  const showPalette = usePanels((s) => s.palette);
  const showSide = usePanels((s) => s.side);
  // "Link to…" (K): the block the picker links from.
  const [linking, setLinking] = useState<string | null>(null);
  const [leaving, setLeaving] = useState<'saving' | 'failed' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [checklist, setChecklist] = useState(intent.checklist === true);
  // The sample's run starts once, whatever re-renders (and StrictMode's double effects) do.
  const autoRunStarted = useRef(false);
  useEffect(() => {
    if (autoRunStarted.current) return;
    if (intent.autoRun !== undefined) void runLocally(intent.autoRun);
    else if (intent.showRun !== undefined) void showRun(intent.showRun);
    else return;
    autoRunStarted.current = true;
  }, [intent.autoRun, intent.showRun]);

  const viewCentre = useCallback((): XY => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return { x: 0, y: 0 };
    return flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 });
  }, [flow]);

  const insert = useCallback(
    (item: PaletteItem) => {
      const centre = viewCentre();
      const { content } = documentStore.getState();
      const selected = selectionStore.getState().nodes;
      const at = insertionPoint(content, selected, { x: centre.x - 120, y: centre.y - 40 });
      // With one block selected, the new one comes after it, linked (keyboard building).
      const only = selected.size === 1 ? [...selected][0] : null;
      const id = only !== null && only in content.nodes ? insertAfter(item, only, at) : insertBlock(item, at, 'free');
      // Keep the new block in sight (it may land below the visible part of the canvas).
      const position = documentStore.getState().content.nodes[id]?.position;
      if (position) void flow.setCenter(position.x + 120, position.y + 40, { zoom: flow.getZoom(), duration: 200 });
    },
    [viewCentre, flow],
  );

  const drop = useCallback(
    (item: PaletteItem, client: XY) => {
      const point = flow.screenToFlowPosition(client);
      // Centre the new block on the pointer.
      insertBlock(item, { x: point.x - 124, y: point.y - 36 });
    },
    [flow],
  );

  const showNode = useCallback(
    (id: string) => {
      selectionStore.getState().select([id]);
      const node = flow.getNode(id);
      if (!node) return;
      const width = node.measured?.width ?? 240;
      const height = node.measured?.height ?? 90;
      void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.9), duration: 300 });
    },
    [flow],
  );

  const leave = useCallback(async () => {
    setLeaving('saving');
    const ok = (await autosaver.current?.flush()) ?? true;
    if (ok) onClose();
    else setLeaving('failed');
  }, [autosaver, onClose]);

  // A restore is an edit of the document (Undo takes it back), saved at once as a version of
  // its own ("restored version N").
  const restore = useCallback(
    async (version: number, content: SplPlaybook) => {
      await autosaver.current?.flush();
      const uuid = documentStore.getState().content.uuid;
      documentStore.getState().apply(() => ({ ...content, uuid }), `restored version ${version}`);
      const saved = (await autosaver.current?.flush()) ?? true;
      setNotice(saved ? `Version ${version} restored (Undo takes it back).` : `Version ${version} is restored here but could not be saved yet: it will be retried.`);
    },
    [autosaver],
  );

  const runs = useRunControls({ playbookId, flush: async () => (await autosaver.current?.flush()) ?? true, enabled: !help && leaving === null });

  useDesignerShortcuts({
    enabled: !help && leaving === null && !runs.dialogOpen && linking === null,
    pastePoint: () => {
      // At the pointer when a pasted block drawn there stays inside the canvas, else in the
      // middle of the view (never half under a side column).
      const p = pointer.current;
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      const zoom = flow.getZoom();
      if (p !== null && pane && p.x >= pane.left && p.y >= pane.top && p.x + 250 * zoom <= pane.right && p.y + 90 * zoom <= pane.bottom) return flow.screenToFlowPosition(p);
      const c = viewCentre();
      return { x: c.x - 120, y: c.y - 40 };
    },
    fitView: () => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 }),
    zoomIn: () => void flow.zoomIn({ duration: 150 }),
    zoomOut: () => void flow.zoomOut({ duration: 150 }),
    autoLayout: () => {
      if (autoLayout(sizesRef.current)) requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 }));
    },
    toggleHelp: () => setHelp((h) => !h),
    focusPalette: () => {
      if (searchRef.current !== null) {
        searchRef.current.focus();
        return;
      }
      // Hidden: show it, then focus its search once drawn.
      panelsStore.getState().show('palette');
      requestAnimationFrame(() => searchRef.current?.focus());
    },
    togglePanel: (which) => panelsStore.getState().toggle(which),
    linkSelected: () => {
      const selected = [...selectionStore.getState().nodes];
      if (selected.length === 1) setLinking(selected[0]);
    },
    saveNow: () => void autosaver.current?.flush(),
  });

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <div className="designer" data-testid="designer">
      <header className="designer__header">
        <button type="button" className="button button--ghost designer__back" onClick={() => void leave()} data-testid="back-to-playbooks" disabled={leaving === 'saving'}>
          <span aria-hidden="true">←</span> Playbooks
        </button>
        <div className="designer__title">
          <h1 className="designer__name" data-testid="designer-title" title={name}>
            {name}
          </h1>
          <span className="meta">{blockCount === 1 ? '1 block' : `${blockCount} blocks`}</span>
        </div>
        {notice !== null && (
          <p className="designer__notice" role="status" data-testid="designer-notice">
            {notice}
          </p>
        )}
        <SaveStatus onRetry={() => void autosaver.current?.flush()} />
        {runs.runButton}
        <button
          type="button"
          className="button"
          onClick={() => testerStore.getState().toggle()}
          data-action="open-jinja-tester"
          title="Test Jinja expressions on a run's data (Ctrl/⌘+J)"
        >
          Jinja tester
        </button>
        <ExportButton playbookId={playbookId} name={name} flush={async () => (await autosaver.current?.flush()) ?? true} onNotice={setNotice} />
        <SaveTemplateButton playbookId={playbookId} name={name} flush={async () => (await autosaver.current?.flush()) ?? true} onNotice={setNotice} />
        <button type="button" className="button button--ghost" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
        <AppMenu sections={designerMenu({ leave: () => void leave(), saveNow: () => void autosaver.current?.flush(), help: () => setHelp(true), flow })} />
      </header>
      <div className={`designer__body${showPalette ? '' : ' is-palette-hidden'}${showSide ? '' : ' is-side-hidden'}`}>
        {showPalette && <Palette onInsert={insert} onDrop={drop} searchRef={searchRef} />}
        <div className="designer__canvas">
          <RunPanels playbookId={playbookId} onShowNode={showNode}>
            <Canvas sizesRef={sizesRef} onPointer={(p) => (pointer.current = p)} onShowHelp={() => setHelp(true)} />
          </RunPanels>
          <ProblemsPanel onShowNode={showNode} />
          {checklist && <ConfigChecklist onShowNode={showNode} onDismiss={() => setChecklist(false)} />}
        </div>
        {showSide && <SidePanel playbookId={playbookId} onRestore={restore} />}
        <TesterDrawer playbookId={playbookId} />
      </div>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      {linking !== null && <LinkPicker content={documentStore.getState().content} source={linking} onClose={() => setLinking(null)} />}
      {runs.dialog}
      {leaving === 'failed' && (
        <ConfirmDialog
          title="Your last edits are not saved"
          confirmLabel="Leave without saving"
          cancelLabel="Stay here"
          danger
          onCancel={() => setLeaving(null)}
          onConfirm={onClose}
          testId="leave-unsaved-dialog"
        >
          <p>{saveStatusStore.getState().error?.message ?? 'The playbook could not be saved.'}</p>
          <p>Stay to keep editing (saving is retried), or leave and lose the edits made since the last save.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
