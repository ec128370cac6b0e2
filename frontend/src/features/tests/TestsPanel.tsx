/**
 * The Tests tab: the playbook's tests, run one or all; each shows green or red, its first
 * failing expectation with the expected and actual values, and opens the run it made in the
 * RUN view. A test's JSON (event, pins, expectations: docs/TESTS.md) can be edited in place.
 */
import { useEffect, useState } from 'react';

import { ActionError } from '../../components/ActionError';
import type { TestCase, TestResult } from '../../ipc';
import { showRun } from '../runs/runActions';
import { testsStore, useTests } from './testsStore';
import './tests.css';

export function TestsPanel({ playbookId }: { playbookId: string }) {
  const tests = useTests((s) => s.tests);
  const results = useTests((s) => s.results);
  const running = useTests((s) => s.running);
  const error = useTests((s) => s.error);

  useEffect(() => {
    void testsStore.getState().open(playbookId);
  }, [playbookId]);

  const passed = tests.filter((t) => results[t.name]?.passed === true).length;
  const failed = tests.filter((t) => results[t.name]?.passed === false).length;

  return (
    <div className="tests-panel" data-panel="tests">
      <div className="tests-panel__header">
        <p className="runs-panel__count" data-testid="tests-summary">
          {tests.length === 0 ? 'No test yet' : `${tests.length} test${tests.length === 1 ? '' : 's'}${passed + failed > 0 ? ` · ${passed} passed, ${failed} failed` : ''}`}
        </p>
        <button type="button" className="button button--small button--primary" disabled={tests.length === 0 || running.length > 0} onClick={() => void testsStore.getState().run(null)} data-action="run-tests">
          {running.length > 0 ? 'Running…' : 'Run all'}
        </button>
      </div>
      {error !== null && <ActionError error={error} testId="tests-error" />}
      {tests.length === 0 && (
        <div className="panel-empty" data-testid="tests-empty">
          <p className="panel-empty__title">Turn a run into a test</p>
          <p>Run the playbook, then press “Save as test” on the run bar: its event and results become the test’s input, its statuses and branches what the test expects.</p>
        </div>
      )}
      <ul className="tests-list" aria-label="Tests">
        {tests.map((t) => (
          <TestRow key={t.name} test={t} result={results[t.name]} running={running.includes(t.name)} />
        ))}
      </ul>
    </div>
  );
}

function TestRow({ test, result, running }: { test: TestCase; result: TestResult | undefined; running: boolean }) {
  const [editing, setEditing] = useState(false);
  const state = running ? 'running' : result === undefined ? 'not-run' : result.passed ? 'passed' : 'failed';
  const first = result?.failures[0];
  return (
    <li className={`test-row test-row--${state}`} data-test-name={test.name} data-test-result={state}>
      <div className="test-row__line">
        <span className={`run-pill run-pill--${state === 'passed' ? 'succeeded' : state === 'failed' ? 'failed' : 'running'}`}>{state === 'not-run' ? 'not run' : state}</span>
        <span className="test-row__name" title={test.name}>
          {test.name}
        </span>
        <button type="button" className="button button--small" disabled={running} onClick={() => void testsStore.getState().run([test.name])} data-action="run-test">
          Run
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => setEditing(!editing)} aria-expanded={editing} data-action="edit-test">
          Edit
        </button>
        <button type="button" className="button button--small button--ghost button--danger-text" onClick={() => void testsStore.getState().remove(test.name)} aria-label={`Delete the test ${test.name}`} data-action="delete-test">
          ×
        </button>
      </div>
      <p className="test-row__meta">
        {Object.keys(test.expect.nodes).length} block expectations · {test.expect.values.length} value checks · {Object.keys(test.pins).length} pinned · mock {test.mock}
      </p>
      {first !== undefined && (
        <div className="test-row__failure" data-testid="test-failure">
          <p>{first.message}</p>
          <p className="test-row__values">
            expected <code>{first.expected}</code>, got <code>{first.actual}</code>
            {result!.failures.length > 1 && ` (+${result!.failures.length - 1} more)`}
          </p>
        </div>
      )}
      {result?.run_id != null && (
        <button type="button" className="button button--small button--ghost" onClick={() => void showRun(result.run_id!)} data-action="open-test-run">
          Open its run
        </button>
      )}
      {editing && <TestEditor test={test} onDone={() => setEditing(false)} />}
    </li>
  );
}

/** The test as JSON, checked on save (the core refuses an unreadable test with its reason). */
function TestEditor({ test, onDone }: { test: TestCase; onDone: () => void }) {
  const [text, setText] = useState(() => JSON.stringify(test, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    let next: TestCase;
    try {
      next = JSON.parse(text) as TestCase;
    } catch (e) {
      setProblem(`Not JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    if (typeof next.name !== 'string' || next.name.trim() === '') {
      setProblem('The test needs a "name".');
      return;
    }
    if (await testsStore.getState().replace(test.name, next)) onDone();
    else setProblem(testsStore.getState().error?.message ?? 'The test could not be saved.');
  };
  return (
    <div className="test-editor">
      <textarea className="input input--multiline test-editor__text" rows={14} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} aria-label={`The test ${test.name} as JSON`} data-field="test-json" />
      {problem !== null && <p className="field__error">{problem}</p>}
      <div className="test-editor__actions">
        <button type="button" className="button button--small button--primary" onClick={() => void save()} data-action="save-test">
          Save
        </button>
        <button type="button" className="button button--small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}
