/**
 * The CODE view's search: the query typed (searched in the worker after a short pause, or at
 * once on Enter), the number of matches, and the current match, moved by next/previous
 * (wrapping around). Moving to a match hands its path to `onReveal`, which opens its
 * ancestors and scrolls to it.
 *
 * Answers to an older query or document are dropped (sequence numbers).
 *
 * Not here: the search itself (./codeTree.ts `search`), the rows' match marks (the worker
 * sends them with the rows).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { CodeClient } from './codeClient';
import { pathKey } from './codeTree';
import type { JsonPath } from './jinjaPath';

export const SEARCH_DELAY_MS = 200;

export type SearchState = {
  /** The query the numbers below are for ('' when none). */
  searched: string;
  count: number;
  /** Matches kept for navigation (all of them, up to the worker's limit). */
  kept: number;
  /** Index of the current match, -1 when none. */
  current: number;
  currentKey: string | null;
  /** Goes up with every search answered (rows re-ask their match marks). */
  generation: number;
  ms: number | null;
  pending: boolean;
};

const IDLE: SearchState = { searched: '', count: 0, kept: 0, current: -1, currentKey: null, generation: 0, ms: null, pending: false };

export type CodeSearch = {
  query: string;
  setQuery: (query: string) => void;
  state: SearchState;
  next: () => void;
  previous: () => void;
};

export function useCodeSearch(client: CodeClient | null, generation: number | null, onReveal: (path: JsonPath) => void): CodeSearch {
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>(IDLE);
  const sequence = useRef(0);
  const reveal = useRef(onReveal);
  useEffect(() => {
    reveal.current = onReveal;
  });

  const goTo = useCallback(
    (index: number) => {
      if (client === null) return;
      const seq = sequence.current;
      client.ask({ type: 'match', index }).then(
        (answer) => {
          if (seq !== sequence.current || answer.path === null) return;
          const path = answer.path;
          setState((s) => ({ ...s, current: index, currentKey: pathKey(path) }));
          reveal.current(path);
        },
        () => undefined,
      );
    },
    [client],
  );

  const run = useCallback(
    (text: string) => {
      if (client === null || generation === null) return;
      const seq = ++sequence.current;
      setState((s) => ({ ...s, pending: true }));
      client.ask({ type: 'search', query: text }).then(
        (answer) => {
          if (seq !== sequence.current) return;
          setState((s) => ({ searched: text, count: answer.count, kept: answer.kept, current: -1, currentKey: null, generation: s.generation + 1, ms: answer.ms, pending: false }));
          if (answer.kept > 0) goTo(0);
        },
        () => {
          if (seq === sequence.current) setState((s) => ({ ...s, pending: false }));
        },
      );
    },
    [client, generation, goTo],
  );

  // Searched after a pause in typing, and again for every new document.
  useEffect(() => {
    if (client === null || generation === null) return;
    const timer = setTimeout(() => run(query), query === '' ? 0 : SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, generation, query, run]);

  const step = useCallback(
    (delta: 1 | -1) => {
      if (state.pending) return;
      if (state.searched !== query) {
        run(query);
        return;
      }
      if (state.kept === 0) return;
      const from = state.current < 0 ? (delta === 1 ? -1 : 0) : state.current;
      goTo((from + delta + state.kept) % state.kept);
    },
    [goTo, query, run, state],
  );

  return {
    query,
    setQuery,
    state,
    next: useCallback(() => step(1), [step]),
    previous: useCallback(() => step(-1), [step]),
  };
}
