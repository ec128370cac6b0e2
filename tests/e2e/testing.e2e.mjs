// Playbook tests and run comparison in the real app: a run saved as a test passes in the
// Tests tab; once the condition's threshold is raised the test fails naming the block and
// both branches (the words `playbook test` prints); "Compare with…" on the failing test's
// run names the first node run that differs; that run exported as a bundle and imported back
// shows read-only.

import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assert, endAllSessions, invoke, launchApp, openDesigner, ROW_TIMEOUT_MS, saveScreenshot, test, testId, waitForPage } from './harness.mjs';
import { runFromDialog, waitForRunEnd } from './runs.e2e.mjs';

async function click(browser, selector, what = selector) {
  const element = await browser.$(selector);
  await element.waitForClickable({ timeout: 10_000, timeoutMsg: `${what} is not there to click` });
  await element.click();
}

const testState = (browser, name) => browser.execute((n) => document.querySelector(`[data-test-name="${CSS.escape(n)}"]`)?.getAttribute('data-test-result') ?? null, name);

export function register() {
  test('a run saved as a test passes in the Tests tab, fails naming the branch once the condition changes, and Compare with… names the first difference', async () => {
    await endAllSessions();
    await sleep(1_000);
    const browser = await launchApp();
    const created = await invoke(browser, 'create_from_template', { slug: 'triage-high-urgency-alerts', name: 'E2E tested triage' });
    await browser.refresh();
    await waitForPage(browser, `"${created.name}" in the list`, ROW_TIMEOUT_MS, (p) => p.rows.some((r) => r.id === created.id));
    await openDesigner(browser, created);

    // The run dialog opens with the template's event and pins.
    await runFromDialog(browser, 'all');
    const first = await waitForRunEnd(browser);
    assert(first.status === 'succeeded', `the first run ended ${first.status}`);
    await click(browser, '[data-action="run-more"]', 'More');
    await click(browser, '[data-action="save-run-as-test"]', 'Save as test');
    await browser.waitUntil(async () => /Saved as the test/.test(await browser.execute(() => document.querySelector('[data-testid="run-saved-as-test"]')?.textContent ?? '')), { timeout: 10_000, timeoutMsg: 'no word that the run was saved as a test' });

    await click(browser, testId('tab-tests'), 'the Tests tab');
    // The template's own test, and the run just saved.
    const tests = await invoke(browser, 'list_tests', { playbookId: created.id });
    assert(tests.length === 2 && tests[0].name === "the template's sample", `two tests stored: ${JSON.stringify(tests.map((t) => t.name))}`);
    const name = tests[1].name;
    await click(browser, '[data-action="run-tests"]', 'Run all');
    await browser.waitUntil(async () => (await testState(browser, name)) === 'passed', { timeout: 30_000, timeoutMsg: `the saved test did not pass: ${await testState(browser, name)}` });

    // Raise the threshold behind the designer's back, then open the playbook again.
    await click(browser, testId('back-to-playbooks'), 'back to the playbooks');
    const doc = await invoke(browser, 'get_playbook', { id: created.id });
    doc.content.nodes['2'].cases[0].right = '{{ 101 }}';
    await invoke(browser, 'save_playbook', { id: created.id, content: doc.content, summary: 'raised the threshold' });
    await openDesigner(browser, created);
    await click(browser, testId('tab-tests'), 'the Tests tab');
    await click(browser, '[data-action="run-tests"]', 'Run all');
    await browser.waitUntil(async () => (await testState(browser, name)) === 'failed', { timeout: 30_000, timeoutMsg: 'the test did not fail after the change' });
    const failure = await browser.execute(() => document.querySelector('[data-testid="test-failure"]')?.textContent ?? '');
    assert(failure.includes('“Urgency 70 or more?” (2): expected the branch `Urgent`, took `else`'), `the failure names the block and both branches: ${failure}`);
    await saveScreenshot(browser, 'tests-tab');

    // The failing test's run against the passing one: the condition is the first difference.
    await click(browser, '[data-test-result="failed"] [data-action="open-test-run"]', 'Open its run');
    await waitForRunEnd(browser, first.id);
    await click(browser, '[data-action="run-more"]', 'More');
    await click(browser, '[data-action="compare-run"]', 'Compare with…');
    await (await browser.$('[data-panel="run-comparison"]')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the comparison did not open' });
    // Against the first run (the one saved as the test).
    const picker = await browser.$('[data-field="compare-with"]');
    await browser.waitUntil(async () => (await browser.execute((id) => [...document.querySelectorAll('[data-field="compare-with"] option')].some((o) => o.value === id), first.id)), { timeout: 10_000, timeoutMsg: 'the first run is not offered' });
    await picker.selectByAttribute('value', first.id);
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('[data-diff-node]')?.getAttribute('data-diff-node') ?? null)) === '2', {
      timeout: 10_000,
      timeoutMsg: 'the first difference shown is not the condition (node 2)',
    });
    const firstDifference = await browser.execute(() => document.querySelector('[data-testid="first-difference"]')?.textContent ?? '');
    assert(firstDifference.includes('Urgency 70 or more?'), `the first difference names the condition: ${firstDifference}`);
    await saveScreenshot(browser, 'run-comparison');

    // That run as a bundle, imported back: shown read-only, without rerun buttons.
    const shownRun = await browser.execute(() => document.querySelector('[data-run-id]')?.getAttribute('data-run-id') ?? '');
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'e2e-bundle-')), 'run.bundle.json');
    await invoke(browser, 'export_run_bundle', { runId: shownRun, path: file });
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    assert(bundle.format === 'playbook-studio-run-bundle/1' && bundle.run.id === shownRun, 'the bundle holds the run');
    const imported = await invoke(browser, 'import_run_bundle', { path: file });
    assert(imported.playbook_id === created.id, 'the bundle’s playbook is the one here');
    await browser.keys(['Escape']);
    await click(browser, testId('tab-runs'), 'the Runs tab');
    await click(browser, `[data-run-row="${imported.run_id}"]`, 'the imported run');
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('[data-run-id]')?.getAttribute('data-run-id'))) === imported.run_id, { timeout: 10_000, timeoutMsg: 'the imported run is not shown' });
    const bar = await browser.execute(() => document.querySelector('[data-testid="run-bar"]')?.textContent ?? '');
    assert(bar.includes('Imported bundle (read-only)'), `the run bar says the run is imported: ${bar}`);
    const reruns = await browser.execute(() => document.querySelectorAll('[data-action="rerun"], [data-action="rerun-all"], [data-action="rerun-failed"]').length);
    assert(reruns === 0, 'an imported run offers no rerun');
  });
}
