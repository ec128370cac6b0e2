import { describe, expect, it } from 'vitest';

import { jinjaExpression, jinjaReference, quoteKey, type JsonPath } from './jinjaPath';

describe('jinjaReference', () => {
  const cases: Array<[string, JsonPath, string]> = [
    ['a top-level key alone', ['store'], '{{ store }}'],
    ['a node id under node', ['node', '0'], '{{ node.0 }}'],
    ['a field of a node', ['node', '0', 'alert_uuid'], '{{ node.0.alert_uuid }}'],
    ['a multi-digit node id', ['node', '12', 'x'], '{{ node.12.x }}'],
    ['nested names and an array index', ['node', '3', 'results', 'list', 0, 'id'], '{{ node.3.results.list[0].id }}'],
    ['nested arrays', ['store', 'grid', 1, 2], '{{ store.grid[1][2] }}'],
    ['a key with a dash', ['node', '3', 'content-type'], "{{ node.3['content-type'] }}"],
    ['a key with a dot', ['node', '1', 'host.name'], "{{ node.1['host.name'] }}"],
    ['a key with a space', ['store', 'my key'], "{{ store['my key'] }}"],
    ['a key starting with a digit', ['node', '2', '1st'], "{{ node.2['1st'] }}"],
    ['a numeric key below a node', ['node', '2', 'by_id', '7'], "{{ node.2.by_id['7'] }}"],
    ['a numeric key under another top-level key', ['arguments', '3', 'uuid'], "{{ arguments['3'].uuid }}"],
    ['a node id with a leading zero', ['node', '03'], "{{ node['03'] }}"],
    ['a negative-looking node id', ['node', '-1'], "{{ node['-1'] }}"],
    ['an empty key', ['store', ''], "{{ store[''] }}"],
    ['a quote in a key', ['store', "it's"], "{{ store['it\\'s'] }}"],
    ['a backslash in a key', ['store', 'a\\b'], "{{ store['a\\\\b'] }}"],
    ['a line break in a key', ['store', 'a\nb'], "{{ store['a\\nb'] }}"],
    ['a non-ASCII key', ['store', 'clé'], "{{ store['clé'] }}"],
    ['a key named like a dict method', ['node', '3', 'results', 'items', 0, 'id'], "{{ node.3.results['items'][0].id }}"],
    ['keys, values and get are methods too', ['x', 'keys', 'values', 'get'], "{{ x['keys']['values']['get'] }}"],
    ['a dunder key', ['x', '__class__'], "{{ x['__class__'] }}"],
    ['a key with one leading underscore', ['x', '_private'], '{{ x._private }}'],
    ['a plain-JSON variable', ['urgency', 'value'], '{{ urgency.value }}'],
    ['an index under a top-level array', ['alerts', 0, 'uuid'], '{{ alerts[0].uuid }}'],
  ];

  it.each(cases)('%s', (_name, path, expected) => {
    expect(jinjaReference(path)).toBe(expected);
  });

  const unreachable: Array<[string, JsonPath]> = [
    ['the empty path', []],
    ['a top-level key that is not a name', ['@timestamp', 'x']],
    ['a numeric top-level key', ['0']],
    ['a top-level array index', [0, 'x']],
    ['a top-level key Jinja reads as a literal', ['true']],
    ['a top-level key Jinja reads as an operator', ['not']],
  ];

  it.each(unreachable)('has no reference for %s', (_name, path) => {
    expect(jinjaExpression(path)).toBeNull();
    expect(jinjaReference(path)).toBe('');
  });
});

describe('quoteKey', () => {
  it.each([
    ['plain', "'plain'"],
    ["o'clock", "'o\\'clock'"],
    ['tab\there', "'tab\\there'"],
    ['cr\r', "'cr\\r'"],
    ['"double"', "'\"double\"'"],
  ])('quotes %j', (key, expected) => {
    expect(quoteKey(key)).toBe(expected);
  });
});
