import { describe, expect, it } from 'vitest';

import { builtinCatalog } from '../../../test/fixtures';
import { buildCatalogIndex } from '../catalog/catalogIndex';
import { newNodeFor, paletteItems, searchPalette } from './paletteItems';

const items = paletteItems(buildCatalogIndex(builtinCatalog()));
const byName = (name: string) => items.find((i) => i.name === name)!;

describe('palette', () => {
  it('has the three families in order, with every operator', () => {
    const families = items.map((i) => i.family);
    expect(families.indexOf('action')).toBeGreaterThan(families.lastIndexOf('trigger'));
    expect(families.indexOf('operator')).toBeGreaterThan(families.lastIndexOf('action'));
    expect(items.filter((i) => i.family === 'operator').map((i) => i.subtype)).toEqual(['condition', 'store', 'foreach', 'any', 'all']);
  });

  it('searches names, modules and descriptions, name matches first', () => {
    expect(searchPalette(items, 'get alert')[0].name).toBe('Get Alert');
    expect(searchPalette(items, 'Alert Created')[0].name).toBe('Alert Created');
    expect(searchPalette(items, 'sekoia').every((i) => i.moduleName === 'Sekoia.io' || i.description.toLowerCase().includes('sekoia'))).toBe(true);
    expect(searchPalette(items, 'per item').map((i) => i.name)).toContain('Foreach');
    expect(searchPalette(items, 'no such block zzz')).toEqual([]);
    expect(searchPalette(items, '  ')).toHaveLength(items.length);
  });

  it('inserts nodes in the platform’s shape', () => {
    const getAlert = byName('Get Alert');
    expect(newNodeFor(getAlert)).toEqual({
      type: 'action',
      name: 'Get Alert',
      module_uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a',
      action_uuid: '8d189665-5401-4098-8d60-944de9a6199a',
      arguments: {},
      outputs: { default: [] },
    });
    expect(newNodeFor(byName('Alert Created'))).toEqual({
      type: 'trigger',
      name: 'Alert Created',
      module_uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a',
      trigger_uuid: '785583cf-4377-43ce-a5fb-f4572eb57456',
      outputs: { default: [] },
    });
    expect(newNodeFor(byName('Condition'))).toEqual({ type: 'operator', subtype: 'condition', name: 'Condition', cases: [], outputs: { else: [] } });
    expect(newNodeFor(byName('Store'))).toEqual({ type: 'operator', subtype: 'store', name: 'Store', modifications: [], outputs: { default: [] } });
    expect(newNodeFor(byName('Foreach'))).toEqual({ type: 'operator', subtype: 'foreach', name: 'Foreach', items: '', loop: [], outputs: { default: [] } });
    expect(newNodeFor(byName('Any'))).toEqual({ type: 'operator', subtype: 'any', name: 'Any', outputs: { default: [] } });
    expect(newNodeFor(byName('All'))).toEqual({ type: 'operator', subtype: 'all', name: 'All', outputs: { default: [] } });
  });
});
