/**
 * The tester's history: the last expressions tested on a playbook, newest first, kept in
 * localStorage under `playbook-studio.tester-history.<playbookId>` (this computer only; an
 * expression holds no secret, only references). Reading never throws: a missing, broken or
 * refused storage is an empty history.
 *
 * Not here: when an expression counts as tested (./JinjaTester.tsx).
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export const HISTORY_LIMIT = 20;
const PREFIX = 'playbook-studio.tester-history.';

export function historyKey(playbookId: string): string {
  return `${PREFIX}${playbookId}`;
}

export function readHistory(storage: Storage | undefined, playbookId: string): string[] {
  try {
    const raw = storage?.getItem(historyKey(playbookId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string').slice(0, HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/** `entries` with `expression` first, once, and at most `HISTORY_LIMIT` entries. */
export function withEntry(entries: readonly string[], expression: string): string[] {
  return [expression, ...entries.filter((e) => e !== expression)].slice(0, HISTORY_LIMIT);
}

function writeHistory(storage: Storage | undefined, playbookId: string, entries: readonly string[]): void {
  try {
    storage?.setItem(historyKey(playbookId), JSON.stringify(entries));
  } catch {
    // Full or refused: the list still lives until the panel closes.
  }
}

function localStorageOrNothing(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export type TesterHistory = { entries: string[]; record: (expression: string) => void; clear: () => void };

export function useTesterHistory(playbookId: string): TesterHistory {
  const [state, setState] = useState(() => ({ playbookId, entries: readHistory(localStorageOrNothing(), playbookId) }));
  // Another playbook: its own list (read during render, the way React derives state).
  const current = state.playbookId === playbookId ? state : { playbookId, entries: readHistory(localStorageOrNothing(), playbookId) };
  if (current !== state) setState(current);
  const latest = useRef(current);
  useLayoutEffect(() => {
    latest.current = current;
  });

  const save = useCallback((entries: string[]) => {
    const id = latest.current.playbookId;
    writeHistory(localStorageOrNothing(), id, entries);
    latest.current = { playbookId: id, entries };
    setState(latest.current);
  }, []);

  const record = useCallback(
    (expression: string) => {
      if (expression.trim() !== '' && latest.current.entries[0] !== expression) save(withEntry(latest.current.entries, expression));
    },
    [save],
  );
  const clear = useCallback(() => save([]), [save]);

  return { entries: current.entries, record, clear };
}
