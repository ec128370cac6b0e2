/**
 * Whether the Jinja tester panel is open, and what it opens with: an expression sent by a
 * block's Jinja field ("Test"), or nothing (the header button, Ctrl/⌘+J). Each request has
 * its own number, so the panel starts afresh on a new request.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type TesterState = {
  open: boolean;
  expression: string | null;
  request: number;
  show(expression?: string): void;
  close(): void;
  toggle(): void;
};

export const testerStore = createStore<TesterState>()((set, get) => ({
  open: false,
  expression: null,
  request: 0,
  show(expression) {
    set({ open: true, expression: expression ?? null, request: get().request + 1 });
  },
  close() {
    set({ open: false });
  },
  toggle() {
    if (get().open) get().close();
    else get().show();
  },
}));

export function useTester<T>(selector: (s: TesterState) => T): T {
  return useStore(testerStore, selector);
}
