import { describe, expect, it } from 'vitest';

import type { PlaybookSummary } from '../../../ipc';
import { addNode, connect, renameCase } from '../spl/edits';
import { composeSummary, createDocumentStore, COALESCE_MS, HISTORY_LIMIT } from './documentStore';

const summary: PlaybookSummary = { id: 'pb', name: 'P', description: '', tags: [], node_count: 1, version: 1, updated_at: '', remote_uuid: null };

function loaded(clock = { now: 1000 }) {
  const store = createDocumentStore(() => clock.now);
  store.getState().load({
    summary,
    content: {
      name: 'P',
      nodes: {
        '0': { type: 'trigger', name: 'T', outputs: { default: [] } },
        '1': {
          type: 'operator',
          subtype: 'condition',
          name: 'C',
          cases: [{ name: 'yes', left: '', comparison: '==', right: '' }],
          outputs: { yes: ['0'], else: [] },
        },
      },
    },
  });
  return { store, clock };
}

const add = (name: string) => (pb: Parameters<typeof addNode>[0]) => addNode(pb, { type: 'action', name, outputs: { default: [] } }, { x: 0, y: 0 }).playbook;

describe('document store', () => {
  it('loads a document with a clean history and nothing to save', () => {
    const { store } = loaded();
    const s = store.getState();
    expect(s.playbookId).toBe('pb');
    expect(Object.keys(s.content.nodes)).toEqual(['0', '1']);
    expect(s.past).toEqual([]);
    expect(s.revision).toBe(s.savedRevision);
  });

  it('undoes and redoes every edit in order', () => {
    const { store } = loaded();
    const original = store.getState().content;
    store.getState().apply(add('A'), 'added A');
    const afterA = store.getState().content;
    store.getState().apply((pb) => connect(pb, '0', 'default', '2'), 'linked 0 → 2');
    const afterLink = store.getState().content;

    expect(store.getState().undo()).toBe(true);
    expect(store.getState().content).toBe(afterA);
    expect(store.getState().undo()).toBe(true);
    expect(store.getState().content).toBe(original);
    expect(store.getState().undo()).toBe(false);

    expect(store.getState().redo()).toBe(true);
    expect(store.getState().content).toBe(afterA);
    expect(store.getState().redo()).toBe(true);
    expect(store.getState().content).toBe(afterLink);
    expect(store.getState().redo()).toBe(false);
  });

  it('drops the redo list after a new edit', () => {
    const { store } = loaded();
    store.getState().apply(add('A'), 'added A');
    store.getState().undo();
    store.getState().apply(add('B'), 'added B');
    expect(store.getState().future).toEqual([]);
    expect(store.getState().redo()).toBe(false);
    expect(store.getState().content.nodes['2'].name).toBe('B');
  });

  it('records nothing for an edit that changes nothing', () => {
    const { store } = loaded();
    const revision = store.getState().revision;
    expect(store.getState().apply((pb) => pb, 'nothing')).toBe(false);
    expect(store.getState().past).toEqual([]);
    expect(store.getState().revision).toBe(revision);
  });

  it('merges quick edits of one field into one undo step', () => {
    const { store, clock } = loaded();
    const original = store.getState().content;
    for (const name of ['T1', 'T12', 'T123']) {
      clock.now += 200;
      store.getState().apply((pb) => ({ ...pb, nodes: { ...pb.nodes, '0': { ...pb.nodes['0'], name } } }), 'renamed T', { coalesce: 'name:0' });
    }
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().pending).toEqual(['renamed T']);
    clock.now += COALESCE_MS + 1;
    store.getState().apply((pb) => ({ ...pb, nodes: { ...pb.nodes, '0': { ...pb.nodes['0'], name: 'later' } } }), 'renamed T', { coalesce: 'name:0' });
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect(store.getState().content.nodes['0'].name).toBe('T123');
    store.getState().undo();
    expect(store.getState().content).toBe(original);
  });

  it('keeps a bounded history', () => {
    const { store } = loaded();
    for (let i = 0; i < HISTORY_LIMIT + 10; i += 1) store.getState().apply(add(`N${i}`), `added N${i}`);
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });

  it('undoes a case rename together with its branch', () => {
    const { store } = loaded();
    store.getState().apply((pb) => renameCase(pb, '1', 0, 'approved'), 'renamed case');
    expect(store.getState().content.nodes['1'].outputs).toEqual({ approved: ['0'], else: [] });
    store.getState().undo();
    expect(store.getState().content.nodes['1'].outputs).toEqual({ yes: ['0'], else: [] });
    expect(store.getState().content.nodes['1'].cases![0].name).toBe('yes');
  });

  it('tracks what is unsaved: revisions and summaries, including undo and redo', () => {
    const { store } = loaded();
    store.getState().apply(add('A'), 'added A');
    store.getState().undo();
    store.getState().redo();
    const s = store.getState();
    expect(s.revision).toBeGreaterThan(s.savedRevision);
    expect(s.pending).toEqual(['added A', 'undid added A', 'redid added A']);
    // A save of the first two summaries, then one more edit before it returned.
    store.getState().markSaved(s.revision - 1, 2, { ...summary, version: 2 });
    expect(store.getState().pending).toEqual(['redid added A']);
    expect(store.getState().summary?.version).toBe(2);
    expect(store.getState().revision).toBeGreaterThan(store.getState().savedRevision);
  });
});

describe('composeSummary', () => {
  it('counts repeats and cuts long lists', () => {
    expect(composeSummary([])).toBe('saved');
    expect(composeSummary(['added Get Alert', 'moved 2 blocks', 'moved 2 blocks'])).toBe('added Get Alert, moved 2 blocks (×2)');
    const many = Array.from({ length: 30 }, (_, i) => `edited block number ${i}`);
    expect(composeSummary(many)).toMatch(/…and \d+ more$/);
  });
});
