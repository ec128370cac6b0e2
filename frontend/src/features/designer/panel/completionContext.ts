/**
 * Gives Jinja fields the completions of the block being edited, computed on demand (when
 * a completion list opens) from the current document.
 */
import { createContext, useContext } from 'react';

import type { Completion } from '../jinja/completions';

export const CompletionContext = createContext<() => Completion[]>(() => []);

export function useCompletions(): () => Completion[] {
  return useContext(CompletionContext);
}
