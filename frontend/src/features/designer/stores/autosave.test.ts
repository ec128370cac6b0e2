import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { PlaybookSummary } from '../../../ipc';
import { addNode } from '../spl/edits';
import { createAutosaver, createSaveStatusStore } from './autosave';
import { createDocumentStore } from './documentStore';

const summary: PlaybookSummary = { id: 'pb', name: 'P', description: '', tags: [], node_count: 0, version: 1, updated_at: '', remote_uuid: null };

function setup(save: (id: string, content: unknown, summary: string) => Promise<PlaybookSummary>) {
  const document = createDocumentStore();
  document.getState().load({ summary, content: { nodes: {} } });
  const status = createSaveStatusStore();
  const saver = createAutosaver({ document, status, save, delayMs: 800, retryMs: 2000 });
  const add = (name: string) =>
    document.getState().apply((pb) => addNode(pb, { type: 'action', name, outputs: { default: [] } }, { x: 0, y: 0 }).playbook, `added ${name}`);
  return { document, status, saver, add };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosave', () => {
  it('saves once, 800 ms after the last edit, with a summary of the edits', async () => {
    const save = vi.fn(async () => ({ ...summary, version: 2 }));
    const { status, add } = setup(save);
    add('A');
    expect(status.getState().status).toBe('pending');
    await vi.advanceTimersByTimeAsync(500);
    add('B');
    await vi.advanceTimersByTimeAsync(799);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    const [id, content, text] = save.mock.calls[0] as unknown as [string, { nodes: Record<string, unknown> }, string];
    expect(id).toBe('pb');
    expect(Object.keys(content.nodes)).toEqual(['0', '1']);
    expect(text).toBe('added A, added B');
    expect(status.getState().status).toBe('saved');
  });

  it('keeps the edits after a failed save and retries until it succeeds', async () => {
    const save = vi
      .fn<(id: string, content: unknown, summary: string) => Promise<PlaybookSummary>>()
      .mockRejectedValueOnce({ code: 'store', message: 'disk full' })
      .mockResolvedValue({ ...summary, version: 2 });
    const { document, status, add } = setup(save);
    add('A');
    await vi.advanceTimersByTimeAsync(800);
    expect(status.getState().status).toBe('error');
    expect(status.getState().error?.message).toBe('disk full');
    expect(document.getState().revision).toBeGreaterThan(document.getState().savedRevision);

    add('B'); // edited while failing: the retry carries both edits
    await vi.advanceTimersByTimeAsync(800);
    expect(save).toHaveBeenCalledTimes(2);
    const [, content, text] = save.mock.calls[1] as unknown as [string, { nodes: Record<string, unknown> }, string];
    expect(Object.keys(content.nodes)).toEqual(['0', '1']);
    expect(text).toBe('added A, added B');
    expect(status.getState().status).toBe('saved');
    expect(document.getState().pending).toEqual([]);
  });

  it('retries by itself after a failure', async () => {
    const save = vi
      .fn<(id: string, content: unknown, summary: string) => Promise<PlaybookSummary>>()
      .mockRejectedValueOnce(new Error('boom'))
      .mockResolvedValue(summary);
    const { status, add } = setup(save);
    add('A');
    await vi.advanceTimersByTimeAsync(800);
    expect(status.getState().status).toBe('error');
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(status.getState().status).toBe('saved');
  });

  it('saves edits made during a save in a second save', async () => {
    let finish!: (s: PlaybookSummary) => void;
    const save = vi
      .fn<(id: string, content: unknown, summary: string) => Promise<PlaybookSummary>>()
      .mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)))
      .mockResolvedValue(summary);
    const { document, saver, add } = setup(save);
    add('A');
    await vi.advanceTimersByTimeAsync(800);
    add('B');
    finish(summary);
    await vi.advanceTimersByTimeAsync(0);
    expect(document.getState().pending).toEqual(['added B']);
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][2]).toBe('added B');
    expect(document.getState().revision).toBe(document.getState().savedRevision);
  });

  it('flush saves at once and does nothing when all is saved', async () => {
    const save = vi.fn(async () => summary);
    const { saver, add } = setup(save);
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).not.toHaveBeenCalled();
    add('A');
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
