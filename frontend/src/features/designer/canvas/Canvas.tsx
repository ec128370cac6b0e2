/**
 * The canvas: the open document drawn with React Flow, and the gestures that edit it
 * (link, move, select; blocks dropped from the palette arrive through the palette). React Flow is controlled: the SPL document
 * is the truth; the canvas keeps only what is in flight (positions while dragging, the
 * sizes React Flow measured) and commits a gesture as one edit when it ends.
 */
import {
  Background,
  BackgroundVariant,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { XY } from '../spl/edits';
import { layoutPositions, type Size } from '../spl/layout';
import { splToFlow, splPosition, type BlockFlowNode, type BlockNodeData, type BranchEdge } from '../spl/toFlow';
import { documentStore, useDocument } from '../stores/documentStore';
import { selectionStore, useSelection } from '../stores/selectionStore';
import { useCatalog } from '../stores/catalogStore';
import { FIT_VIEW_OPTIONS } from '../stores/panelsStore';
import { useValidation } from '../stores/validationStore';
import { commitMoves, link } from './commands';
import { nodeTypes } from './nodeTypes';
import { CanvasToolbar } from './CanvasToolbar';
import { branchKey } from '../../runs/runModel';
import { useRun } from '../../runs/runStore';
import './canvas.css';

type CanvasProps = {
  /** The measured block sizes, for auto-layout. */
  sizesRef: React.MutableRefObject<Map<string, Size>>;
  onPointer: (client: XY | null) => void;
  onShowHelp: () => void;
};

type CachedNode = { source: BlockFlowNode; position: XY | undefined; selected: boolean; measured: Size | undefined; node: BlockFlowNode };

export function Canvas({ sizesRef, onPointer, onShowHelp }: CanvasProps) {
  const flow = useReactFlow<BlockFlowNode, BranchEdge>();
  const content = useDocument((s) => s.content);
  const generation = useDocument((s) => s.generation);
  const index = useCatalog((s) => s.index);
  const problems = useValidation((s) => s.byNode);
  const selectedNodes = useSelection((s) => s.nodes);
  const selectedEdges = useSelection((s) => s.edges);

  // Blocks without an SPL position are drawn where auto-layout puts them, computed once
  // per loaded document (so they do not jump when another block moves).
  const fallback = useMemo(() => {
    const loaded = documentStore.getState().content;
    return Object.values(loaded.nodes).some((n) => splPosition(n) === null) ? layoutPositions(loaded) : {};
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [generation]);

  const previousData = useRef(new Map<string, BlockNodeData>());
  const mapped = useMemo(() => {
    const result = splToFlow(content, { index, problems, fallback, previous: previousData.current });
    previousData.current = new Map(result.nodes.map((n) => [n.id, n.data]));
    return result;
  }, [content, index, problems, fallback]);

  // Positions of blocks being dragged: a ref for the handlers, state for rendering.
  const draggingRef = useRef<Map<string, XY>>(new Map());
  const [dragging, setDragging] = useState<ReadonlyMap<string, XY>>(draggingRef.current);
  const [measureTick, setMeasureTick] = useState(0);
  const cache = useRef(new Map<string, CachedNode>());

  const nodes = useMemo(() => {
    const next = new Map<string, CachedNode>();
    const list = mapped.nodes.map((source) => {
      const position = dragging.get(source.id);
      const selected = selectedNodes.has(source.id);
      const measured = sizesRef.current.get(source.id);
      const old = cache.current.get(source.id);
      if (old !== undefined && old.source === source && old.position === position && old.selected === selected && old.measured === measured) {
        next.set(source.id, old);
        return old.node;
      }
      const node: BlockFlowNode = { ...source, position: position ?? source.position, selected, ...(measured ? { measured } : {}) };
      next.set(source.id, { source, position, selected, measured, node });
      return node;
    });
    cache.current = next;
    return list;
    // `measureTick` stands for `sizesRef.current` having changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [mapped, dragging, selectedNodes, measureTick, sizesRef]);

  // In the RUN view, links light up along the branches the run took; the others dim.
  // An edge keeps its object while its own look is unchanged, so a run lighting one branch
  // redraws that link only (not the hundreds of others).
  const taken = useRun((s) => (s.shown === null ? null : s.taken));
  const edgeCache = useRef(new Map<string, { source: BranchEdge; look: string; edge: BranchEdge }>());
  const edges = useMemo(() => {
    const next = new Map<string, { source: BranchEdge; look: string; edge: BranchEdge }>();
    const list = mapped.edges.map((e) => {
      const selected = selectedEdges.has(e.id);
      const run = taken === null ? '' : taken.has(branchKey(e.source, e.data?.branch ?? e.sourceHandle ?? 'default')) ? 'edge--taken' : 'edge--dim';
      const look = `${selected ? 's' : ''}${run}`;
      const old = edgeCache.current.get(e.id);
      const edge =
        old !== undefined && old.source === e && old.look === look
          ? old.edge
          : { ...e, ...(selected ? { selected: true } : {}), ...(run !== '' ? { className: `${e.className ?? ''} ${run}` } : {}) };
      next.set(e.id, { source: e, look, edge });
      return edge;
    });
    edgeCache.current = next;
    return list;
  }, [mapped.edges, selectedEdges, taken]);

  // Forget selected blocks and links that are gone (after an undo, for instance).
  useEffect(() => {
    selectionStore.getState().retain(new Set(mapped.nodes.map((n) => n.id)), new Set(mapped.edges.map((e) => e.id)));
  }, [mapped]);

  // Fit the playbook in view once per loaded document, when its blocks have been measured
  // (or after a moment, for large playbooks whose off-screen blocks are never measured).
  const fitted = useRef(-1);
  useEffect(() => {
    if (fitted.current === generation) return;
    const fit = () => {
      if (fitted.current === generation) return;
      fitted.current = generation;
      requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS));
    };
    if (mapped.nodes.length === 0) {
      fitted.current = generation;
      return;
    }
    if (mapped.nodes.every((n) => sizesRef.current.has(n.id))) {
      fit();
      return;
    }
    const timer = setTimeout(fit, 400);
    return () => clearTimeout(timer);
  }, [generation, measureTick, mapped.nodes, flow, sizesRef]);

  const onNodesChange = useCallback(
    (changes: NodeChange<BlockFlowNode>[]) => {
      let measuredChanged = false;
      const moving = new Map<string, XY>();
      const moved: Record<string, XY> = {};
      let movedAny = false;
      const selection: Array<[string, boolean]> = [];
      for (const change of changes) {
        if (change.type === 'dimensions' && change.dimensions !== undefined) {
          const old = sizesRef.current.get(change.id);
          if (old === undefined || old.width !== change.dimensions.width || old.height !== change.dimensions.height) {
            sizesRef.current.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
            measuredChanged = true;
          }
        } else if (change.type === 'position' && change.position !== undefined) {
          if (change.dragging) moving.set(change.id, change.position);
          else {
            moved[change.id] = change.position;
            movedAny = true;
          }
        } else if (change.type === 'select') {
          selection.push([change.id, change.selected]);
        }
      }
      if (measuredChanged) setMeasureTick((t) => t + 1);
      if (moving.size > 0 || movedAny) {
        const fromDrag = Object.keys(moved).some((id) => draggingRef.current.has(id));
        const next = new Map(draggingRef.current);
        for (const [id, p] of moving) next.set(id, p);
        for (const id of Object.keys(moved)) next.delete(id);
        draggingRef.current = next;
        // A drag is one undo step; arrow-key moves of the same blocks are merged into one.
        if (movedAny) commitMoves(moved, fromDrag ? undefined : `keys:${Object.keys(moved).sort().join(',')}`);
        setDragging(next);
      }
      if (selection.length > 0) {
        const state = selectionStore.getState();
        const next = new Set(state.nodes);
        for (const [id, on] of selection) {
          if (on) next.add(id);
          else next.delete(id);
        }
        state.select(next, state.edges);
      }
    },
    [sizesRef],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<BranchEdge>[]) => {
    const state = selectionStore.getState();
    let next: Set<string> | null = null;
    for (const change of changes) {
      if (change.type !== 'select') continue;
      next ??= new Set(state.edges);
      if (change.selected) next.add(change.id);
      else next.delete(change.id);
    }
    if (next !== null) state.select(state.nodes, next);
  }, []);

  const canLink = useCallback((source: string | null, target: string | null) => {
    if (source === null || target === null || source === target) return false;
    const nodesNow = documentStore.getState().content.nodes;
    return target in nodesNow && nodesNow[target].type !== 'trigger';
  }, []);

  const isValidConnection: IsValidConnection<BranchEdge> = useCallback((c) => canLink(c.source, c.target), [canLink]);

  const onConnect = useCallback(
    (connection: Connection) => {
      if (canLink(connection.source, connection.target)) link(connection.source, connection.sourceHandle ?? 'default', connection.target);
    },
    [canLink],
  );

  // Dropping a link anywhere on a block (not only on its input handle) links to it.
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || state.fromNode === null || state.fromHandle === null || state.fromHandle.type !== 'source') return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (point === undefined) return;
      const element = document.elementFromPoint(point.clientX, point.clientY)?.closest('[data-node-id]');
      const target = element?.getAttribute('data-node-id') ?? null;
      if (canLink(state.fromNode.id, target)) link(state.fromNode.id, state.fromHandle.id ?? 'default', target!);
    },
    [canLink],
  );

  const empty = mapped.nodes.length === 0;
  // The overview only where it leaves room for the blocks (it would cover them on a narrow canvas).
  const hostRef = useRef<HTMLDivElement>(null);
  const [wide, setWide] = useState(true);
  useEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const observer = new ResizeObserver(() => setWide(host.clientWidth >= MINIMAP_MIN_WIDTH));
    observer.observe(host);
    return () => observer.disconnect();
  }, []);
  // Culling off-screen elements costs more than it saves up to about a thousand blocks: in
  // WebKitGTK (the Linux app) 500 blocks got their links in 2.4 s with it, 1.5 s without
  // (tests/e2e/bench-open.mjs), and dragging stays at one frame per 17 ms either way.
  const large = mapped.nodes.length > 1000;

  return (
    <div
      ref={hostRef}
      className="canvas"
      data-testid="canvas"
      onPointerMove={(e) => onPointer({ x: e.clientX, y: e.clientY })}
      onPointerLeave={() => onPointer(null)}
    >
      <ReactFlow<BlockFlowNode, BranchEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={() => selectionStore.getState().clear()}
        deleteKeyCode={null}
        colorMode="dark"
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements={large}
        elevateEdgesOnSelect
        attributionPosition="bottom-left"
        defaultEdgeOptions={EDGE_OPTIONS}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="#243247" />
        {!empty && wide && <MiniMap style={{ width: 160, height: 110 }} pannable zoomable nodeClassName={miniMapClass} maskColor="rgba(6, 10, 16, 0.7)" ariaLabel="Overview of the playbook" />}
        <Panel position="top-left">
          <CanvasToolbar sizesRef={sizesRef} onShowHelp={onShowHelp} />
        </Panel>
      </ReactFlow>
      {empty && (
        <div className="canvas__empty" data-testid="canvas-empty">
          <p className="canvas__empty-title">This playbook has no blocks yet</p>
          <p>
            Start with a <strong>trigger</strong>: drag one from the palette on the left, or focus it and press <kbd className="shortcut">Enter</kbd>.
          </p>
          <p className="canvas__empty-hint">Then add actions and operators below it and link their outputs.</p>
        </div>
      )}
    </div>
  );
}

const EDGE_OPTIONS = { interactionWidth: 16 };

function miniMapClass(node: BlockFlowNode): string {
  return `minimap-node minimap-node--${node.data.resolved.family}`;
}

/** Narrower than this, the canvas shows no minimap (it would cover blocks). */
const MINIMAP_MIN_WIDTH = 800;
