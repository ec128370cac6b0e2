import { describe, expect, it } from 'vitest';

import { builtinCatalog, platformTemplates, SHARED_TEMPLATES_HINT } from '../../../test/fixtures';
import { buildCatalogIndex } from '../catalog/catalogIndex';
import { readPlaybook, type SplPlaybook } from '../spl/types';
import { buildCompletions, caretContext, completionEdit, filterCompletions, insertCompletion, joinPath, opensWhileTyping, rankForField, schemaPaths, upstream } from './completions';
import { checkJinja, firstIssue, hasJinja } from './delimiters';

const index = buildCatalogIndex(builtinCatalog());
const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';

const errors = (text: string) => checkJinja(text).filter((i) => i.severity === 'error').map((i) => i.message);

describe('checkJinja', () => {
  it.each([
    'plain text',
    '{{ node.1.rule.name }}',
    'New alert: {{node.2.rule.name}}. Urgency: {{node.2.urgency.current_value}}',
    "{{ {'a': {'b': 1}} }}",
    '{{ "}}" }}',
    '{% if x %}a{% elif y %}b{% else %}c{% endif %}',
    '{% for i in store.targets | unique %}{{i}} {% endfor %}',
    '{% set x = 1 %}{{ x }}',
    '{% set block %}text{% endset %}',
    '{%- if x -%}{{- y -}}{%- endif -%}',
    '{# a comment with }} inside #}',
    '{% raw %}{{ not parsed {% %}{% endraw %}',
    '[{{10}}, {{100}}]',
  ])('accepts %s', (text) => {
    expect(errors(text)).toEqual([]);
  });

  it.each([
    ['{{ node.1.x', '“{{” is not closed: add “}}”'],
    ['{{ node.1.x %}', '“{{” is closed with “%}”: use “}}”'],
    ['{% if x }}', '“{%” is closed with “}}”: use “%}”'],
    ['{{ x {{ y }}', '“{{” inside “{{ … }}”'],
    ['{% if x %}yes', '“{% if %}” is not closed: add “{% endif %}”'],
    ['{% for a in b %}{% endif %}', '“{% endif %}” found where “{% endfor %}” was expected'],
    ['{% endif %}', '“{% endif %}” closes nothing'],
    ['{% else %}', 'outside an “{% if %}”'],
    ['{{ }}', 'Empty expression'],
    ['{{ f(a }}', '“(” is not closed: add “)”'],
    ['{{ a] }}', '“]” closes nothing'],
    ['{{ "abc }}', 'The string started here has no closing "'],
    ['{# comment', '“{#” is not closed: add “#}”'],
  ])('flags %s', (text, message) => {
    const found = errors(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('says where: line and column', () => {
    const issue = firstIssue('line one\n  {{ oops')!;
    expect(issue.line).toBe(2);
    expect(issue.column).toBe(3);
    expect(issue.message).toMatch(/line 2, column 3/);
  });

  it('only warns about a stray closer in text (Jinja prints it)', () => {
    const issues = checkJinja('{"a": {"b": 1}}');
    expect(issues).toHaveLength(1);
    expect(issues[0].severity).toBe('warning');
  });

  it('knows when text is a template', () => {
    expect(hasJinja('{{ x }}')).toBe(true);
    expect(hasJinja('plain')).toBe(false);
  });

  const templates = platformTemplates();
  it.skipIf(templates.length === 0)('finds no error in any string of the platform templates', () => {
    const strings: string[] = [];
    const collect = (v: unknown) => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(collect);
    };
    for (const [, json] of templates) {
      for (const node of Object.values(readPlaybook(json).nodes)) {
        collect([node.arguments, node.cases, node.modifications, node.items]);
      }
    }
    expect(strings.length).toBeGreaterThan(100);
    const bad = strings.filter((s) => errors(s).length > 0).map((s) => [s, errors(s)]);
    expect(bad).toEqual([]);
  });
  if (templates.length === 0) console.log(`jinja.test.ts: ${SHARED_TEMPLATES_HINT}`);
});

function playbook(): SplPlaybook {
  return {
    nodes: {
      '0': { type: 'trigger', module_uuid: SEKOIA, trigger_uuid: '785583cf-4377-43ce-a5fb-f4572eb57456', name: 'Alert Created', outputs: { default: ['2'] } },
      '2': { type: 'action', module_uuid: SEKOIA, action_uuid: '8d189665-5401-4098-8d60-944de9a6199a', name: 'Get Alert', outputs: { default: ['3'] } },
      '3': { type: 'operator', subtype: 'foreach', name: 'Each', items: '{{ node.2.history }}', loop: ['4'], outputs: { default: ['5'] } },
      '4': { type: 'operator', subtype: 'store', name: 'Keep', modifications: [{ key: 'targets', type: 'append', value: '{{ node.3.default.value }}' }, { key: 'odd key', type: 'set' }], outputs: { default: [] } },
      '5': { type: 'action', module_uuid: 'x', action_uuid: 'y', name: 'Unknown', outputs: { default: ['6'] } },
      '6': { type: 'action', module_uuid: SEKOIA, action_uuid: '8d189665-5401-4098-8d60-944de9a6199a', name: 'Last', outputs: { default: [] } },
      '9': { type: 'action', name: 'Unrelated', outputs: { default: [] } },
    },
  };
}

describe('completions', () => {
  it('walks the graph backwards, nearest first, noting loops', () => {
    const { ids, viaLoop } = upstream(playbook(), '6');
    expect(ids).toEqual(['5', '3', '2', '0']);
    expect([...viaLoop]).toEqual([]);
    expect(upstream(playbook(), '4').viaLoop.has('3')).toBe(true);
  });

  it('lists nested result paths of upstream blocks', () => {
    const paths = buildCompletions(playbook(), '6', index).map((c) => c.path);
    expect(paths).toContain('node.2.urgency.current_value');
    expect(paths).toContain('node.2.rule.name');
    expect(paths).toContain('node.0.alert_uuid');
    expect(paths).toContain('node.5');
    expect(paths.some((p) => p.startsWith('node.9'))).toBe(false);
    expect(paths.some((p) => p.startsWith('node.6'))).toBe(false);
    // After the loop, the foreach's per-item value is out of scope.
    expect(paths).not.toContain('node.3.default.value');
    expect(paths.indexOf('node.5')).toBeLessThan(paths.indexOf('node.2.urgency'));
  });

  it('offers the foreach item inside the loop, and store keys', () => {
    const list = buildCompletions(playbook(), '4', index);
    const paths = list.map((c) => c.path);
    expect(paths).toContain('node.3.default.value');
    expect(paths).toContain('node.3.default.index');
    expect(paths).toContain('store.targets');
    expect(paths).toContain("store['odd key']");
    expect(list.find((c) => c.path === 'node.2.urgency.current_value')?.type).toBe('integer');
  });

  it('reads nested properties, arrays of objects and local refs', () => {
    const schema = {
      definitions: { who: { type: 'object', properties: { name: { type: 'string' } } } },
      properties: {
        'host.name': { type: 'string' },
        owner: { $ref: '#/definitions/who' },
        events: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
        loop: { $ref: '#/properties/loop' },
      },
    };
    expect(schemaPaths(schema, 'node.1').map((p) => p.path)).toEqual([
      "node.1['host.name']",
      'node.1.owner',
      'node.1.owner.name',
      'node.1.events',
      'node.1.events[0].id',
      'node.1.loop', // listed once: the self reference is not followed
    ]);
    expect(joinPath('store', 'ok_key')).toBe('store.ok_key');
  });

  it('filters by prefix first, then by substring', () => {
    const list = buildCompletions(playbook(), '6', index);
    const found = filterCompletions(list, 'node.2.urg').map((c) => c.path);
    expect(found[0]).toBe('node.2.urgency');
    expect(found).toContain('node.2.urgency.current_value');
    expect(filterCompletions(list, 'current_value').every((c) => c.path.includes('current_value'))).toBe(true);
    expect(filterCompletions(list, 'node.2.cur').map((c) => c.path)).toContain('node.2.urgency.current_value');
    expect(filterCompletions(list, 'node.2.cur').every((c) => c.path.startsWith('node.2'))).toBe(true);
  });
});

describe('inserting at the caret', () => {
  it('completes the path being typed inside an expression', () => {
    const text = 'Alert {{ node.2.ru }} seen';
    const caret = text.indexOf(' }}');
    expect(caretContext(text, caret)).toMatchObject({ inExpression: true, unclosed: false, query: 'node.2.ru' });
    expect(insertCompletion(text, caret, 'node.2.rule.name')).toEqual({ text: 'Alert {{ node.2.rule.name }} seen', caret: 25 });
  });

  it('closes a {{ left open', () => {
    expect(insertCompletion('{{ node.0.al', 12, 'node.0.alert_uuid')).toEqual({ text: '{{ node.0.alert_uuid }}', caret: 23 });
    expect(insertCompletion('{{ node.0.al {{ x }}', 12, 'node.0.alert_uuid').text).toBe('{{ node.0.alert_uuid }} {{ x }}');
    expect(insertCompletion('{% for i in st', 14, 'store.k').text).toBe('{% for i in store.k');
  });

  it('wraps the path in braces outside an expression', () => {
    expect(insertCompletion('Hello ', 6, 'node.0.alert_uuid')).toEqual({ text: 'Hello {{ node.0.alert_uuid }}', caret: 29 });
    expect(insertCompletion('{{ a }} x', 9, 'store.k')).toEqual({ text: '{{ a }} {{ store.k }}', caret: 21 });
  });

  it('gives the edit as a range to replace', () => {
    expect(completionEdit('Alert {{ node.2.ru }}', 16, 'node.2.rule')).toEqual({ from: 9, to: 18, insert: 'node.2.rule' });
    expect(completionEdit('Hi ', 3, 'store.k')).toEqual({ from: 3, to: 3, insert: '{{ store.k }}' });
  });

  it('opens by itself on the first path of an expression, in a statement, or on node./store. paths', () => {
    const opens = (text: string) => opensWhileTyping(text, text.length);
    expect(opens('{{ ')).toBe(true);
    expect(opens('Alert {{ node.2.ur')).toBe(true);
    expect(opens('{% for x in st')).toBe(true);
    expect(opens('{{ x | default(node.')).toBe(true);
    expect(opens('{{ x | default(')).toBe(false);
    expect(opens('{{ node.1.x }} and')).toBe(false);
    expect(opens('plain node.1')).toBe(false);
  });
});

describe('rankForField', () => {
  const c = (path: string) => ({ path, type: 'string', source: 'Alert Created (0)', description: '' }) as unknown as Parameters<typeof rankForField>[0][number];
  const paths = (list: ReturnType<typeof rankForField>) => list.map((x) => x.path);

  it('puts the paths meant for the field first and keeps the order otherwise', () => {
    const list = [c('node.0.file_path'), c('node.0.status.uuid'), c('node.0.alert_uuid'), c('node.0.rule.name'), c('node.0.uuid')];
    expect(paths(rankForField(list, 'uuid'))).toEqual(['node.0.uuid', 'node.0.alert_uuid', 'node.0.status.uuid', 'node.0.file_path', 'node.0.rule.name']);
    expect(paths(rankForField([c('node.0.status.uuid'), c('node.0.alert_uuid')], 'uuid'))).toEqual(['node.0.alert_uuid', 'node.0.status.uuid']);
    expect(paths(rankForField(list, undefined))).toEqual(paths(list));
    expect(paths(rankForField(list, 'nothing_like_it'))).toEqual(paths(list));
  });
});
