import { describe, expect, it } from 'vitest';

import type { Catalog } from '../../../ipc';
import { buildCatalogIndex } from '../catalog/catalogIndex';
import type { SplPlaybook } from '../spl/types';
import { configurationChecklist, moduleNeedsConfiguration } from './configChecklist';

const block = (uuid: string, name: string) => ({ uuid, name, slug: name, description: '', docker_parameters: null, arguments: {}, results: {}, outputs: null });
const catalog = {
  modules: [
    { uuid: 'sek', name: 'Sekoia.io', slug: 'sek', description: '', version: '1', categories: [], configuration: { properties: { api_key: { type: 'string' } } }, actions: [block('get', 'Get Alert')], triggers: [block('created', 'Alert Created')] },
    { uuid: 'http', name: 'HTTP', slug: 'http', description: '', version: '1', categories: [], configuration: {}, actions: [block('req', 'Request URL')], triggers: [] },
  ],
  operators: [],
} as unknown as Catalog;

describe('configurationChecklist', () => {
  it('lists the actions and triggers whose module has fields to configure and that point at no configuration', () => {
    const playbook = {
      uuid: 'p',
      name: 'P',
      nodes: {
        '0': { type: 'trigger', name: 'New alert', module_uuid: 'sek', trigger_uuid: 'created', outputs: { default: ['1'] } },
        '1': { type: 'action', module_uuid: 'sek', action_uuid: 'get', outputs: { default: ['2'] } },
        '2': { type: 'action', name: 'Call', module_uuid: 'http', action_uuid: 'req', outputs: { default: ['3'] } },
        '3': { type: 'action', name: 'Done', module_uuid: 'sek', action_uuid: 'get', module_configuration_uuid: 'cfg-1', outputs: { default: [] } },
        '4': { type: 'operator', subtype: 'condition', outputs: {} },
      },
    } as unknown as SplPlaybook;
    const items = configurationChecklist(playbook, buildCatalogIndex(catalog));
    expect(items.map((i) => [i.nodeId, i.name, i.moduleName])).toEqual([
      ['0', 'New alert', 'Sekoia.io'],
      ['1', 'Get Alert', 'Sekoia.io'],
    ]);
  });

  it('says whether a configuration schema has fields', () => {
    expect(moduleNeedsConfiguration({ properties: { a: {} } })).toBe(true);
    expect(moduleNeedsConfiguration({ properties: {} })).toBe(false);
    expect(moduleNeedsConfiguration(null)).toBe(false);
  });
});
