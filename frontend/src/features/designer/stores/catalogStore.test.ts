import { describe, expect, it } from 'vitest';

import type { Catalog } from '../../../ipc';
import { createCatalogStore } from './catalogStore';

const module = (uuid: string, name: string) => ({ uuid, name, slug: name.toLowerCase(), description: '', version: '1', configuration: {}, actions: [], triggers: [], source: 'imported' });

describe('the catalogue follows changes made outside the window', () => {
  it('a refresh replaces the index only when the catalogue changed, and keeps it on failure', async () => {
    let answer: Catalog = { modules: [module('m-1', 'One')], operators: [] } as unknown as Catalog;
    let fail = false;
    const store = createCatalogStore(async () => {
      if (fail) throw new Error('store busy');
      return answer;
    });
    await store.getState().load();
    const first = store.getState().index;
    await store.getState().refresh();
    expect(store.getState().index).toBe(first);

    answer = { modules: [module('m-1', 'One'), module('m-2', 'Two')], operators: [] } as unknown as Catalog;
    await store.getState().refresh();
    const second = store.getState().index;
    expect(second).not.toBe(first);

    fail = true;
    await store.getState().refresh();
    expect(store.getState().index).toBe(second);
    expect(store.getState().status).toBe('ready');
  });
});
