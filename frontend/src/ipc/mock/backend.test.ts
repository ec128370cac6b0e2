import { describe, expect, it } from 'vitest';

import { builtinCatalog } from '../../test/fixtures';
import { MockBackend, validate } from './backend';

describe('the in-memory backend', () => {
  it('implements the playbook commands with versions', () => {
    const backend = new MockBackend({ catalog: builtinCatalog() });
    const created = backend.handle('create_playbook', { input: { name: 'A', description: 'd' } }) as { id: string; version: number };
    expect(created.version).toBe(1);
    const doc = backend.handle('get_playbook', { id: created.id }) as { content: { nodes: object } };
    expect(doc.content.nodes).toEqual({});
    backend.handle('save_playbook', { id: created.id, content: { ...doc.content, nodes: { '0': { type: 'trigger', outputs: { default: [] } } } }, summary: 'added T' });
    const versions = backend.handle('list_versions', { id: created.id }) as Array<{ version: number; summary: string; node_count: number }>;
    expect(versions.map((v) => [v.version, v.summary, v.node_count])).toEqual([
      [2, 'added T', 1],
      [1, 'created', 0],
    ]);
    const restored = backend.handle('restore_version', { id: created.id, version: 1 }) as { version: number; node_count: number };
    expect([restored.version, restored.node_count]).toEqual([3, 0]);
    const copy = backend.handle('duplicate_playbook', { id: created.id }) as { id: string; name: string };
    expect(copy.name).toBe('A (copy)');
    expect((backend.handle('rename_playbook', { id: copy.id, name: 'B' }) as { name: string }).name).toBe('B');
    expect(backend.handle('delete_playbook', { id: created.id })).toBeNull();
    expect(() => backend.handle('get_playbook', { id: created.id })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('validates: trigger, links, required arguments, operators', () => {
    const diagnostics = validate(
      {
        nodes: {
          '1': { type: 'action', module_uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a', action_uuid: '8d189665-5401-4098-8d60-944de9a6199a', arguments: {}, outputs: { default: ['9'] } },
          '2': { type: 'operator', subtype: 'foreach', items: '', loop: [], outputs: { default: [] } },
        },
      },
      builtinCatalog(),
    );
    expect(diagnostics.map((d) => [d.severity, d.node, d.field])).toEqual([
      ['error', '1', 'outputs.default'],
      ['error', '1', 'arguments.uuid'],
      ['error', '2', 'items'],
      ['error', null, 'nodes'],
      ['warning', '1', null],
      ['warning', '2', null],
    ]);
  });
});
