/**
 * The schema-to-form layer: turns a block's arguments JSON schema into field descriptions
 * the side panel renders, and converts between a field's text and its JSON value.
 *
 * Kinds: string, number, integer, boolean, enum (a select) and json (objects, arrays and
 * anything untyped, edited as JSON text). Every text-like field accepts Jinja, so a number
 * field takes `{{ node.2.count }}` as well as `42`. Arguments the schema does not declare
 * are listed too (kind json, marked extra), so nothing in the node is hidden or lost.
 */
import { hasJinja } from '../jinja/delimiters';
import { isRecord } from '../spl/types';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export type FieldSpec = {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  /** The schema's default (shown as placeholder, never written). */
  defaultValue?: unknown;
  enumValues?: unknown[];
  /** Long text (format textarea / multiline, or a long default): a textarea. */
  multiline: boolean;
  /** In the schema's `secrets` list: entered here only if the user insists (module configurations hold secrets). */
  secret: boolean;
  /** Present in the node's arguments but not declared by the schema. */
  extra: boolean;
};

export function describeFields(schema: unknown, values: Record<string, unknown> = {}): FieldSpec[] {
  const props = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(isRecord(schema) && Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : []);
  const secrets = new Set(isRecord(schema) && Array.isArray(schema.secrets) ? schema.secrets : []);
  const fields: FieldSpec[] = Object.entries(props).map(([name, prop]) => describeField(name, prop, required.has(name), secrets.has(name)));
  for (const [name, value] of Object.entries(values)) {
    if (name in props) continue;
    // Undeclared: edit it as what it holds (text stays text, anything else is JSON).
    const guessed = typeof value === 'string' ? { type: 'string' } : typeof value === 'number' ? { type: 'number' } : typeof value === 'boolean' ? { type: 'boolean' } : {};
    fields.push({ ...describeField(name, guessed, false, false), extra: true, description: 'Not declared by the block’s schema; kept as is.' });
  }
  // Required fields first, each group in schema order.
  return [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
}

function describeField(name: string, prop: unknown, required: boolean, secret: boolean): FieldSpec {
  const p = isRecord(prop) ? prop : {};
  const types = Array.isArray(p.type) ? p.type.filter((t) => t !== 'null') : [p.type];
  const type = types.length === 1 ? types[0] : undefined;
  let kind: FieldKind = 'json';
  if (Array.isArray(p.enum) && p.enum.length > 0) kind = 'enum';
  else if (type === 'string') kind = 'string';
  else if (type === 'number') kind = 'number';
  else if (type === 'integer') kind = 'integer';
  else if (type === 'boolean') kind = 'boolean';
  const spec: FieldSpec = {
    name,
    label: typeof p.title === 'string' && p.title !== '' ? p.title : name,
    kind,
    required,
    description: typeof p.description === 'string' ? p.description : '',
    multiline: kind === 'string' && (p.format === 'textarea' || p.format === 'multiline' || (typeof p.default === 'string' && p.default.length > 60)),
    secret,
    extra: false,
  };
  if ('default' in p) spec.defaultValue = p.default;
  if (kind === 'enum') spec.enumValues = p.enum as unknown[];
  return spec;
}

/** The text shown in a field for a value (absent → empty). */
export function formatValue(spec: FieldSpec, value: unknown): string {
  if (value === undefined) return '';
  if (spec.kind === 'json') return JSON.stringify(value, null, 2);
  if (typeof value === 'string') return value;
  if (spec.kind === 'enum') return JSON.stringify(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** The placeholder: the default value, when the schema has one. */
export function placeholderFor(spec: FieldSpec): string {
  if (spec.defaultValue === undefined) return spec.kind === 'json' ? 'JSON, e.g. {"key": "value"}' : '';
  const shown = typeof spec.defaultValue === 'string' ? spec.defaultValue : JSON.stringify(spec.defaultValue);
  return `Default: ${shown}`;
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Reads a field's text. Empty text means "not set" (`value: undefined`, the key is
 * removed). Jinja text is kept as a string in any field: the platform renders it.
 */
export function parseValue(spec: FieldSpec, text: string): ParseResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  switch (spec.kind) {
    case 'string':
      return { ok: true, value: text };
    case 'number':
    case 'integer': {
      const trimmed = text.trim();
      if (hasJinja(trimmed)) return { ok: true, value: trimmed };
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
        return { ok: false, error: spec.kind === 'integer' ? 'Enter a whole number, or Jinja such as {{ node.1.count }}.' : 'Enter a number, or Jinja such as {{ node.1.score }}.' };
      }
      const n = Number(trimmed);
      if (spec.kind === 'integer' && !Number.isInteger(n)) return { ok: false, error: 'Enter a whole number (no decimals).' };
      return { ok: true, value: n };
    }
    case 'boolean': {
      const trimmed = text.trim();
      if (trimmed === 'true') return { ok: true, value: true };
      if (trimmed === 'false') return { ok: true, value: false };
      if (hasJinja(trimmed)) return { ok: true, value: trimmed };
      return { ok: false, error: 'Choose true or false, or write Jinja.' };
    }
    case 'enum': {
      const match = (spec.enumValues ?? []).find((v) => JSON.stringify(v) === text || v === text);
      if (match !== undefined) return { ok: true, value: match };
      if (hasJinja(text)) return { ok: true, value: text };
      return { ok: false, error: `Choose one of: ${(spec.enumValues ?? []).map((v) => String(v)).join(', ')}.` };
    }
    case 'json': {
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch (e) {
        // A bare Jinja expression is a valid value for any field.
        if (hasJinja(text) && !/^\s*[[{"]/.test(text.replace(/^\s*\{\{/, ''))) return { ok: true, value: text };
        return { ok: false, error: `Invalid JSON: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
  }
}

/** The arguments with one field set (or removed when `value` is undefined). */
export function setArgument(args: Record<string, unknown> | undefined, name: string, value: unknown): Record<string, unknown> {
  const next = { ...(args ?? {}) };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return next;
}

/** Required fields that have no value. */
export function missingRequired(fields: readonly FieldSpec[], values: Record<string, unknown>): string[] {
  return fields.filter((f) => f.required && (values[f.name] === undefined || values[f.name] === '')).map((f) => f.name);
}
