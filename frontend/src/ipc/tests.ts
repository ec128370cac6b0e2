/**
 * Playbook tests (stored with the playbook, `<playbook>.tests.json` beside its export), the
 * comparison of two runs, and run bundles.
 */

import type { ImportedBundle } from './bindings/ImportedBundle';
import type { RunComparison } from './bindings/RunComparison';
import type { TestCase } from './bindings/TestCase';
import type { TestResult } from './bindings/TestResult';
import { call } from './call';

export type { ImportedBundle, RunComparison, TestCase, TestResult };
export type { JsonChange } from './bindings/JsonChange';
export type { NodeDifference } from './bindings/NodeDifference';
export type { TestFailure } from './bindings/TestFailure';

export function listTests(playbookId: string): Promise<TestCase[]> {
  return call<TestCase[]>('list_tests', { playbookId });
}

/** Replaces the playbook's tests (names must be distinct). */
export function saveTests(playbookId: string, tests: TestCase[]): Promise<null> {
  return call<null>('save_tests', { playbookId, tests });
}

/** "Save this run as a test": its event and results become pins, its outcome expectations. */
export function addTestFromRun(runId: string, name: string | null = null): Promise<TestCase> {
  return call<TestCase>('add_test_from_run', { runId, name });
}

/** Runs the playbook's tests (those named, or all); refused while another local run goes. */
export function runTests(playbookId: string, names: string[] | null = null): Promise<TestResult[]> {
  return call<TestResult[]>('run_tests', { playbookId, names });
}

/** What differs between two runs, the first difference first. */
export function compareRuns(first: string, second: string): Promise<RunComparison> {
  return call<RunComparison>('compare_runs', { first, second });
}

/** Writes a run bundle (the run, its playbook version, its CODE JSON; secrets replaced). */
export function exportRunBundle(runId: string, path: string): Promise<null> {
  return call<null>('export_run_bundle', { runId, path });
}

/** Imports a run bundle: its playbook (when new or changed) and its run, read-only. */
export function importRunBundle(path: string): Promise<ImportedBundle> {
  return call<ImportedBundle>('import_run_bundle', { path });
}
