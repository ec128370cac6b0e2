import { describe, expect, it } from 'vitest';

import { copyNodes, parseClipboard, pasteNodes, renameReferences, serializeClipboard } from './clipboard';
import type { SplPlaybook } from './types';

function playbook(): SplPlaybook {
  return {
    nodes: {
      '0': { type: 'trigger', name: 'T', outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
      '1': {
        type: 'action',
        name: 'Get',
        arguments: { uuid: "{{ node.0.alert_uuid }} {{ node['0'].x }}" },
        outputs: { default: ['2'] },
        position: { x: 100, y: 200 },
      },
      '2': {
        type: 'operator',
        subtype: 'foreach',
        name: 'Each',
        items: '{{ node.1.items }}',
        loop: ['3'],
        outputs: { default: ['0'] },
        position: { x: 150, y: 400 },
      },
      '3': { type: 'action', name: 'In loop', arguments: { v: '{{ node.2.default.value }}' }, outputs: { default: [] } },
    },
  };
}

describe('copy', () => {
  it('keeps the links between copied nodes only', () => {
    const payload = copyNodes(playbook(), ['1', '2']);
    expect(Object.keys(payload.nodes)).toEqual(['1', '2']);
    expect(payload.nodes['1'].outputs).toEqual({ default: ['2'] });
    expect(payload.nodes['2'].outputs).toEqual({ default: [] });
    expect(payload.nodes['2'].loop).toEqual([]);
  });

  it('round-trips through the clipboard text', () => {
    const payload = copyNodes(playbook(), ['1']);
    expect(parseClipboard(serializeClipboard(payload))).toEqual(payload);
  });
});

describe('parseClipboard', () => {
  it('reads a copy or a whole playbook, and nothing else', () => {
    expect(parseClipboard('{"nodes": {"4": {"type": "action", "outputs": {"default": []}}}}')).toEqual({
      nodes: { '4': { type: 'action', outputs: { default: [] } } },
    });
    expect(parseClipboard(JSON.stringify({ name: 'whole', nodes: { '0': { type: 'trigger' } } }))?.nodes['0']).toEqual({ type: 'trigger' });
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard('{"nodes": {}}')).toBeNull();
    expect(parseClipboard('{"nodes": [1]}')).toBeNull();
    expect(parseClipboard('{not json')).toBeNull();
  });
});

describe('paste', () => {
  it('gives fresh ids, remaps links and Jinja references, and places the group', () => {
    const source = playbook();
    const payload = copyNodes(source, ['1', '2', '3']);
    const { playbook: next, ids } = pasteNodes(source, payload, { x: 1000, y: 50 });
    expect(ids).toEqual(['4', '5', '6']);
    expect(next.nodes['4'].outputs).toEqual({ default: ['5'] });
    expect(next.nodes['5'].loop).toEqual(['6']);
    expect(next.nodes['5'].items).toBe('{{ node.4.items }}');
    expect(next.nodes['6'].arguments).toEqual({ v: '{{ node.5.default.value }}' });
    // References to nodes that were not copied stay as they are.
    expect(next.nodes['4'].arguments).toEqual({ uuid: "{{ node.0.alert_uuid }} {{ node['0'].x }}" });
    expect(next.nodes['4'].position).toEqual({ x: 1000, y: 50 });
    expect(next.nodes['5'].position).toEqual({ x: 1050, y: 250 });
    expect(next.nodes['6'].position).toEqual({ x: 1000, y: 410 });
    // The originals are untouched.
    expect(next.nodes['1']).toBe(source.nodes['1']);
  });

  it('pastes blocks copied from another playbook even when their ids are taken', () => {
    const other = { nodes: { '0': { type: 'action', name: 'Foreign', outputs: { default: ['7'] } }, '7': { type: 'action', name: 'Next' } } };
    const { playbook: next, ids } = pasteNodes(playbook(), parseClipboard(JSON.stringify(other))!, { x: 0, y: 0 });
    expect(ids).toEqual(['4', '5']);
    expect(next.nodes['4'].outputs).toEqual({ default: ['5'] });
    expect(next.nodes['5'].outputs).toEqual({ default: [] });
    expect(next.nodes['0'].name).toBe('T');
  });
});

describe('renameReferences', () => {
  it('rewrites dotted and bracketed references, not lookalikes', () => {
    const map = new Map([['1', '9']]);
    const node = renameReferences({ arguments: { a: "{{ node.1.x }} {{ node['1'] }} {{ node.10 }} {{ mynode.1 }}" } }, map);
    expect(node.arguments).toEqual({ a: "{{ node.9.x }} {{ node['9'] }} {{ node.10 }} {{ mynode.1 }}" });
  });
});
