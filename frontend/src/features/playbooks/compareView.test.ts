import { describe, expect, it } from 'vitest';

import type { PlatformComparison } from '../../ipc';
import { blockLabel, blockNames, comparisonView, lineText, MAX_LISTED } from './compareView';

const base: PlatformComparison = {
  local_id: 'pb-1',
  remote_uuid: 'rm-1',
  same: false,
  name_differs: false,
  description_differs: false,
  only_local: [],
  only_remote: [],
  changed: [],
};

const texts = (comparison: Partial<PlatformComparison>, names: Record<string, string> | null) =>
  comparisonView({ ...base, ...comparison }, names).lines.map(lineText);

describe('blockNames', () => {
  it('maps node ids to their trimmed names and skips nodes without one', () => {
    const content = { nodes: { '0': { name: 'Alert Created' }, '1': { name: '  Get Alert ' }, '2': { name: '' }, '3': { type: 'action' }, '4': 'junk' } };
    expect(blockNames(content)).toEqual({ '0': 'Alert Created', '1': 'Get Alert' });
  });

  it('gives nothing for a document without nodes', () => {
    expect(blockNames(null)).toEqual({});
    expect(blockNames({ nodes: [] })).toEqual({});
  });
});

describe('blockLabel', () => {
  it('uses the name, "block <id>" when unknown, and adds the id when the name is shared', () => {
    const names = { '1': 'Get Alert', '2': 'Notify', '3': 'Notify' };
    expect(blockLabel('1', names)).toBe('Get Alert');
    expect(blockLabel('9', names)).toBe('block 9');
    expect(blockLabel('1', null)).toBe('block 1');
    expect(blockLabel('3', names)).toBe('Notify (block 3)');
    expect(blockLabel('constructor', {})).toBe('block constructor');
  });
});

describe('comparisonView', () => {
  it('says "same" with no lines when nothing differs', () => {
    expect(comparisonView({ ...base, same: true }, {})).toEqual({ same: true, summary: 'Same as the platform version', lines: [] });
  });

  it('names the local blocks and shows the platform-only ones by id', () => {
    const names = { '0': 'Alert Created', '1': 'Get Alert', '2': 'Comment' };
    const view = comparisonView({ ...base, only_local: ['2'], only_remote: ['7'], changed: ['1', '0'] }, names);
    expect(view.summary).toBe('Differs from the platform version');
    expect(view.lines.map((l) => l.kind)).toEqual(['only_local', 'only_remote', 'changed']);
    expect(view.lines.map(lineText)).toEqual(['Only here: Comment', 'Only on the platform: block 7', 'Changed: Get Alert, Alert Created']);
  });

  it('falls back to "block <id>" when the local document could not be read', () => {
    expect(texts({ changed: ['1'] }, null)).toEqual(['Changed: block 1']);
  });

  it('says which of the name and the description differ', () => {
    expect(texts({ name_differs: true }, {})).toEqual(['Name differs']);
    expect(texts({ description_differs: true }, {})).toEqual(['Description differs']);
    expect(texts({ name_differs: true, description_differs: true, changed: ['1'] }, {})).toEqual(['Changed: block 1', 'Name and description differ']);
  });

  it('keeps a long list short', () => {
    const ids = Array.from({ length: MAX_LISTED + 3 }, (_, i) => String(i));
    const [line] = comparisonView({ ...base, changed: ids }, {}).lines;
    expect(line.items).toHaveLength(MAX_LISTED);
    expect(line.more).toBe(3);
    expect(lineText(line)).toBe('Changed: block 0, block 1, block 2, block 3, block 4, block 5 and 3 more');
  });
});
