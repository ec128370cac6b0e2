import { describe, expect, it } from 'vitest';

import { HISTORY_LIMIT, historyKey, readHistory, withEntry } from './history';

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(initial));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('tester history', () => {
  it('keys the list by playbook', () => {
    expect(historyKey('pb-1')).toBe('playbook-studio.tester-history.pb-1');
  });

  it('puts the newest first, once, and keeps the last 20', () => {
    let list: string[] = [];
    for (let i = 0; i < 25; i += 1) list = withEntry(list, `{{ ${i} }}`);
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]).toBe('{{ 24 }}');
    expect(list[HISTORY_LIMIT - 1]).toBe('{{ 5 }}');
    expect(withEntry(list, '{{ 10 }}').slice(0, 2)).toEqual(['{{ 10 }}', '{{ 24 }}']);
    expect(withEntry(list, '{{ 10 }}').filter((e) => e === '{{ 10 }}')).toHaveLength(1);
  });

  it('reads a stored list and treats a broken or missing one as empty', () => {
    const storage = memoryStorage({
      [historyKey('ok')]: JSON.stringify(['{{ a }}', 3, '{{ b }}']),
      [historyKey('broken')]: '{not json',
      [historyKey('object')]: '{"a": 1}',
    });
    expect(readHistory(storage, 'ok')).toEqual(['{{ a }}', '{{ b }}']);
    expect(readHistory(storage, 'broken')).toEqual([]);
    expect(readHistory(storage, 'object')).toEqual([]);
    expect(readHistory(storage, 'missing')).toEqual([]);
    expect(readHistory(undefined, 'ok')).toEqual([]);
  });
});
