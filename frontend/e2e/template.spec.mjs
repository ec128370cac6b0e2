// A real template: shown without being changed, problems list, history, save failures,
// and the screenshot of the editor.
import path from 'node:path';

import { assert, test, tid, waitUntil } from './harness.mjs';

test('a real template opens, is not re-saved untouched, and its problems select blocks', async ({ page, app, outDir }) => {
  await app.open('on alert');
  await page.waitForSelector('[data-node-id="0"]');
  const count = await page.$$eval('[data-node-id]', (els) => els.length);
  const expected = await page.evaluate(() => document.querySelector('[data-testid="designer"] .meta')?.textContent);
  assert.match(expected, new RegExp(`^${count} block`));
  await page.waitForSelector(tid('diagnostic'));
  await page.waitForTimeout(1200);
  assert.equal((await app.calls('save_playbook')).length, 0, 'opening a playbook saves nothing');

  const diagnostic = page.locator(`${tid('diagnostic')}[data-node]`).first();
  const nodeId = await diagnostic.getAttribute('data-node');
  await diagnostic.click();
  await page.waitForSelector(`[data-node-id="${nodeId}"].is-selected`);
  await page.waitForSelector(tid('block-panel'));

  // The screenshot: Get Alert selected when it is there (the platform template), else the first action.
  const pick = (await page.locator('[data-node-id="3"]').count()) ? '3' : '1';
  await page.click(`[data-node-id="${pick}"]`);
  await page.setViewportSize({ width: 1680, height: 1050 });
  await page.click(tid('fit-view'));
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, 'editor.png') });
});

test('history: versions with summaries; a restore shows what it changes, asks, and undoes', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.fill(tid('block-name'), 'Fetch the alert');
  await app.waitSaved();
  await page.click(tid('tab-history'));
  await waitUntil(async () => (await page.locator(tid('history-version')).count()) === 2, 'two versions');
  assert.match(await page.locator(tid('history-version')).first().textContent(), /renamed block 1/);
  await page.locator(tid('restore-version')).first().click();
  const preview = page.locator(tid('restore-preview'));
  await preview.waitFor();
  assert.match(await page.textContent(tid('restore-diff')), /Changes Get Alert \(1\): name/);
  assert.equal(await page.textContent('[data-node-id="1"] .block-node__name'), 'Fetch the alert', 'nothing changes before the answer');
  await page.click(tid('restore-confirm'));
  await page.waitForSelector(tid('designer-notice'));
  await waitUntil(async () => (await page.textContent('[data-node-id="1"] .block-node__name')) === 'Get Alert', 'the restored name');
  await waitUntil(async () => (await page.locator(tid('history-version')).count()) === 3, 'the restore saved as a new version');
  assert.match(await page.locator(tid('history-version')).first().textContent(), /restored version 1/);
  // The restore is an edit: Undo takes it back.
  await page.click('.react-flow__pane');
  await page.keyboard.press('Control+z');
  await waitUntil(async () => (await page.textContent('[data-node-id="1"] .block-node__name')) === 'Fetch the alert', 'the undone restore');
});

test('a failed save keeps the edit, says so, and retries', async ({ page, app }) => {
  await app.open('Triage');
  await page.evaluate(() => (window.__PLAYBOOK_STUDIO_MOCK__.failNextSaves = 1));
  await app.dragBlock('Wait', 700, 400);
  await page.waitForSelector(`${tid('save-status')}[data-status="error"]`);
  assert.match(await page.textContent(tid('save-status')), /Save failed/);
  await page.click(tid('save-retry'));
  await app.waitSaved();
  const saved = await app.saved();
  assert.equal(saved.nodes['2'].name, 'Wait');
});
