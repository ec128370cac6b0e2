/**
 * "Show me the problem": a request, from the Problems panel, to focus one field of one block
 * and put the cursor where the problem is. The field of that path takes it when it shows
 * (after the block is selected and its panel drawn) and clears it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type FieldFocus = {
  node: string;
  /** The core's field path: `arguments.uuid`, `cases[0].left`, `modifications[1].value`, `items`. */
  field: string;
  /** 1-based, inside the field's text; `null` puts the cursor at the end. */
  line: number | null;
  column: number | null;
};

type FieldFocusState = { request: FieldFocus | null; ask(request: FieldFocus): void; done(): void };

export const fieldFocusStore = createStore<FieldFocusState>()((set) => ({
  request: null,
  ask: (request) => set({ request }),
  done: () => set({ request: null }),
}));

export function useFieldFocus(): FieldFocus | null {
  return useStore(fieldFocusStore, (s) => s.request);
}

/** Whether a request for `field` is one for the editor showing `fieldPath` (exactly, or a value inside it). */
export function focusTargets(field: string, fieldPath: string): 'exact' | 'inside' | null {
  if (field === fieldPath) return 'exact';
  return field.startsWith(`${fieldPath}.`) || field.startsWith(`${fieldPath}[`) ? 'inside' : null;
}
