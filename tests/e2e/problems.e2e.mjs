// The designer's checks in the real app: the Jinja mistakes a playbook carries are listed in
// the Problems panel — the same list `playbook validate --json` prints — and clicking one
// selects its block and puts the cursor in its field; a file with a broken link opens in the
// designer with its problem listed instead of being refused.

import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assert, blockIds, endAllSessions, invoke, launchApp, openDesigner, ROW_TIMEOUT_MS, saveScreenshot, START_TIMEOUT_MS, test, waitForPage } from './harness.mjs';

const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';
const MANUAL = 'fc26eb9f-b272-4c15-b3bf-ace397c0dc57';
const GET_ALERT = '8d189665-5401-4098-8d60-944de9a6199a';

/** A chain 0 → 1 → … → 6 whose Get Alert blocks read their `uuid` the wrong ways. */
function mistakes() {
  const uuids = ['{{ node.0.alert_uuid | }}', '{{ node.0.alert_uuid | nosuchfilter }}', '{{ node.9.foo }}', '{{ nodes.0.y }}', '{{ node.6.short_id }}', '{{ node.0.alert_uuid }}'];
  const nodes = { 0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } } };
  uuids.forEach((uuid, i) => {
    const id = i + 1;
    nodes[id] = { type: 'action', name: `Get Alert ${id}`, module_uuid: SEKOIA, action_uuid: GET_ALERT, arguments: { uuid }, outputs: { default: id < 6 ? [String(id + 1)] : [] }, position: { x: 0, y: id * 150 } };
  });
  return { uuid: 'c0000000-0000-4000-8000-0000000e2e14', name: 'E2E Jinja mistakes', description: 'Five ways to get a reference wrong', nodes };
}

export function register() {
  test('Jinja mistakes are listed in Problems as `playbook validate` lists them; a click puts the cursor on the span', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-problems-'));
    const file = path.join(dir, 'mistakes.json');
    await writeFile(file, JSON.stringify(mistakes()));
    const cli = spawnSync(path.join(path.dirname(process.env.APP_BIN), 'playbook'), ['--home', dir, '--json', 'validate', file], { encoding: 'utf8' });
    assert(cli.status === 1, `playbook validate exits 1 on errors: ${cli.status} ${cli.stderr}`);
    const expected = JSON.parse(cli.stdout)[0].diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.node}|${d.field}|${d.message}`);
    assert(expected.length === 5, `the CLI lists the five mistakes: ${JSON.stringify(expected)}`);

    const browser = await launchApp();
    const summary = await invoke(browser, 'import_playbook_file', { path: file });
    await browser.refresh();
    await waitForPage(browser, `"${summary.name}" in the list`, ROW_TIMEOUT_MS, (p) => p.rows.some((r) => r.id === summary.id));
    await openDesigner(browser, summary);
    const rows = () =>
      browser.execute(() =>
        [...document.querySelectorAll('[data-testid="diagnostic"]')]
          .filter((r) => r.querySelector('[aria-label="error"]') !== null)
          .map((r) => `${r.getAttribute('data-node')}|${r.getAttribute('data-field')}|${r.querySelector('.problems__message')?.textContent ?? ''}`),
      );
    let shown = [];
    await browser.waitUntil(async () => (shown = await rows()).length === expected.length, { timeout: 15_000, timeoutMsg: `the Problems panel did not list the five mistakes: ${JSON.stringify(shown)}` });
    assert(JSON.stringify(shown) === JSON.stringify(expected), `Problems and the CLI differ:\n${JSON.stringify(shown)}\n${JSON.stringify(expected)}`);
    await saveScreenshot(browser, 'problems-jinja');

    // The unknown filter of block 2: its field gets the focus, the cursor on the filter's name.
    await (await browser.$('[data-testid="diagnostic"][data-node="2"][data-field="arguments.uuid"]')).click();
    await browser.waitUntil(
      async () =>
        browser.execute(() => {
          const active = document.activeElement;
          return active?.getAttribute('data-testid') === 'argument-uuid' && active.textContent.includes('nosuchfilter');
        }),
      { timeout: 10_000, timeoutMsg: 'the field of block 2 did not get the focus' },
    );
    const caret = await browser.execute(() => {
      const sel = window.getSelection();
      const text = document.activeElement.textContent;
      const range = sel.getRangeAt(0).cloneRange();
      range.selectNodeContents(document.activeElement);
      range.setEnd(sel.anchorNode, sel.anchorOffset);
      return { at: range.toString().length, text };
    });
    assert(caret.text.slice(caret.at).startsWith('nosuchfilter'), `the cursor is not on the filter: ${JSON.stringify(caret)}`);
  });

  test('a file with a link to a missing block opens in the designer, the problem listed', async () => {
    const doc = mistakes();
    doc.uuid = 'c0000000-0000-4000-8000-0000000e2e15';
    doc.name = 'E2E dangling link';
    doc.nodes[2].outputs.default = ['3', '42'];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-dangling-'));
    const file = path.join(dir, 'dangling.json');
    await writeFile(file, JSON.stringify(doc));
    await endAllSessions();
    await sleep(1_000);
    const browser = await launchApp([file], { waitForStartPage: false });
    const designer = await browser.$('[data-testid="designer"]');
    await designer.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: `the designer did not open ${file}` });
    await browser.waitUntil(async () => (await blockIds(browser)).length === 7, { timeout: 10_000, timeoutMsg: 'the 7 blocks are not on the canvas' });
    await browser.waitUntil(
      async () => browser.execute(() => [...document.querySelectorAll('[data-testid="diagnostic"][data-node="2"]')].some((r) => r.textContent.includes('target "42" is not a node'))),
      { timeout: 15_000, timeoutMsg: 'the broken link is not listed in Problems' },
    );
    await saveScreenshot(browser, 'dangling-link');
  });
}
