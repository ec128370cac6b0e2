/** The canvas's buttons: undo/redo, auto-layout, fit view, zoom, and the shortcuts help. */
import { useReactFlow } from '@xyflow/react';

import { modLabel } from '../shortcuts';
import type { Size } from '../spl/layout';
import { useDocument } from '../stores/documentStore';
import { FIT_VIEW_OPTIONS, panelsStore, usePanels } from '../stores/panelsStore';
import { autoLayout, redo, undo } from './commands';

type CanvasToolbarProps = {
  sizesRef: React.MutableRefObject<Map<string, Size>>;
  onShowHelp: () => void;
};

export function CanvasToolbar({ sizesRef, onShowHelp }: CanvasToolbarProps) {
  const flow = useReactFlow();
  const canUndo = useDocument((s) => s.past.length > 0);
  const canRedo = useDocument((s) => s.future.length > 0);
  const hasNodes = useDocument((s) => Object.keys(s.content.nodes).length > 0);
  const palette = usePanels((s) => s.palette);
  const side = usePanels((s) => s.side);

  return (
    <div className="toolbar" role="toolbar" aria-label="Canvas">
      <button type="button" className="toolbar__button" onClick={() => undo()} disabled={!canUndo} title={`Undo (${modLabel('z')})`} aria-label="Undo" data-testid="undo">
        <ToolbarIcon d="M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />
      </button>
      <button type="button" className="toolbar__button" onClick={() => redo()} disabled={!canRedo} title={`Redo (${modLabel('z', true)})`} aria-label="Redo" data-testid="redo">
        <ToolbarIcon d="m15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />
      </button>
      <span className="toolbar__separator" aria-hidden="true" />
      <button
        type="button"
        className="toolbar__button toolbar__button--text"
        onClick={() => {
          if (autoLayout(sizesRef.current)) requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 }));
        }}
        disabled={!hasNodes}
        title="Arrange blocks top to bottom (L)"
        data-testid="auto-layout"
      >
        <ToolbarIcon d="M4 4h6v5H4zM14 15h6v5h-6zM4 15h6v5H4zM7 9v3h10v3M7 12v3" />
        <span>Auto-layout</span>
      </button>
      <button type="button" className="toolbar__button" onClick={() => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 })} title="Fit view (F)" aria-label="Fit view" data-testid="fit-view">
        <ToolbarIcon d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
      </button>
      <button type="button" className="toolbar__button" onClick={() => void flow.zoomOut({ duration: 150 })} title="Zoom out (−)" aria-label="Zoom out" data-testid="zoom-out">
        <ToolbarIcon d="M5 12h14" />
      </button>
      <button type="button" className="toolbar__button" onClick={() => void flow.zoomIn({ duration: 150 })} title="Zoom in (+)" aria-label="Zoom in" data-testid="zoom-in">
        <ToolbarIcon d="M5 12h14M12 5v14" />
      </button>
      <span className="toolbar__separator" aria-hidden="true" />
      <button
        type="button"
        className={`toolbar__button${palette ? '' : ' is-off'}`}
        onClick={() => panelsStore.getState().toggle('palette')}
        title={`${palette ? 'Hide' : 'Show'} the block list ([)`}
        aria-label={`${palette ? 'Hide' : 'Show'} the block list`}
        aria-pressed={palette}
        data-testid="toggle-palette"
      >
        <ToolbarIcon d="M4 4h16v16H4zM9 4v16" />
      </button>
      <button
        type="button"
        className={`toolbar__button${side ? '' : ' is-off'}`}
        onClick={() => panelsStore.getState().toggle('side')}
        title={`${side ? 'Hide' : 'Show'} the side panel (])`}
        aria-label={`${side ? 'Hide' : 'Show'} the side panel`}
        aria-pressed={side}
        data-testid="toggle-side-panel"
      >
        <ToolbarIcon d="M4 4h16v16H4zM15 4v16" />
      </button>
      <button type="button" className="toolbar__button" onClick={onShowHelp} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" data-testid="show-help">
        <span className="toolbar__glyph" aria-hidden="true">?</span>
      </button>
    </div>
  );
}

function ToolbarIcon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round">
      <path d={d} />
    </svg>
  );
}
