/**
 * Which side columns of the designer show: the block list (palette) and the side panel.
 * Hiding them gives a small window (1024×700) its canvas back; the choice is remembered.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

const KEY = 'playbook-studio.panels';

type Panels = { palette: boolean; side: boolean };
type PanelsState = Panels & { toggle(which: keyof Panels): void; show(which: keyof Panels): void };

function remembered(): Panels {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Panels>;
    return { palette: saved.palette !== false, side: saved.side !== false };
  } catch {
    return { palette: true, side: true };
  }
}

export const panelsStore = createStore<PanelsState>()((set, get) => {
  const write = (next: Panels) => {
    set(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // Private mode: the choice lasts this session only.
    }
  };
  return {
    ...remembered(),
    toggle: (which) => write({ palette: get().palette, side: get().side, [which]: !get()[which] }),
    show: (which) => {
      if (!get()[which]) write({ palette: get().palette, side: get().side, [which]: true });
    },
  };
});

export function usePanels<T>(selector: (s: PanelsState) => T): T {
  return useStore(panelsStore, selector);
}

/** How "fit view" frames the playbook: room at the top for the canvas toolbar. */
export const FIT_VIEW_OPTIONS = { padding: { top: '76px', right: '6%', bottom: '6%', left: '6%' }, maxZoom: 1.1 } as const;
