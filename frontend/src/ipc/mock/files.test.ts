import { describe, expect, it } from 'vitest';

import type { PlaybookSummary } from '../bindings/PlaybookSummary';
import { MockBackend } from './backend';
import { jsonErrorPosition } from './files';

const TRIAGE = { id: 'pb-1', name: 'Triage', content: { name: 'Triage', custom: { kept: true }, nodes: { '0': { type: 'trigger', outputs: { default: [] } } } } };

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the command to fail');
}

describe('file dialogs in the in-memory backend', () => {
  it('answers with the preset paths in order, then as cancelled', () => {
    const backend = new MockBackend({ dialogAnswers: ['/a.json'] });
    backend.chooseNext('/b.json');
    expect(backend.handle('plugin:dialog|open', { options: {} })).toBe('/a.json');
    expect(backend.handle('plugin:dialog|save', { options: { defaultPath: 'x.json' } })).toBe('/b.json');
    expect(backend.handle('plugin:dialog|open', { options: {} })).toBeNull();
  });
});

describe('import and export in the in-memory backend', () => {
  it('exports a playbook as SPL JSON and imports it back as a new version (same uuid)', () => {
    const backend = new MockBackend({ playbooks: [TRIAGE] });
    expect(backend.handle('export_playbook_file', { id: 'pb-1', path: '/tmp/triage.json' })).toBeNull();
    const text = backend.readFile('/tmp/triage.json') ?? '';
    expect(JSON.parse(text)).toEqual({ ...TRIAGE.content, description: '', uuid: 'pb-1' });
    expect(text.endsWith('\n')).toBe(true);

    // The exported file carries what the store added (an empty description): it differs, so
    // the import asks, then adds a version when told to.
    expect(() => backend.handle('import_playbook_file', { path: '/tmp/triage.json' })).toThrow(/already here \(version 1\)/);
    const imported = backend.handle('import_playbook_file', { path: '/tmp/triage.json', whenExists: 'new_version' }) as PlaybookSummary;
    expect([imported.id, imported.version, imported.node_count]).toEqual(['pb-1', 2, 1]);
    const again = backend.handle('import_playbook_file', { path: '/tmp/triage.json' }) as PlaybookSummary;
    expect(again.version).toBe(2);
    expect(backend.content('pb-1').custom).toEqual({ kept: true });
  });

  it('imports a file without a uuid as a new playbook', () => {
    const backend = new MockBackend({ files: { '/in.json': JSON.stringify({ name: 'Fresh', nodes: {} }) } });
    const imported = backend.handle('import_playbook_file', { path: '/in.json' }) as PlaybookSummary;
    expect([imported.name, imported.version]).toEqual(['Fresh', 1]);
    expect(backend.content(imported.id).uuid).toBe(imported.id);
  });

  it('rejects invalid files with each problem on its own line with line and column', () => {
    const backend = new MockBackend({
      files: {
        '/broken.json': '{\n  "name": "x",\n  "nodes": {\n}',
        '/shape.json': '{\n  "name": "x",\n  "nodes": {\n    "1": {"type": "action"},\n    "2": 5\n  }\n}',
      },
    });
    const broken = errorOf(() => backend.handle('import_playbook_file', { path: '/broken.json' }));
    expect(broken.code).toBe('invalid_playbook');
    expect(broken.message).toMatch(/^\/broken.json: line 4, column 2: not valid JSON/);
    expect(broken.message.split('\n')).toHaveLength(1);

    const shape = errorOf(() => backend.handle('import_playbook_file', { path: '/shape.json' }));
    expect(shape.message.split('\n')).toEqual([
      '/shape.json: line 4, column 5: node 1: outputs: required (at least {"default": []})',
      '/shape.json: line 5, column 5: node 2: expected an object',
    ]);
    expect(errorOf(() => backend.handle('import_playbook_file', { path: '/none.json' })).code).toBe('not_found');
    expect(backend.handle('list_playbooks')).toEqual([]);
  });

  it('refuses to export a playbook that does not exist', () => {
    const backend = new MockBackend();
    expect(errorOf(() => backend.handle('export_playbook_file', { id: 'nope', path: '/x.json' })).code).toBe('not_found');
  });
});

describe('jsonErrorPosition', () => {
  it('reads both of V8’s ways of saying where parsing stopped', () => {
    expect(jsonErrorPosition('{\n "a": }', 'Unexpected token } in JSON at position 8')).toEqual({ line: 2, column: 7 });
    expect(jsonErrorPosition('', 'Unexpected token (line 3 column 9)')).toEqual({ line: 3, column: 9 });
    expect(jsonErrorPosition('{\n', 'Unexpected end of JSON input')).toEqual({ line: 2, column: 1 });
  });
});
