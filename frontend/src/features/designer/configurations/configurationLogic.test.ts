import { describe, expect, it } from 'vitest';

import type { ModuleConfiguration } from '../../../ipc';
import { builtinCatalog } from '../../../test/fixtures';
import {
  NAME_ERROR,
  configurationFields,
  nodeConfigurationId,
  readNewConfiguration,
  secretStates,
  setNodeConfiguration,
  shownValues,
} from './configurationLogic';

const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';
const sekoiaSchema = () => builtinCatalog().modules.find((m) => m.uuid === SEKOIA)!.configuration;

const config = (over: Partial<ModuleConfiguration> = {}): ModuleConfiguration => ({
  id: 'c1',
  module_uuid: SEKOIA,
  name: 'Prod',
  values: {},
  secret_fields: [],
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
  ...over,
});

describe('configuration fields', () => {
  it('splits the schema into values and secrets (Sekoia.io: base_url, api_key)', () => {
    const fields = configurationFields(sekoiaSchema());
    expect(fields.values.map((f) => f.name)).toEqual(['base_url']);
    expect(fields.secrets.map((f) => [f.name, f.required])).toEqual([['api_key', true]]);
  });

  it('has nothing for an empty or missing schema', () => {
    expect(configurationFields({ type: 'object', properties: {} })).toEqual({ values: [], secrets: [] });
    expect(configurationFields(undefined)).toEqual({ values: [], secrets: [] });
  });
});

describe('reading the creation form', () => {
  const fields = () => configurationFields(sekoiaSchema());

  it('builds the input; empty optional values are left out, the name is trimmed', () => {
    expect(readNewConfiguration(SEKOIA, fields(), '  Prod ', { base_url: '' }, { api_key: 'k-1' })).toEqual({
      ok: true,
      input: { module_uuid: SEKOIA, name: 'Prod', values: {}, secrets: { api_key: 'k-1' } },
    });
    const withUrl = readNewConfiguration(SEKOIA, fields(), 'EU', { base_url: 'https://app.fra2.sekoia.io/api' }, { api_key: 'k' });
    expect(withUrl.ok && withUrl.input.values).toEqual({ base_url: 'https://app.fra2.sekoia.io/api' });
  });

  it('reports a missing name and a missing required secret', () => {
    const result = readNewConfiguration(SEKOIA, fields(), ' ', {}, { api_key: '' });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual([NAME_ERROR, 'api_key'].sort());
  });

  it('parses typed values and reports bad ones', () => {
    const typed = configurationFields({
      properties: { port: { type: 'integer' }, verify: { type: 'boolean' }, level: { enum: ['low', 'high'] }, token: { type: 'string' } },
      required: ['port'],
      secrets: ['token'],
    });
    expect(readNewConfiguration('m', typed, 'n', { port: '8443', verify: 'false', level: '"high"' }, {})).toEqual({
      ok: true,
      input: { module_uuid: 'm', name: 'n', values: { port: 8443, verify: false, level: 'high' }, secrets: {} },
    });
    const bad = readNewConfiguration('m', typed, 'n', { port: '1.5' }, {});
    expect(!bad.ok && bad.errors.port).toMatch(/whole number/);
    const missing = readNewConfiguration('m', typed, 'n', {}, {});
    expect(!missing.ok && missing.errors.port).toBe('Required.');
  });
});

describe('the node field', () => {
  const playbook = () => ({ nodes: { '1': { type: 'action', outputs: { default: [] } } } });

  it('reads and sets module_configuration_uuid (null for none)', () => {
    const pb = playbook();
    expect(nodeConfigurationId(pb.nodes['1'])).toBeNull();
    const set = setNodeConfiguration(pb, '1', 'c1');
    expect(set.nodes['1'].module_configuration_uuid).toBe('c1');
    expect(nodeConfigurationId(set.nodes['1'])).toBe('c1');
    expect(setNodeConfiguration(set, '1', null).nodes['1'].module_configuration_uuid).toBeNull();
  });

  it('changes nothing when the value is already there, or the node is missing', () => {
    const pb = playbook();
    expect(setNodeConfiguration(pb, '1', null)).toBe(pb);
    const set = setNodeConfiguration(pb, '1', 'c1');
    expect(setNodeConfiguration(set, '1', 'c1')).toBe(set);
    expect(setNodeConfiguration(pb, '9', 'c1')).toBe(pb);
  });
});

describe('showing a configuration', () => {
  const fields = () => configurationFields(sekoiaSchema());

  it('lists each secret of the schema as stored or not', () => {
    expect(secretStates(fields(), config({ secret_fields: ['api_key'] })).map((s) => [s.spec.name, s.stored])).toEqual([['api_key', true]]);
    expect(secretStates(fields(), config()).map((s) => s.stored)).toEqual([false]);
  });

  it('shows values in schema order, defaults when unset, extras, and never a secret name', () => {
    expect(shownValues(fields(), config())).toEqual([{ name: 'base_url', label: 'base_url', text: 'not set (default: https://api.sekoia.io)' }]);
    const rows = shownValues(fields(), config({ values: { base_url: 'https://x', extra: { a: 1 }, api_key: 'should not be here' } }));
    expect(rows.map((r) => [r.name, r.text])).toEqual([
      ['base_url', 'https://x'],
      ['extra', '{"a":1}'],
    ]);
  });
});
