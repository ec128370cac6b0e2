import { describe, expect, it } from 'vitest';

import { platformTemplates, SHARED_TEMPLATES_HINT } from '../../../test/fixtures';
import {
  addCase,
  addNode,
  caseNameProblem,
  connect,
  disconnect,
  moveCase,
  moveNodes,
  nextNodeId,
  removeCase,
  removeNodes,
  renameCase,
} from './edits';
import { layoutPositions } from './layout';
import { readPlaybook, type SplPlaybook } from './types';

function playbook(): SplPlaybook {
  return {
    name: 'P',
    extra: 'kept',
    nodes: {
      '0': { type: 'trigger', name: 'T', outputs: { default: ['3'] } },
      '3': { type: 'action', name: 'A', outputs: { default: ['10'] }, unknown_key: { deep: 1 } },
      '10': {
        type: 'operator',
        subtype: 'condition',
        name: 'C',
        cases: [
          { name: 'first', left: 'a', comparison: '==', right: 'b', value_type: 'string' },
          { name: 'second', left: 'c', comparison: '!=', right: 'd' },
        ],
        outputs: { first: ['3', '11'], second: [], else: ['11'] },
      },
      '11': { type: 'operator', subtype: 'foreach', name: 'F', items: '{{ x }}', loop: [], outputs: { default: [] } },
    },
  };
}

describe('ids', () => {
  it('takes one more than the largest integer id', () => {
    expect(nextNodeId(playbook())).toBe('12');
    expect(nextNodeId({ nodes: {} })).toBe('0');
    expect(nextNodeId({ nodes: { abc: {}, '2': {} } })).toBe('3');
    expect(nextNodeId(playbook(), ['12', '13'])).toBe('14');
  });
});

describe('adding and moving', () => {
  it('adds a node under the next id at an integer position', () => {
    const { playbook: next, id } = addNode(playbook(), { type: 'action', name: 'New', outputs: { default: [] } }, { x: 10.4, y: 20.6 });
    expect(id).toBe('12');
    expect(next.nodes['12']).toEqual({ type: 'action', name: 'New', outputs: { default: [] }, position: { x: 10, y: 21 } });
    expect(next.extra).toBe('kept');
  });

  it('moves nodes and leaves the others (same objects)', () => {
    const before = playbook();
    const next = moveNodes(before, { '3': { x: 1.2, y: 2 } });
    expect(next.nodes['3'].position).toEqual({ x: 1, y: 2 });
    expect(next.nodes['3'].unknown_key).toEqual({ deep: 1 });
    expect(next.nodes['0']).toBe(before.nodes['0']);
    expect(moveNodes(next, { '3': { x: 1, y: 2 } })).toBe(next);
  });
});

describe('links', () => {
  it('appends the target to the branch, once', () => {
    const next = connect(playbook(), '10', 'second', '0');
    expect(next.nodes['10'].outputs!.second).toEqual(['0']);
    expect(connect(next, '10', 'second', '0')).toBe(next);
  });

  it('creates a branch that is not there yet', () => {
    const next = connect(playbook(), '3', 'error', '11');
    expect(next.nodes['3'].outputs).toEqual({ default: ['10'], error: ['11'] });
  });

  it('puts a foreach loop link in loop, not outputs', () => {
    const next = connect(playbook(), '11', 'loop', '3');
    expect(next.nodes['11'].loop).toEqual(['3']);
    expect(next.nodes['11'].outputs).toEqual({ default: [] });
  });

  it('refuses self links and unknown nodes', () => {
    const before = playbook();
    expect(connect(before, '3', 'default', '3')).toBe(before);
    expect(connect(before, '3', 'default', '99')).toBe(before);
  });

  it('unlinks one target and keeps the branch', () => {
    const next = disconnect(playbook(), '10', 'first', '3');
    expect(next.nodes['10'].outputs).toEqual({ first: ['11'], second: [], else: ['11'] });
    const emptied = disconnect(next, '0', 'default', '3');
    expect(emptied.nodes['0'].outputs).toEqual({ default: [] });
  });
});

describe('deleting', () => {
  it('removes nodes and every link to them', () => {
    const before = playbook();
    const next = removeNodes(before, ['11']);
    expect(Object.keys(next.nodes)).toEqual(['0', '3', '10']);
    expect(next.nodes['10'].outputs).toEqual({ first: ['3'], second: [], else: [] });
    expect(next.nodes['0']).toBe(before.nodes['0']);
    expect(removeNodes(before, ['404'])).toBe(before);
  });
});

describe('condition cases', () => {
  it('renaming a case renames its branch, keeping targets, order and other fields', () => {
    const next = renameCase(playbook(), '10', 0, 'renamed');
    const node = next.nodes['10'];
    expect(node.cases![0]).toEqual({ name: 'renamed', left: 'a', comparison: '==', right: 'b', value_type: 'string' });
    expect(node.outputs).toEqual({ renamed: ['3', '11'], second: [], else: ['11'] });
    expect(Object.keys(node.outputs!)).toEqual(['renamed', 'second', 'else']);
  });

  it('refuses empty, duplicate and else names', () => {
    const before = playbook();
    const node = before.nodes['10'];
    expect(caseNameProblem(node, 0, 'second')).toMatch(/already named/);
    expect(caseNameProblem(node, 0, 'else')).toMatch(/else/);
    expect(caseNameProblem(node, 0, ' ')).toMatch(/needs a name/);
    expect(caseNameProblem(node, 0, 'first')).toBeNull();
    expect(renameCase(before, '10', 0, 'second')).toBe(before);
    expect(renameCase(before, '10', 0, 'else')).toBe(before);
  });

  it('adds a case with a fresh name and its branch before else', () => {
    const next = addCase(playbook(), '10');
    expect(next.nodes['10'].cases![2]).toEqual({ name: 'Case 3', left: '', comparison: '==', right: '' });
    expect(Object.keys(next.nodes['10'].outputs!)).toEqual(['first', 'second', 'Case 3', 'else']);
  });

  it('removes a case with its branch, and reorders cases', () => {
    const removed = removeCase(playbook(), '10', 0);
    expect(removed.nodes['10'].cases!.map((c) => c.name)).toEqual(['second']);
    expect(removed.nodes['10'].outputs).toEqual({ second: [], else: ['11'] });
    const moved = moveCase(playbook(), '10', 0, 1);
    expect(moved.nodes['10'].cases!.map((c) => c.name)).toEqual(['second', 'first']);
  });
});

describe('edits on the platform templates keep everything else', () => {
  const templates = platformTemplates();
  if (templates.length === 0) {
    it.skip(SHARED_TEMPLATES_HINT, () => {});
    return;
  }
  it.each(templates)('%s: add, link, move, unlink and delete a block, then undo by hand', (_name, json) => {
    const original = structuredClone(json) as SplPlaybook;
    const before = readPlaybook(json);
    const first = Object.keys(before.nodes)[0];
    const { playbook: added, id } = addNode(before, { type: 'action', name: 'X', arguments: {}, outputs: { default: [] } }, { x: 0, y: 0 });
    const linked = connect(added, id, 'default', first);
    const moved = moveNodes(linked, layoutPositions(linked));
    const unlinked = disconnect(moved, id, 'default', first);
    const deleted = removeNodes(unlinked, [id]);
    for (const [nodeId, node] of Object.entries(deleted.nodes)) {
      const { position: _p, ...rest } = node;
      const { position: _o, ...originalRest } = original.nodes[nodeId];
      expect(rest).toEqual(originalRest);
    }
    expect({ ...deleted, nodes: null }).toEqual({ ...original, nodes: null });
  });
});
