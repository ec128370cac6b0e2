import { describe, expect, it } from 'vitest';

import type { NodeRun } from '../../ipc';
import type { SplPlaybook } from '../designer/spl/types';
import { aggregateState, branchKey, iterationStates, loopBodies, staleNodes, takenBranches } from './runModel';
import { createRunStore } from './runStore';

function nr(node_id: string, status: NodeRun['status'], extra: Partial<NodeRun> = {}): NodeRun {
  return { node_id, iteration: null, scope: null, status, branches: [], error: null, arguments: null, results: null, mocked: false, reused: false, started_at: null, finished_at: null, platform: null, ...extra };
}

const PLAYBOOK: SplPlaybook = {
  nodes: {
    '0': { type: 'trigger', outputs: { default: ['1'] } },
    '1': { type: 'operator', subtype: 'foreach', items: '{{ x }}', loop: ['2'], outputs: { default: ['4'] } } as never,
    '2': { type: 'action', outputs: { default: ['3'] } },
    '3': { type: 'action', outputs: { default: [] } },
    '4': { type: 'operator', subtype: 'condition', outputs: { yes: ['5'], else: [] } } as never,
    '5': { type: 'action', outputs: { default: [] } },
  },
};

describe('the RUN view model', () => {
  it('shows the most telling state of a block that ran several times', () => {
    expect(aggregateState([])).toBe('pending');
    expect(aggregateState([nr('2', 'succeeded'), nr('2', 'failed'), nr('2', 'left')])).toBe('failed');
    expect(aggregateState([nr('2', 'succeeded'), nr('2', 'running')])).toBe('running');
    expect(aggregateState([nr('4', 'left'), nr('4', 'succeeded')])).toBe('succeeded');
    expect(aggregateState([nr('4', 'skipped')])).toBe('skipped');
  });

  it('lights the branches taken, and a foreach loop that had items', () => {
    const taken = takenBranches([
      nr('0', 'succeeded', { branches: ['default'] }),
      nr('1', 'succeeded', { branches: ['default'], results: { total: 2 } }),
      nr('4', 'left', { branches: ['else'] }),
      nr('5', 'pending'),
      nr('3', 'running', { branches: ['default'] }),
    ]);
    expect([...taken].sort()).toEqual([branchKey('0', 'default'), branchKey('1', 'default'), branchKey('1', 'loop'), branchKey('4', 'else')].sort());
    expect(takenBranches([nr('1', 'succeeded', { branches: ['default'], results: { total: 0 } })]).has(branchKey('1', 'loop'))).toBe(false);
  });

  it('finds loop bodies and colours each iteration by its body runs', () => {
    const bodies = loopBodies(PLAYBOOK);
    expect([...(bodies.get('1') ?? [])].sort()).toEqual(['2', '3']);
    const byNode = new Map([
      ['2', [nr('2', 'succeeded', { iteration: 0 }), nr('2', 'succeeded', { iteration: 1 }), nr('2', 'succeeded', { iteration: 2 })]],
      ['3', [nr('3', 'succeeded', { iteration: 0 }), nr('3', 'failed', { iteration: 1 })]],
    ]);
    expect(iterationStates([nr('1', 'succeeded', { results: { total: 4 } })], bodies.get('1')!, byNode)).toEqual(['succeeded', 'failed', 'succeeded', 'pending']);
    expect(iterationStates([nr('1', 'running')], bodies.get('1')!, byNode)).toHaveLength(3);
  });

  it('marks an edited block and everything downstream stale, not a moved one', () => {
    const moved: SplPlaybook = { nodes: { ...PLAYBOOK.nodes, '2': { ...PLAYBOOK.nodes['2'], position: { x: 5, y: 5 } } as never } };
    expect(staleNodes(PLAYBOOK, moved).size).toBe(0);
    const edited: SplPlaybook = { nodes: { ...PLAYBOOK.nodes, '4': { ...PLAYBOOK.nodes['4'], name: 'Urgent?' } } };
    expect([...staleNodes(PLAYBOOK, edited)].sort()).toEqual(['4', '5']);
  });
});

describe('the run store', () => {
  it('plays events live and ends on the same picture as the stored run', () => {
    const store = createRunStore();
    store.getState().beginLive(PLAYBOOK, 'local');
    expect(store.getState().shown?.status).toBe('starting');
    store.getState().apply([
      { type: 'run_started', run_id: 'r1' },
      { type: 'node', run_id: 'r1', node_run: nr('0', 'running') },
      { type: 'node', run_id: 'r1', node_run: nr('0', 'succeeded', { branches: ['default'] }) },
      { type: 'node', run_id: 'r1', node_run: nr('1', 'running') },
    ]);
    const before = store.getState().states;
    expect(before).toEqual({ '0': 'succeeded', '1': 'running' });
    store.getState().apply([{ type: 'node', run_id: 'r1', node_run: nr('2', 'succeeded', { iteration: 0, branches: ['default'] }) }]);
    expect(store.getState().strips['1']).toEqual(['succeeded']);
    store.getState().apply([{ type: 'run_finished', run_id: 'r1', status: 'failed', error: 'node 3: boom' }]);
    expect(store.getState().shown).toMatchObject({ runId: 'r1', status: 'failed', error: 'node 3: boom' });
    store.getState().updateStale({ nodes: { ...PLAYBOOK.nodes, '3': { type: 'action', name: 'x', outputs: { default: [] } } } });
    expect([...store.getState().stale]).toEqual(['3']);
  });

  it('keeps an unchanged foreach strip identical so the block does not redraw', () => {
    const store = createRunStore();
    store.getState().beginLive(PLAYBOOK, 'local');
    store.getState().apply([{ type: 'node', run_id: 'r', node_run: nr('1', 'running') }, { type: 'node', run_id: 'r', node_run: nr('2', 'succeeded', { iteration: 0 }) }]);
    const strip = store.getState().strips['1'];
    store.getState().apply([{ type: 'node', run_id: 'r', node_run: nr('4', 'running') }]);
    expect(store.getState().strips['1']).toBe(strip);
  });
});
