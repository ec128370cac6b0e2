import { describe, expect, it } from 'vitest';

import { builtinCatalog } from '../../../test/fixtures';
import { describeFields, formatValue, missingRequired, parseValue, placeholderFor, setArgument, type FieldSpec } from './schemaForm';

const schema = {
  type: 'object',
  properties: {
    title: { type: 'string', description: 'Shown on the card.', title: 'Title' },
    count: { type: 'integer', default: 10 },
    ratio: { type: ['number', 'null'] },
    enabled: { type: 'boolean', default: false },
    level: { type: 'string', enum: ['low', 'high'] },
    body: { type: 'object' },
    tags: { type: 'array', items: { type: 'string' } },
    anything: {},
    api_key: { type: 'string' },
  },
  required: ['count', 'level'],
  secrets: ['api_key'],
};

const field = (name: string, values: Record<string, unknown> = {}) => describeFields(schema, values).find((f) => f.name === name)!;

describe('describeFields', () => {
  it('maps schema types to field kinds, required first', () => {
    const fields = describeFields(schema);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['count', 'integer', true],
      ['level', 'enum', true],
      ['title', 'string', false],
      ['ratio', 'number', false],
      ['enabled', 'boolean', false],
      ['body', 'json', false],
      ['tags', 'json', false],
      ['anything', 'json', false],
      ['api_key', 'string', false],
    ]);
    expect(field('title')).toMatchObject({ label: 'Title', description: 'Shown on the card.' });
    expect(field('level').enumValues).toEqual(['low', 'high']);
    expect(field('api_key').secret).toBe(true);
  });

  it('lists arguments the schema does not declare, as extra JSON fields', () => {
    const fields = describeFields(schema, { legacy: { a: 1 }, text: '{{ node.1.x }}', flag: true });
    expect(fields.find((f) => f.name === 'legacy')).toMatchObject({ kind: 'json', extra: true, required: false });
    expect(fields.find((f) => f.name === 'text')).toMatchObject({ kind: 'string', extra: true });
    expect(fields.find((f) => f.name === 'flag')).toMatchObject({ kind: 'boolean', extra: true });
  });

  it('handles an empty schema', () => {
    expect(describeFields({})).toEqual([]);
    expect(describeFields(undefined, { x: 1 }).map((f) => f.name)).toEqual(['x']);
  });

  it('shows defaults as placeholders', () => {
    expect(placeholderFor(field('count'))).toBe('Default: 10');
    expect(placeholderFor(field('enabled'))).toBe('Default: false');
    expect(placeholderFor(field('title'))).toBe('');
  });

  it('builds forms for every block of the built-in catalogue', () => {
    const catalog = builtinCatalog();
    const getAlert = catalog.modules.flatMap((m) => m.actions).find((a) => a.name === 'Get Alert')!;
    const fields = describeFields(getAlert.arguments);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['uuid', 'string', true],
      ['stix', 'boolean', false],
      ['cases', 'boolean', false],
    ]);
    for (const block of catalog.modules.flatMap((m) => [...m.actions, ...m.triggers])) {
      expect(() => describeFields(block.arguments)).not.toThrow();
    }
  });
});

describe('parseValue', () => {
  const ok = (spec: FieldSpec, text: string) => {
    const r = parseValue(spec, text);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const err = (spec: FieldSpec, text: string) => {
    const r = parseValue(spec, text);
    return r.ok ? null : r.error;
  };

  it('reads empty text as not set', () => {
    for (const name of ['title', 'count', 'body', 'level']) expect(ok(field(name), '  ')).toBeUndefined();
  });

  it('reads numbers and integers, and Jinja in them', () => {
    expect(ok(field('count'), ' 42 ')).toBe(42);
    expect(ok(field('ratio'), '-0.5')).toBe(-0.5);
    expect(ok(field('count'), '{{ node.2.count }}')).toBe('{{ node.2.count }}');
    expect(err(field('count'), '4.5')).toMatch(/whole number/);
    expect(err(field('count'), 'ten')).toMatch(/whole number/);
    expect(err(field('ratio'), '1,5')).toMatch(/number/);
  });

  it('reads booleans and enums', () => {
    expect(ok(field('enabled'), 'true')).toBe(true);
    expect(ok(field('enabled'), 'false')).toBe(false);
    expect(err(field('enabled'), 'yes')).toMatch(/true or false/);
    expect(ok(field('level'), '"high"')).toBe('high');
    expect(ok(field('level'), 'low')).toBe('low');
    expect(err(field('level'), 'medium')).toMatch(/low, high/);
  });

  it('reads JSON fields and says what is wrong', () => {
    expect(ok(field('body'), '{"a": [1, "{{ node.1.x }}"]}')).toEqual({ a: [1, '{{ node.1.x }}'] });
    expect(ok(field('tags'), '["a"]')).toEqual(['a']);
    expect(ok(field('body'), '{{ node.2.payload }}')).toBe('{{ node.2.payload }}');
    expect(err(field('body'), '{"a": }')).toMatch(/^Invalid JSON/);
  });

  it('keeps string text as typed', () => {
    expect(ok(field('title'), ' {{ node.1.rule.name }} ')).toBe(' {{ node.1.rule.name }} ');
  });
});

describe('formatValue and setArgument', () => {
  it('formats values for their field', () => {
    expect(formatValue(field('body'), { a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatValue(field('count'), 3)).toBe('3');
    expect(formatValue(field('count'), '{{ x }}')).toBe('{{ x }}');
    expect(formatValue(field('title'), undefined)).toBe('');
  });

  it('sets and removes one argument, keeping the others', () => {
    expect(setArgument({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
    expect(setArgument(undefined, 'a', 'x')).toEqual({ a: 'x' });
  });

  it('reports missing required fields', () => {
    expect(missingRequired(describeFields(schema), { count: 1 })).toEqual(['level']);
  });
});
