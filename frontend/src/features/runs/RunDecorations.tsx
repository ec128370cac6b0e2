/**
 * What a block draws of the run shown: its state (as `data-run-state` on the block, set by
 * BlockNode from `useBlockRunState`), a stale badge, a foreach's strip of iterations, and a
 * condition's reason (each case's values and comparison, on hover).
 */
import { memo } from 'react';

import type { NodeRunStatus } from '../../ipc';
import { selectionStore } from '../designer/stores/selectionStore';
import { runStore, useRun } from './runStore';

/** The block's state in the run shown (`pending` until it runs), or `null` with no run shown. */
export function useBlockRunState(nodeId: string): NodeRunStatus | null {
  return useRun((s) => (s.shown === null ? null : (s.states[nodeId] ?? 'pending')));
}

export function useBlockStale(nodeId: string): boolean {
  return useRun((s) => s.stale.has(nodeId));
}

/** Why a condition went the way it did, for its tooltip. */
export function useConditionReason(nodeId: string): string | null {
  return useRun((s) => {
    const runs = s.byNode.get(nodeId);
    const last = runs?.[runs.length - 1];
    const cases = (last?.arguments as { cases?: Array<{ name: string; left: unknown; comparison: string; right: unknown; matched: boolean | null }> } | null)?.cases;
    if (!Array.isArray(cases)) return null;
    const lines = cases.map((c) => `${c.name}: ${JSON.stringify(c.left)} ${c.comparison} ${JSON.stringify(c.right)} → ${c.matched === null ? 'error' : c.matched ? 'matched' : 'no'}`);
    return [`Took: ${last?.branches.join(', ') || '—'}`, ...lines].join('\n');
  });
}

const MAX_CELLS = 1000;

function StripView({ nodeId }: { nodeId: string }) {
  const strip = useRun((s) => s.strips[nodeId]);
  const focused = useRun((s) => (s.focus?.nodeId === nodeId ? s.focus.iteration : null));
  if (strip === undefined || strip.length === 0) return null;
  const cells = strip.slice(0, MAX_CELLS);
  return (
    <div className="foreach-strip nodrag" data-testid="foreach-strip" data-cells={strip.length} aria-label={`${strip.length} items`}>
      {cells.map((state, i) => (
        <button
          type="button"
          key={i}
          className={`foreach-strip__cell foreach-strip__cell--${state}${focused === i ? ' is-focused' : ''}`}
          data-iteration={i}
          data-run-state={state}
          title={`Item ${i}: ${state}`}
          onClick={(e) => {
            e.stopPropagation();
            runStore.getState().focusIteration({ nodeId, iteration: i });
            selectionStore.getState().select([nodeId]);
          }}
        />
      ))}
      {strip.length > MAX_CELLS && <span className="foreach-strip__more">+{strip.length - MAX_CELLS} items (see the timeline)</span>}
    </div>
  );
}

export const ForeachStrip = memo(StripView);
