import { describe, expect, it } from 'vitest';

import type { SplPlaybook } from '../spl/types';
import { isEmptyDiff, versionDiff } from './versionDiff';

const current = {
  name: 'Triage',
  nodes: {
    '0': { type: 'trigger', name: 'Alert Created', outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
    '1': { type: 'action', name: 'Get Alert', arguments: { uuid: '{{ node.0.alert_uuid }}', stix: false }, outputs: { default: ['2'] }, position: { x: 0, y: 200 } },
    '2': { type: 'action', name: 'Comment', outputs: { default: [] } },
  },
} as unknown as SplPlaybook;

describe('what a restore changes', () => {
  it('lists blocks brought back, taken away, and the fields that differ', () => {
    const older = {
      name: 'Triage (old)',
      nodes: {
        '0': current.nodes['0'],
        '1': { ...current.nodes['1'], arguments: { uuid: '{{ node.0.uuid }}', stix: false }, outputs: { default: ['3'] }, position: { x: 40, y: 200 } },
        '3': { type: 'action', name: 'Wait', outputs: { default: [] } },
      },
    } as unknown as SplPlaybook;
    const diff = versionDiff(current, older);
    expect(diff.added).toEqual([{ id: '3', name: 'Wait' }]);
    expect(diff.removed).toEqual([{ id: '2', name: 'Comment' }]);
    expect(diff.changed).toEqual([{ id: '1', name: 'Get Alert', fields: ['arguments.uuid', 'outputs.default', 'position'] }]);
    expect(diff.playbook).toEqual(['name']);
    expect(isEmptyDiff(versionDiff(current, current))).toBe(true);
  });
});
