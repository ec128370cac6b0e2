// "Compare" on a pushed playbook's row: the current version against its platform copy
// (edited behind our back through the mock's `platform.editRemote`), then "Push this
// version" or "Pull the platform version" from the panel, each followed by a new comparison.
import { readFileSync } from 'node:fs';

import { assert, test, tid, waitUntil } from './harness.mjs';

// The platform edits, and the core's comparisons for them (src/ipc/mock/goldens.json).
const EDITS = JSON.parse(readFileSync(new URL('./fixtures/compare-edits.json', import.meta.url), 'utf8'));

const FRA2 = 'https://app.fra2.sekoia.io/api';

/** A configured connection (every permission granted), plus `extra` platform seed. */
const connected = (extra = {}) => (seed) => ({ ...seed, platform: { baseUrl: FRA2, apiKey: 'sk-seeded', ...extra } });

const triage = (page) => page.locator(tid('playbook-row'), { hasText: 'Triage' });

/** Pushes Triage from its row; resolves to its platform uuid. */
async function pushTriage(page) {
  const row = triage(page);
  await row.locator(tid('playbook-push')).click();
  await row.locator(tid('playbook-push-done')).waitFor();
  await row.locator(tid('playbook-remote')).waitFor();
  return row.locator(tid('playbook-push-done')).getAttribute('data-remote-uuid');
}

/** Clicks "Compare" and waits for the answer; resolves to the panel's result element. */
async function compare(page) {
  const row = triage(page);
  await row.locator(tid('playbook-compare-button')).click();
  const result = row.locator(`${tid('playbook-compare-result')}[data-same]`);
  await result.waitFor();
  await waitUntil(async () => (await result.getAttribute('aria-busy')) === 'false', 'the comparison to finish');
  return result;
}

const editRemote = (page, uuid, edit) => page.evaluate(([u, e]) => window.__PLAYBOOK_STUDIO_MOCK__.platform.editRemote(u, e), [uuid, edit]);

test('compare after a push says "same"; an edit on the platform is listed by block name; a pull makes them the same again', async ({ page, app }) => {
  const row = triage(page);
  await row.waitFor();
  assert.equal(await row.locator(tid('playbook-compare-button')).count(), 0, 'no Compare before the first push');
  const uuid = await pushTriage(page);

  let result = await compare(page);
  assert.equal(await result.getAttribute('data-same'), 'true');
  assert.match(await result.textContent(), /Same as the platform version/);
  assert.equal(await row.locator(tid('playbook-compare-pull')).count(), 0, 'nothing to pull when they are the same');
  assert.equal(await page.getByRole('region', { name: 'Compared with the platform' }).count(), 1, 'the panel is a labelled region');

  // Someone changes Get Alert's arguments and adds a block on the platform.
  await editRemote(page, uuid, EDITS['get-alert-changed-and-block-added']);
  result = await compare(page);
  assert.equal(await result.getAttribute('data-same'), 'false');
  assert.equal(await row.locator(tid('playbook-compare-changed')).textContent(), 'Changed: Get Alert');
  assert.equal(await row.locator(tid('playbook-compare-only-remote')).textContent(), 'Only on the platform: block 5');
  assert.equal(await row.locator(tid('playbook-compare-only-local')).count(), 0);
  await row.getByRole('heading', { name: 'Compared with the platform' }).click();


  // Pull, after a confirmation that says the current version stays in the history.
  await row.locator(tid('playbook-compare-pull')).click();
  const dialog = page.locator(tid('pull-dialog'));
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /becomes version 2 here\. Version 1, the current one, stays in the history/);
  await dialog.locator(tid('dialog-confirm')).click();
  await waitUntil(async () => (await row.locator(`${tid('playbook-compare-result')}[data-same="true"]`).count()) === 1, 'the comparison after the pull to say "same"');
  assert.equal(await page.locator(tid('pull-dialog')).count(), 0, 'the dialog is gone');
  await waitUntil(async () => (await row.locator(tid('playbook-version')).textContent()) === 'v2', 'the row to show version 2');
  assert.deepEqual(await app.calls('platform_pull'), [{ uuid }]);
  const versions = await page.evaluate(() => window.__PLAYBOOK_STUDIO_MOCK__.versions('pb-small').map((v) => Object.keys(v.content.nodes).length));
  assert.deepEqual(versions, [2, 3], 'the old version is kept, the new one has the platform block');
  assert.equal(await page.locator(tid('designer')).count(), 0, 'the click in the panel did not open the designer');
}, { seed: connected() });

test('keyboard: Compare opens the panel with the focus in it, Escape closes it and returns to the button', async ({ page }) => {
  const uuid = await pushTriage(page);
  await editRemote(page, uuid, EDITS['renamed-and-trigger-removed']);
  const row = triage(page);
  const button = row.locator(tid('playbook-compare-button'));
  await button.focus();
  await page.keyboard.press('Enter');
  await row.locator(`${tid('playbook-compare-result')}[data-same="false"]`).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'playbook-compare', 'the panel has the focus');
  assert.equal(await row.locator(tid('playbook-compare-only-local')).textContent(), 'Only here: Alert Created');
  assert.match(await row.locator(tid('playbook-compare-result')).textContent(), /Name differs/);

  // Tab reaches the panel's buttons; "Push this version" makes them the same.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'playbook-compare-push');
  await page.keyboard.press('Enter');
  await row.locator(`${tid('playbook-compare-result')}[data-same="true"]`).waitFor();

  await page.keyboard.press('Escape');
  await waitUntil(async () => (await row.locator(tid('playbook-compare')).count()) === 0, 'the panel to close');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'playbook-compare-button', 'the focus is back on Compare');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');

  // The Close button closes it too.
  await compare(page);
  await row.locator(tid('playbook-compare-close')).click();
  await waitUntil(async () => (await row.locator(tid('playbook-compare')).count()) === 0, 'the panel to close');
}, { seed: connected() });

test('a platform copy deleted on the platform: "not found", and "Push this version" creates it again', async ({ page }) => {
  const uuid = await pushTriage(page);
  await page.evaluate((u) => window.__PLAYBOOK_STUDIO_MOCK__.platform.removeRemote(u), uuid);
  const row = triage(page);
  await row.locator(tid('playbook-compare-button')).click();
  const error = row.locator(`${tid('playbook-compare-error')}[data-error-code="not_found"]`);
  await error.waitFor();
  assert.match(await row.locator(tid('playbook-compare')).textContent(), /no longer has this playbook/);
  assert.equal(await row.locator(tid('playbook-compare-pull')).count(), 0, 'nothing to pull');
  await row.locator(tid('playbook-compare-push')).click();
  await row.locator(`${tid('playbook-compare-result')}[data-same="true"]`).waitFor();
  assert.equal(await row.locator(tid('playbook-compare-error')).count(), 0);
}, { seed: connected() });

test('compare without a connection says so and leads to the Platform settings', async ({ page }) => {
  const row = triage(page);
  await row.locator(tid('playbook-compare-button')).click();
  const error = row.locator(`${tid('playbook-compare-error')}[data-error-code="platform_not_configured"]`);
  await error.waitFor();
  assert.match(await error.textContent(), /Not connected to the platform/);
  await error.getByRole('button', { name: 'Platform settings' }).click();
  await page.waitForSelector(tid('platform-page'));
}, { seed: (seed) => ({ ...seed, playbooks: seed.playbooks.map((p) => (p.id === 'pb-small' ? { ...p, remote_uuid: 'rm-gone' } : p)) }) });
