import { describe, expect, it } from 'vitest';

import type { CatalogModuleView, ModuleImportReport } from '../../ipc';
import { importSummary } from './catalogImport';
import { filterModules } from './filterModules';

const block = (uuid: string, name: string, description = '') => ({ uuid, name, description });
const modules: CatalogModuleView[] = [
  {
    uuid: 'm1',
    name: 'Sekoia.io',
    description: 'The SOC platform',
    version: '2.70.0',
    origin: 'builtin',
    imported_at: null,
    overrides_builtin: false,
    actions: [block('a1', 'Get Alert'), block('a2', 'Create case', 'Opens a case')],
    triggers: [block('t1', 'Alert Created')],
  },
  { uuid: 'm2', name: 'VirusTotal', description: 'File and URL reputation', version: '1.0', origin: 'import', imported_at: '2026-12-06T10:00:00Z', overrides_builtin: false, actions: [block('a3', 'Scan hash')], triggers: [] },
];

describe('filterModules', () => {
  it('keeps a module whose own text matches, with all its blocks', () => {
    expect(filterModules(modules, 'reputation').map((m) => [m.name, m.actions.length])).toEqual([['VirusTotal', 1]]);
  });

  it('keeps only the matching blocks of a module matched through them', () => {
    const found = filterModules(modules, 'case');
    expect(found.map((m) => m.name)).toEqual(['Sekoia.io']);
    expect(found[0].actions.map((b) => b.name)).toEqual(['Create case']);
    expect(found[0].triggers).toEqual([]);
  });

  it('returns everything for an empty query and nothing when no word matches', () => {
    expect(filterModules(modules, '  ')).toHaveLength(2);
    expect(filterModules(modules, 'alert hash')).toEqual([]);
  });
});

describe('importSummary', () => {
  const report = (folder: string, imported: boolean, actions: number, skipped: string[] = []): ModuleImportReport => ({ folder, name: folder, uuid: null, imported, actions, triggers: 0, skipped });
  it('counts modules and blocks, and says what was skipped', () => {
    expect(importSummary([report('A', true, 3), report('B', true, 1, ['action_x.json: uuid missing']), report('C', false, 0, ['manifest.json: not JSON'])])).toBe(
      '2 modules imported (4 blocks), 1 skipped, 1 with files skipped',
    );
    expect(importSummary([report('A', true, 1)])).toBe('1 module imported (1 block)');
  });
});
