import { describe, expect, it } from 'vitest';

import {
  INITIAL_EXPANSION,
  flatten,
  indexOfPath,
  pathKey,
  preview,
  reveal,
  search,
  toRow,
  toggle,
  valueAt,
  valueText,
  type Expansion,
} from './codeTree';

const code = {
  node: {
    '0': { alert_uuid: 'a1b2', rule: { name: 'Brute force' } },
    '3': { results: { items: [{ id: 7 }, { id: 8 }], 'content-type': 'application/json' } },
  },
  arguments: { '3': { uuid: 'a1b2' } },
  store: {},
};

const rowsOf = (root: unknown, expansion: Expansion) => {
  const entries = flatten(root, expansion);
  return entries.map((_, i) => toRow(entries, i));
};
const labels = (root: unknown, expansion: Expansion) => rowsOf(root, expansion).map((r) => `${'  '.repeat(r.depth)}${String(r.key)}`);

describe('flatten', () => {
  it('opens the first two levels at first: every node’s fields show', () => {
    expect(labels(code, INITIAL_EXPANSION)).toEqual(['node', '  0', '    alert_uuid', '    rule', '  3', '    results', 'arguments', '  3', '    uuid', 'store']);
  });

  it('shows only the top level when everything is collapsed', () => {
    expect(labels(code, { base: 'none', toggled: [] })).toEqual(['node', 'arguments', 'store']);
  });

  it('shows every row when everything is expanded, in document order', () => {
    expect(labels(code, { base: 'all', toggled: [] })).toEqual([
      'node',
      '  0',
      '    alert_uuid',
      '    rule',
      '      name',
      '  3',
      '    results',
      '      items',
      '        0',
      '          id',
      '        1',
      '          id',
      '      content-type',
      'arguments',
      '  3',
      '    uuid',
      'store',
    ]);
  });

  it('describes each row: path, kind, preview, child count, open or not', () => {
    const rows = rowsOf(code, INITIAL_EXPANSION);
    const results = rows.find((r) => r.key === 'results');
    expect(results).toEqual({ depth: 2, key: 'results', path: ['node', '3', 'results'], kind: 'object', preview: '{ 2 keys }', childCount: 2, expanded: false });
    expect(rows[0]).toMatchObject({ key: 'node', kind: 'object', expanded: true, childCount: 2 });
    expect(rows.find((r) => r.key === 'store')).toMatchObject({ kind: 'object', expanded: false, childCount: 0 });
  });

  it('toggles a container open and closed again', () => {
    const open = toggle(INITIAL_EXPANSION, ['node', '0', 'rule']);
    expect(labels(code, open)).toContain('      name');
    expect(labels(code, toggle(open, ['node', '0', 'rule']))).toEqual(labels(code, INITIAL_EXPANSION));
    const closed = toggle(INITIAL_EXPANSION, ['node', '0']);
    expect(labels(code, closed)).not.toContain('    alert_uuid');
  });

  it('closes one container under "expand all" without closing the others', () => {
    const rows = labels(code, toggle({ base: 'all', toggled: [] }, ['node', '3', 'results']));
    expect(rows).not.toContain('      items');
    expect(rows).toContain('    uuid');
  });

  it('keys a path so that "a.b" and ["a", "b"] differ', () => {
    expect(pathKey(['a.b'])).not.toBe(pathKey(['a', 'b']));
    expect(pathKey(['node', 0])).not.toBe(pathKey(['node', '0']));
  });

  it('shows a document that is a bare value as one row with an empty path', () => {
    const rows = rowsOf('hello', INITIAL_EXPANSION);
    expect(rows).toEqual([{ depth: 0, key: '', path: [], kind: 'string', preview: '"hello"', childCount: 0, expanded: false }]);
  });

  it('keeps an empty key apart from a bare document', () => {
    expect(rowsOf({ '': 5 }, INITIAL_EXPANSION)[0].path).toEqual(['']);
  });

  it('walks a deeply nested document without overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20000; i += 1) deep = { d: deep };
    const entries = flatten(deep, { base: 'all', toggled: [] });
    expect(entries).toHaveLength(20000);
    expect(search(deep, 'bottom').paths[0]).toHaveLength(20000);
  });
});

describe('reveal', () => {
  it('opens every container above a folded path', () => {
    const expansion = reveal({ base: 'none', toggled: [] }, ['node', '3', 'results', 'items', 1, 'id']);
    const entries = flatten(code, expansion);
    const index = indexOfPath(entries, ['node', '3', 'results', 'items', 1, 'id']);
    expect(index).toBeGreaterThan(0);
    expect(toRow(entries, index).path).toEqual(['node', '3', 'results', 'items', 1, 'id']);
  });

  it('leaves an expansion alone when the path is already visible', () => {
    expect(reveal(INITIAL_EXPANSION, ['node', '0', 'rule'])).toBe(INITIAL_EXPANSION);
  });

  it('reopens a container closed under "expand all"', () => {
    const closed = toggle({ base: 'all', toggled: [] }, ['node']);
    expect(reveal(closed, ['node', '0', 'alert_uuid'])).toEqual({ base: 'all', toggled: [] });
  });
});

describe('indexOfPath', () => {
  it('finds a row by its whole path, not by its key alone', () => {
    const entries = flatten(code, { base: 'all', toggled: [] });
    const fromArguments = indexOfPath(entries, ['arguments', '3']);
    expect(toRow(entries, fromArguments).path).toEqual(['arguments', '3']);
    expect(indexOfPath(entries, ['node', '3'])).toBeLessThan(fromArguments);
  });

  it('answers -1 for a folded row', () => {
    expect(indexOfPath(flatten(code, INITIAL_EXPANSION), ['node', '0', 'rule', 'name'])).toBe(-1);
  });
});

describe('search', () => {
  it('finds keys and values, case-insensitively, in document order, folded or not', () => {
    expect(search(code, 'A1B2')).toEqual({
      count: 2,
      paths: [
        ['node', '0', 'alert_uuid'],
        ['arguments', '3', 'uuid'],
      ],
    });
    expect(search(code, 'UUID').paths).toEqual([
      ['node', '0', 'alert_uuid'],
      ['arguments', '3', 'uuid'],
    ]);
  });

  it('matches numbers, booleans and null as JSON writes them', () => {
    const doc = { a: 42, b: true, c: null, d: [3.5] };
    expect(search(doc, '42').paths).toEqual([['a']]);
    expect(search(doc, 'true').paths).toEqual([['b']]);
    expect(search(doc, 'null').paths).toEqual([['c']]);
    expect(search(doc, '3.5').paths).toEqual([['d', 0]]);
  });

  it('does not match array indices as keys', () => {
    expect(search({ list: ['x', 'y'] }, '0').count).toBe(0);
  });

  it('counts every match but keeps only `limit` paths', () => {
    const doc = { list: Array.from({ length: 50 }, (_, i) => `item ${i}`) };
    const result = search(doc, 'item', 10);
    expect(result.count).toBe(50);
    expect(result.paths).toHaveLength(10);
    expect(result.paths[9]).toEqual(['list', 9]);
  });

  it('finds nothing for an empty query', () => {
    expect(search(code, '')).toEqual({ paths: [], count: 0 });
  });

  it('matches a key once even when its value matches too', () => {
    expect(search({ uuid: 'uuid-1' }, 'uuid').count).toBe(1);
  });
});

describe('values', () => {
  it('reads a value by path', () => {
    expect(valueAt(code, ['node', '3', 'results', 'items', 1, 'id'])).toBe(8);
    expect(valueAt(code, ['node', '9', 'x'])).toBeUndefined();
  });

  it('copies a string raw and anything else as pretty JSON', () => {
    expect(valueText('a "quoted" text')).toBe('a "quoted" text');
    expect(valueText({ id: 7 })).toBe('{\n  "id": 7\n}');
    expect(valueText(null)).toBe('null');
  });

  it('previews values, shortening long strings visibly', () => {
    expect(preview('x'.repeat(500))).toMatch(/^"x{200}…"$/);
    expect(preview([1])).toBe('[ 1 item ]');
    expect(preview({ a: 1, b: 2 })).toBe('{ 2 keys }');
    expect(preview(null)).toBe('null');
    expect(preview(false)).toBe('false');
  });
});
