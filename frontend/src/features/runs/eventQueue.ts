/**
 * Batches run events for drawing: events are queued as they arrive from the channel and
 * handed over once per animation frame (or after 50 ms when the window does not paint,
 * e.g. hidden), in order, none dropped.
 */
import type { RunEventView } from '../../ipc';

export type EventQueue = { push(event: RunEventView): void; flush(): void };

export function createEventQueue(deliver: (events: RunEventView[]) => void): EventQueue {
  let pending: RunEventView[] = [];
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (frame !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    deliver(batch);
  };

  return {
    push(event) {
      pending.push(event);
      if (frame !== null || timer !== null) return;
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, 50);
    },
    flush,
  };
}
