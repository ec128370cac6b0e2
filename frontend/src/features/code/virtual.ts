/**
 * Fixed-height virtualization for the CODE view's tree and raw JSON: which rows of a long
 * list are within (or near) the scroll container's viewport, and a hook that follows the
 * container's scroll position and height.
 *
 * Not here: fetching the rows (the worker has them) or drawing them.
 */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export const ROW_HEIGHT = 24;
/** Rows drawn above and below the viewport, so that a small scroll shows no blank. */
export const OVERSCAN = 20;
/** The height assumed before the container is measured (and in jsdom, which lays nothing out). */
const FALLBACK_HEIGHT = 480;
/**
 * The tallest scroll content made: engines stop laying out elements somewhere between 17 and
 * 33 million pixels, and a fully expanded 50 MB document has millions of rows. Beyond it a
 * pixel of scroll moves more than a pixel of rows (`scale`).
 */
export const MAX_CONTENT_PX = 8_000_000;

export type RowRange = { from: number; count: number };

type Layout = { height: number; contentHeight: number; scale: number };

function layout(total: number, viewportHeight: number): Layout {
  const height = viewportHeight > 0 ? viewportHeight : FALLBACK_HEIGHT;
  const natural = total * ROW_HEIGHT;
  if (natural <= MAX_CONTENT_PX || natural <= height) return { height, contentHeight: natural, scale: 1 };
  return { height, contentHeight: MAX_CONTENT_PX, scale: (natural - height) / (MAX_CONTENT_PX - height) };
}

/** The height of the scroll content for `total` rows. */
export function contentHeight(total: number, viewportHeight: number): number {
  return layout(total, viewportHeight).contentHeight;
}

/** The rows to draw for a viewport at `scrollTop` of `viewportHeight` pixels. */
export function visibleRange(scrollTop: number, viewportHeight: number, total: number, overscan = OVERSCAN): RowRange {
  const { height, scale } = layout(total, viewportHeight);
  const first = Math.floor((Math.max(0, scrollTop) * scale) / ROW_HEIGHT);
  const shown = Math.ceil(height / ROW_HEIGHT) + 1;
  const from = Math.max(0, Math.min(first - overscan, total - shown - overscan));
  return { from, count: shown + 2 * overscan };
}

/** Where row `index` is drawn inside the scroll content (follows the viewport when scaled). */
export function rowTop(index: number, scrollTop: number, viewportHeight: number, total: number): number {
  const { scale } = layout(total, viewportHeight);
  return scale === 1 ? index * ROW_HEIGHT : scrollTop + index * ROW_HEIGHT - scrollTop * scale;
}

/** The scroll offset that puts row `index` in the middle of the viewport. */
export function centeredScrollTop(index: number, viewportHeight: number, total: number): number {
  const { height, scale, contentHeight: content } = layout(total, viewportHeight);
  const top = (index * ROW_HEIGHT - Math.floor(height / 2) + ROW_HEIGHT / 2) / scale;
  return Math.max(0, Math.min(top, content - height));
}

/** Whether row `index` is fully inside the viewport. */
export function isRowInView(index: number, scrollTop: number, viewportHeight: number, total: number): boolean {
  const { height } = layout(total, viewportHeight);
  const top = rowTop(index, scrollTop, viewportHeight, total) - scrollTop;
  return top >= 0 && top + ROW_HEIGHT <= height;
}

export type Viewport = {
  scrollTop: number;
  height: number;
  onScroll: () => void;
  /** Scrolls the container (and the state, which jsdom's missing scroll events would not update). */
  scrollTo: (top: number) => void;
};

export function useViewport(ref: RefObject<HTMLElement | null>): Viewport {
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);

  const onScroll = useCallback(() => {
    if (ref.current !== null) setScrollTop(ref.current.scrollTop);
  }, [ref]);

  const scrollTo = useCallback(
    (top: number) => {
      if (ref.current !== null) ref.current.scrollTop = top;
      setScrollTop(top);
    },
    [ref],
  );

  return { scrollTop, height, onScroll, scrollTo };
}
