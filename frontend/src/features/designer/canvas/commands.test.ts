import { beforeEach, describe, expect, it } from 'vitest';

import type { PaletteItem } from '../palette/paletteItems';
import { edgeId } from '../spl/toFlow';
import { documentStore } from '../stores/documentStore';
import { selectionStore } from '../stores/selectionStore';
import { copySelection, deleteSelection, insertBlock, insertionPoint, link, pasteText, redo, undo } from './commands';

const getAlert: PaletteItem = {
  key: 'action:8d189665-5401-4098-8d60-944de9a6199a',
  family: 'action',
  name: 'Get Alert',
  moduleName: 'Sekoia.io',
  description: '',
  moduleUuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a',
  blockUuid: '8d189665-5401-4098-8d60-944de9a6199a',
};

beforeEach(() => {
  documentStore.getState().load({
    summary: { id: 'pb', name: 'P', description: '', tags: [], node_count: 1, version: 1, updated_at: '', remote_uuid: null },
    content: { name: 'P', nodes: { '0': { type: 'trigger', name: 'T', outputs: { default: [] }, position: { x: 0, y: 0 } } } },
  });
  selectionStore.getState().clear();
});

const nodes = () => documentStore.getState().content.nodes;

describe('designer commands on the stores', () => {
  it('inserts a block under the next id, selected; drops fan out, keyboard inserts cover no block', () => {
    expect(insertBlock(getAlert, { x: 100.4, y: 200.6 })).toBe('1');
    expect(insertBlock(getAlert, { x: 100.4, y: 200.6 })).toBe('2');
    expect(insertBlock(getAlert, { x: 150, y: 250 }, 'free')).toBe('3');
    expect(nodes()['1'].position).toEqual({ x: 100, y: 201 });
    expect(nodes()['2'].position).toEqual({ x: 132, y: 233 });
    expect(nodes()['3'].position).toEqual({ x: 150, y: 370 });
    expect([...selectionStore.getState().nodes]).toEqual(['3']);
    expect(documentStore.getState().pending).toEqual(['added Get Alert']);
  });

  it('a keyboard insertion goes under the selected block', () => {
    const content = { nodes: { '4': { type: 'action', position: { x: 40, y: 60 } } } } as unknown as Parameters<typeof insertionPoint>[0];
    expect(insertionPoint(content, new Set(['4']), { x: 0, y: 0 })).toEqual({ x: 40, y: 210 });
    expect(insertionPoint(content, new Set(), { x: 7, y: 8 })).toEqual({ x: 7, y: 8 });
    expect(insertionPoint(content, new Set(['4', '5']), { x: 7, y: 8 })).toEqual({ x: 7, y: 8 });
  });

  it('links, and undo/redo walk every edit back and forth', () => {
    insertBlock(getAlert, { x: 0, y: 200 });
    link('0', 'default', '1');
    expect(nodes()['0'].outputs).toEqual({ default: ['1'] });
    undo();
    expect(nodes()['0'].outputs).toEqual({ default: [] });
    undo();
    expect(Object.keys(nodes())).toEqual(['0']);
    redo();
    redo();
    expect(nodes()['0'].outputs).toEqual({ default: ['1'] });
  });

  it('copies the selection and pastes it with fresh ids, selecting the pasted blocks', () => {
    insertBlock(getAlert, { x: 0, y: 200 });
    link('0', 'default', '1');
    selectionStore.getState().select(['0', '1']);
    const text = copySelection()!;
    expect(JSON.parse(text).nodes['0'].outputs).toEqual({ default: ['1'] });
    expect(pasteText(text, { x: 500, y: 0 })).toBe(true);
    expect(Object.keys(nodes())).toEqual(['0', '1', '2', '3']);
    expect(nodes()['2'].outputs).toEqual({ default: ['3'] });
    expect([...selectionStore.getState().nodes]).toEqual(['2', '3']);
    expect(pasteText('not blocks', { x: 0, y: 0 })).toBe(false);
    undo();
    expect(Object.keys(nodes())).toEqual(['0', '1']);
  });

  it('deletes selected blocks and links in one undo step', () => {
    insertBlock(getAlert, { x: 0, y: 200 });
    insertBlock(getAlert, { x: 300, y: 200 });
    link('0', 'default', '1');
    link('0', 'default', '2');
    selectionStore.getState().select(['2'], [edgeId('0', 'default', '1')]);
    expect(deleteSelection()).toBe(true);
    expect(Object.keys(nodes())).toEqual(['0', '1']);
    expect(nodes()['0'].outputs).toEqual({ default: [] });
    expect(documentStore.getState().pending.at(-1)).toBe('deleted Get Alert, unlinked T → Get Alert');
    undo();
    expect(nodes()['0'].outputs).toEqual({ default: ['1', '2'] });
    expect(deleteSelection()).toBe(false);
  });
});
