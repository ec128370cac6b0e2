import { beforeEach, describe, expect, it, vi } from 'vitest';

import { addTestFromRun, listTests, runTests, saveTests, type TestCase, type TestResult } from '../../ipc';
import { testsStore } from './testsStore';

vi.mock('../../ipc', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../ipc')>()),
  listTests: vi.fn(),
  saveTests: vi.fn(),
  runTests: vi.fn(),
  addTestFromRun: vi.fn(),
}));

const test = (name: string): TestCase => ({ name, event: {}, mock: 'all', pins: {}, expect: { nodes: {}, values: [] } });
const result = (name: string, passed: boolean): TestResult => ({ name, passed, run_id: `run-${name}`, failures: [], duration_ms: 3 });

beforeEach(() => {
  vi.mocked(listTests).mockReset().mockResolvedValue([test('a'), test('b')]);
  vi.mocked(saveTests).mockReset().mockResolvedValue(null);
  vi.mocked(runTests).mockReset();
  vi.mocked(addTestFromRun).mockReset();
  testsStore.setState({ playbookId: null, tests: [], results: {}, running: [], error: null });
});

describe('testsStore', () => {
  it('keeps the last result of each test by name, across single and whole runs', async () => {
    await testsStore.getState().open('pb');
    vi.mocked(runTests).mockResolvedValueOnce([result('a', true), result('b', false)]);
    await testsStore.getState().run(null);
    expect(runTests).toHaveBeenLastCalledWith('pb', null);
    vi.mocked(runTests).mockResolvedValueOnce([result('b', true)]);
    await testsStore.getState().run(['b']);
    const { results, running } = testsStore.getState();
    expect([results.a.passed, results.b.passed, running]).toEqual([true, true, []]);
  });

  it('says why a run of the tests was refused, and is ready again', async () => {
    await testsStore.getState().open('pb');
    vi.mocked(runTests).mockRejectedValueOnce({ code: 'refused', message: 'a run is already in progress' });
    await testsStore.getState().run(null);
    expect(testsStore.getState().error?.message).toBe('a run is already in progress');
    expect(testsStore.getState().running).toEqual([]);
  });

  it('deletes a test by writing the list without it, and forgets its result', async () => {
    await testsStore.getState().open('pb');
    testsStore.setState({ results: { a: result('a', false) } });
    await testsStore.getState().remove('a');
    expect(saveTests).toHaveBeenCalledWith('pb', [test('b')]);
    expect(testsStore.getState().tests.map((t) => t.name)).toEqual(['b']);
    expect(testsStore.getState().results.a).toBeUndefined();
  });

  it('reads the list again after a run was saved as a test', async () => {
    await testsStore.getState().open('pb');
    vi.mocked(addTestFromRun).mockResolvedValueOnce(test('c'));
    vi.mocked(listTests).mockResolvedValueOnce([test('a'), test('b'), test('c')]);
    expect((await testsStore.getState().addFromRun('run-1'))?.name).toBe('c');
    expect(testsStore.getState().tests.map((t) => t.name)).toEqual(['a', 'b', 'c']);
  });
});
