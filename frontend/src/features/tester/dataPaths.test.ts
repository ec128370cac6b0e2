import { describe, expect, it } from 'vitest';

import { dataPaths } from './dataPaths';
import { FILTER_DOCS } from '../../ipc/bindings/JinjaFilters';
import { filterQuery, matchingFilters } from './testerCompletion';

describe('dataPaths', () => {
  const code = {
    node: { '0': { alert_uuid: 'a1', urgency: { value: 70 } }, '3': { results: { items: [{ id: 7 }], 'content-type': 'json' } } },
    store: {},
  };

  it('lists the paths breadth first, written as Jinja reads them, with type and value', () => {
    const paths = dataPaths(code);
    expect(paths.map((p) => p.path)).toEqual([
      'node',
      'store',
      'node.0',
      'node.3',
      'node.0.alert_uuid',
      'node.0.urgency',
      'node.3.results',
      'node.0.urgency.value',
      "node.3.results['items']",
      "node.3.results['content-type']",
      "node.3.results['items'][0]",
      "node.3.results['items'][0].id",
    ]);
    expect(paths.find((p) => p.path === 'node.0.alert_uuid')).toEqual({ path: 'node.0.alert_uuid', type: 'string', source: '"a1"', description: '' });
    expect(paths.find((p) => p.path === "node.3.results['items']")?.type).toBe('list');
  });

  it('makes the keys of a pasted document variables, skipping keys that cannot be', () => {
    expect(dataPaths({ urgency: { value: 70 }, '@timestamp': 1 }).map((p) => p.path)).toEqual(['urgency', 'urgency.value']);
  });

  it('stops at the depth and count limits', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20; i += 1) deep = { d: deep };
    expect(dataPaths({ top: deep }, 3).map((p) => p.path)).toEqual(['top', 'top.d', 'top.d.d']);
    const wide = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, { x: i }]));
    expect(dataPaths(wide, 6, 100)).toHaveLength(100);
  });
});

describe('filter completion', () => {
  it('finds the filter name being typed after a pipe inside an expression', () => {
    expect(filterQuery('{{ x | json', 11)).toEqual({ from: 7, query: 'json' });
    expect(filterQuery('{{ x |', 6)).toEqual({ from: 6, query: '' });
    expect(filterQuery('{{ x }} | json', 14)).toBeNull();
    expect(filterQuery('{{ x.y', 6)).toBeNull();
  });

  it('offers platform filters first, with signatures and docs', () => {
    const names = matchingFilters('').map((f) => f.name);
    expect(names.slice(0, 6)).toEqual(['jsonpath', 'fromjson', 'regex_match', 'timestamp_to_iso8601', 'iso8601_to_timestamp', 'time_with_delta']);
    const jsonpath = matchingFilters('jsonp')[0];
    expect(jsonpath).toMatchObject({ name: 'jsonpath', signature: '(path, return_all=False)', source: 'platform' });
    expect(matchingFilters('time').map((f) => f.name)).toEqual(['timestamp_to_iso8601', 'time_with_delta', 'iso8601_to_timestamp']);
  });

  it('offers exactly the filters the engine has (its registry, generated)', () => {
    const names = matchingFilters('').map((f) => f.name);
    expect(new Set(names).size).toBe(FILTER_DOCS.length);
    expect(names).toContain('selectattr');
    expect(names).toContain('xmlattr');
    expect(matchingFilters('sele').map((f) => f.name)).toEqual(['select', 'selectattr']);
  });
});
