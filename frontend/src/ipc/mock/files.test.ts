import { describe, expect, it } from 'vitest';

import type { PlaybookSummary } from '../bindings/PlaybookSummary';
import { MockBackend } from './backend';
import brokenFile from '../../../e2e/fixtures/import/broken.json?raw';

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

  it('rejects an invalid file with the core’s own answer (structured problems, the path the test chose)', () => {
    const text = brokenFile;
    const backend = new MockBackend({ files: { '/tmp/b.json': text, '/tmp/unknown.json': '{"name": ' } });
    const broken = errorOf(() => backend.handle('import_playbook_file', { path: '/tmp/b.json' })) as { code: string; message: string; path?: string; diagnostics?: Array<{ node: string | null; field: string | null }> };
    expect(broken.code).toBe('invalid_playbook');
    expect(broken.path).toBe('/tmp/b.json');
    expect(broken.message.startsWith('/tmp/b.json: node 1: outputs:')).toBe(true);
    expect(broken.diagnostics?.map((d) => [d.node, d.field])).toEqual([['1', 'outputs'], ['1', 'module_uuid'], ['1', 'action_uuid'], ['2', 'type']]);
    // A file the generator never saw is not judged by a rule of the backend's own.
    expect(errorOf(() => backend.handle('import_playbook_file', { path: '/tmp/unknown.json' })).message).toMatch(/no golden answer/);
    expect(errorOf(() => backend.handle('import_playbook_file', { path: '/none.json' })).code).toBe('not_found');
    expect(backend.handle('list_playbooks')).toEqual([]);
  });

  it('refuses to export a playbook that does not exist', () => {
    const backend = new MockBackend();
    expect(errorOf(() => backend.handle('export_playbook_file', { id: 'nope', path: '/x.json' })).code).toBe('not_found');
  });
});
