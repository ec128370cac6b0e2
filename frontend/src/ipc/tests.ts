/**
 * Playbook tests (stored with the playbook, `<playbook>.tests.json` beside its export) and
 * the comparison of two runs.
 */
import { invoke } from '@tauri-apps/api/core';

import type { RunComparison } from './bindings/RunComparison';
import type { TestCase } from './bindings/TestCase';
import type { TestResult } from './bindings/TestResult';

export type { RunComparison, TestCase, TestResult };
export type { JsonChange } from './bindings/JsonChange';
export type { NodeDifference } from './bindings/NodeDifference';
export type { TestFailure } from './bindings/TestFailure';

export function listTests(playbookId: string): Promise<TestCase[]> {
  return invoke<TestCase[]>('list_tests', { playbookId });
}

/** Replaces the playbook's tests (names must be distinct). */
export function saveTests(playbookId: string, tests: TestCase[]): Promise<null> {
  return invoke<null>('save_tests', { playbookId, tests });
}

/** "Save this run as a test": its event and results become pins, its outcome expectations. */
export function addTestFromRun(runId: string, name: string | null = null): Promise<TestCase> {
  return invoke<TestCase>('add_test_from_run', { runId, name });
}

/** Runs the playbook's tests (those named, or all); refused while another local run goes. */
export function runTests(playbookId: string, names: string[] | null = null): Promise<TestResult[]> {
  return invoke<TestResult[]>('run_tests', { playbookId, names });
}

/** What differs between two runs, the first difference first. */
export function compareRuns(first: string, second: string): Promise<RunComparison> {
  return invoke<RunComparison>('compare_runs', { first, second });
}
