import { describe, expect, it } from 'vitest';

import type { SplPlaybook } from '../spl/types';
import { linkCandidates } from './LinkPicker';

const content = {
  nodes: {
    '0': { type: 'trigger', name: 'Alert Created', outputs: { default: ['1'] } },
    '1': { type: 'action', name: 'Get Alert', outputs: { default: [] } },
    '2': { type: 'action', name: 'Comment Alert', outputs: { default: [] } },
    '12': { type: 'operator', name: '', outputs: { default: [] } },
  },
} as unknown as SplPlaybook;

describe('the blocks "Link to…" offers', () => {
  it('are the other blocks but triggers, found by name or by exact id', () => {
    expect(linkCandidates(content, '1', '').map((c) => c.id)).toEqual(['2', '12']);
    expect(linkCandidates(content, '1', 'comm').map((c) => c.label)).toEqual(['Comment Alert (2)']);
    expect(linkCandidates(content, '2', '12').map((c) => c.label)).toEqual(['Block (12)']);
    expect(linkCandidates(content, '2', 'alert').map((c) => c.id)).toEqual(['1']);
  });
});
