import { describe, expect, it } from 'vitest';

import { createSelectionStore } from './selectionStore';

describe('selection store', () => {
  it('selects, toggles and forgets ids that are gone', () => {
    const store = createSelectionStore();
    store.getState().select(['1', '2'], ['e']);
    store.getState().setNodeSelected('3', true);
    store.getState().setNodeSelected('1', false);
    expect([...store.getState().nodes]).toEqual(['2', '3']);
    const before = store.getState().nodes;
    store.getState().setNodeSelected('2', true);
    expect(store.getState().nodes).toBe(before);
    store.getState().retain(new Set(['3']), new Set());
    expect([...store.getState().nodes]).toEqual(['3']);
    expect(store.getState().edges.size).toBe(0);
    store.getState().clear();
    expect(store.getState().nodes.size).toBe(0);
  });
});
