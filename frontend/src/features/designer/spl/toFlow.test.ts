import { describe, expect, it } from 'vitest';

import { builtinCatalog, platformTemplates, SHARED_TEMPLATES_HINT } from '../../../test/fixtures';
import { buildCatalogIndex } from '../catalog/catalogIndex';
import { layoutPositions } from './layout';
import { edgeId, flowToSpl, parseEdgeId, splToFlow, type BlockFlowNode, type BranchEdge } from './toFlow';
import { readPlaybook, type SplPlaybook } from './types';

const index = buildCatalogIndex(builtinCatalog());

const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';
const GET_ALERT = '8d189665-5401-4098-8d60-944de9a6199a';
const ALERT_CREATED = '785583cf-4377-43ce-a5fb-f4572eb57456';

function sample(): SplPlaybook {
  return {
    uuid: 'pb',
    name: 'Sample',
    custom_top_level: { kept: true },
    nodes: {
      '0': { type: 'trigger', name: 'Alert Created', module_uuid: SEKOIA, trigger_uuid: ALERT_CREATED, outputs: { default: ['2'] } },
      '2': {
        type: 'action',
        name: 'Get alert',
        module_uuid: SEKOIA,
        action_uuid: GET_ALERT,
        arguments: { uuid: '{{ node.0.alert_uuid }}' },
        outputs: { default: ['5'] },
        position: { x: 10, y: 200, z_hint: 'kept' },
        future_field: [1, 2, 3],
      },
      '5': {
        type: 'operator',
        subtype: 'condition',
        name: 'Urgent?',
        cases: [{ name: 'urgent', left: '{{ node.2.urgency.current_value }}', comparison: '>=', right: '{{ 80 }}' }],
        outputs: { urgent: ['7'], else: ['9'] },
      },
      '7': { type: 'operator', subtype: 'foreach', name: 'Each', items: '{{ node.2.history }}', loop: ['9'], outputs: { default: [] } },
      '9': { type: 'action', name: 'Mystery', module_uuid: 'nope', action_uuid: 'nope', arguments: {}, outputs: { default: ['404'] } },
    },
  };
}

describe('splToFlow', () => {
  it('makes one node per SPL node, keyed by id, at its position or the fallback', () => {
    const { nodes } = splToFlow(sample(), { index, fallback: { '0': { x: 1, y: 2 } } });
    expect(nodes.map((n) => n.id)).toEqual(['0', '2', '5', '7', '9']);
    expect(nodes[0].position).toEqual({ x: 1, y: 2 });
    expect(nodes[1].position).toEqual({ x: 10, y: 200 });
    expect(nodes.every((n) => n.type === 'block')).toBe(true);
  });

  it('makes edges from outputs and from a foreach loop, skipping dangling targets', () => {
    const { edges } = splToFlow(sample(), { index });
    const links = edges.map((e) => [e.source, e.sourceHandle, e.target]);
    expect(links).toEqual([
      ['0', 'default', '2'],
      ['2', 'default', '5'],
      ['5', 'urgent', '7'],
      ['5', 'else', '9'],
      ['7', 'loop', '9'],
    ]);
    const loop = edges.find((e) => e.sourceHandle === 'loop')!;
    expect(loop.data).toEqual({ branch: 'loop', kind: 'loop' });
    expect(parseEdgeId(loop.id)).toEqual({ source: '7', branch: 'loop', target: '9' });
  });

  it('resolves blocks from the catalogue and flags unknown ones', () => {
    const { nodes } = splToFlow(sample(), { index });
    const byId = new Map(nodes.map((n) => [n.id, n.data]));
    expect(byId.get('2')!.resolved.block?.name).toBe('Get Alert');
    expect(byId.get('2')!.resolved.module?.name).toBe('Sekoia.io');
    expect(byId.get('2')!.resolved.unknownReason).toBeNull();
    expect(byId.get('9')!.resolved.unknownReason).toMatch(/not in the catalogue/);
    expect(byId.get('9')!.branches.map((b) => b.id)).toEqual(['default', 'error']);
  });

  it('labels branches: cases then else, foreach loop and after, actions with error', () => {
    const { nodes } = splToFlow(sample(), { index });
    const byId = new Map(nodes.map((n) => [n.id, n.data]));
    expect(byId.get('5')!.branches.map((b) => b.label)).toEqual(['urgent', 'else']);
    expect(byId.get('7')!.branches.map((b) => [b.id, b.label])).toEqual([
      ['loop', 'loop'],
      ['default', 'after'],
    ]);
    expect(byId.get('2')!.branches.map((b) => b.id)).toEqual(['default', 'error']);
    expect(byId.get('0')!.branches.map((b) => b.id)).toEqual(['default']);
  });

  it('reuses the data of unchanged nodes', () => {
    const playbook = sample();
    const first = splToFlow(playbook, { index });
    const previous = new Map(first.nodes.map((n) => [n.id, n.data]));
    const edited = { ...playbook, nodes: { ...playbook.nodes, '5': { ...playbook.nodes['5'], name: 'Renamed' } } };
    const second = splToFlow(edited, { index, previous });
    expect(second.nodes[0].data).toBe(first.nodes[0].data);
    expect(second.nodes[2].data).not.toBe(first.nodes[2].data);
    expect(second.nodes[2].data.spl.name).toBe('Renamed');
  });
});

describe('flowToSpl', () => {
  it('gives back the same document when nothing changed', () => {
    const playbook = sample();
    const { nodes, edges } = splToFlow(playbook, { index, fallback: layoutPositions(playbook) });
    expect(flowToSpl(playbook, nodes, edges)).toBe(playbook);
  });

  it('writes integer positions of moved nodes and keeps other position keys', () => {
    const playbook = sample();
    const { nodes, edges } = splToFlow(playbook, { index });
    const moved: BlockFlowNode[] = nodes.map((n) =>
      n.id === '2' ? { ...n, position: { x: 40.6, y: -3.2 } } : n.id === '0' ? { ...n, position: { x: 7, y: 8 } } : n,
    );
    const result = flowToSpl(playbook, moved, edges);
    expect(result.nodes['2'].position).toEqual({ x: 41, y: -3, z_hint: 'kept' });
    expect(result.nodes['0'].position).toEqual({ x: 7, y: 8 });
    expect(result.nodes['5']).toBe(playbook.nodes['5']);
  });

  it('turns added and removed edges into branch targets, keeping dangling ones', () => {
    const playbook = sample();
    const { nodes, edges } = splToFlow(playbook, { index });
    const added: BranchEdge = { id: edgeId('9', 'error', '0'), source: '9', sourceHandle: 'error', target: '0', data: { branch: 'error', kind: 'error' } };
    const kept = edges.filter((e) => !(e.source === '7' && e.sourceHandle === 'loop'));
    const result = flowToSpl(playbook, nodes, [...kept, added]);
    expect(result.nodes['7'].loop).toEqual([]);
    expect(result.nodes['9'].outputs).toEqual({ default: ['404'], error: ['0'] });
    expect(result.nodes['9'].future_field).toBeUndefined();
    expect(result.nodes['2'].future_field).toEqual([1, 2, 3]);
    expect(result.custom_top_level).toEqual({ kept: true });
  });
});

describe('the platform templates', () => {
  const templates = platformTemplates();
  if (templates.length === 0) {
    it.skip(SHARED_TEMPLATES_HINT, () => {});
    console.log(`toFlow.test.ts: ${SHARED_TEMPLATES_HINT}`);
    return;
  }

  it('are all there (26)', () => {
    expect(templates.length).toBe(26);
  });

  it.each(templates)('%s maps to the canvas and back to the same JSON', (_name, json) => {
    const original = structuredClone(json);
    const playbook = readPlaybook(json);
    const { nodes, edges } = splToFlow(playbook, { index, fallback: layoutPositions(playbook) });
    expect(nodes).toHaveLength(Object.keys(playbook.nodes).length);
    const back = flowToSpl(playbook, nodes, edges);
    expect(back).toEqual(original);
    expect(JSON.stringify(back)).toBe(JSON.stringify(original));
    expect(json).toEqual(original);
  });
});
