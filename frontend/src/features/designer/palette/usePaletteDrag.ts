/**
 * Dragging a palette item onto the canvas with pointer events.
 *
 * Not HTML5 drag and drop on purpose: desktop webviews handle it unevenly (Tauri's own
 * file-drop handling can swallow it, and WebKitGTK has long-standing bugs with it), while
 * pointer events behave the same in every webview and under WebDriver. A ghost follows
 * the pointer; releasing it over the canvas inserts the block there, Escape cancels.
 */
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

import type { XY } from '../spl/edits';
import type { PaletteItem } from './paletteItems';

/** How far the pointer moves before a press becomes a drag. */
const DRAG_THRESHOLD = 4;

export type PaletteDrag = { item: PaletteItem; client: XY; overCanvas: boolean };

export function usePaletteDrag(onDrop: (item: PaletteItem, client: XY) => void) {
  const [drag, setDrag] = useState<PaletteDrag | null>(null);
  const pending = useRef<{ item: PaletteItem; start: XY; dragging: boolean } | null>(null);
  const suppressClick = useRef(false);
  const cleanup = useRef<(() => void) | null>(null);
  const dropRef = useRef(onDrop);
  useEffect(() => {
    dropRef.current = onDrop;
  });
  useEffect(() => () => cleanup.current?.(), []);

  const onPointerDown = useCallback((item: PaletteItem, event: ReactPointerEvent) => {
    if (event.button !== 0 || !event.isPrimary) return;
    cleanup.current?.();
    pending.current = { item, start: { x: event.clientX, y: event.clientY }, dragging: false };

    const move = (e: PointerEvent) => {
      const p = pending.current;
      if (p === null) return;
      if (!p.dragging && Math.hypot(e.clientX - p.start.x, e.clientY - p.start.y) < DRAG_THRESHOLD) return;
      if (!p.dragging) {
        p.dragging = true;
        document.body.classList.add('is-dragging-block');
      }
      setDrag({ item: p.item, client: { x: e.clientX, y: e.clientY }, overCanvas: canvasAt(e.clientX, e.clientY) });
    };
    const up = (e: PointerEvent) => {
      const p = pending.current;
      finish();
      if (p?.dragging) {
        suppressClick.current = true;
        setTimeout(() => (suppressClick.current = false), 0);
        if (canvasAt(e.clientX, e.clientY)) dropRef.current(p.item, { x: e.clientX, y: e.clientY });
      }
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && pending.current?.dragging) {
        e.preventDefault();
        e.stopPropagation();
        finish();
      }
    };
    const finish = () => {
      pending.current = null;
      setDrag(null);
      document.body.classList.remove('is-dragging-block');
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', finish);
      window.removeEventListener('keydown', key, true);
      cleanup.current = null;
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', finish);
    window.addEventListener('keydown', key, true);
    cleanup.current = finish;
  }, []);

  /** True right after a drag ended: the click that may follow is not an "insert". */
  const clickIsFromDrag = useCallback(() => suppressClick.current, []);

  return { drag, onPointerDown, clickIsFromDrag };
}

/** Whether the point is over the canvas itself (not its toolbar, minimap or an overlay). */
function canvasAt(x: number, y: number): boolean {
  const element = document.elementFromPoint(x, y);
  if (element === null) return false;
  return element.closest('.react-flow') !== null && element.closest('.react-flow__panel, .react-flow__minimap') === null;
}
