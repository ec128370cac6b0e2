// The playbooks page: open, rename, duplicate, delete with confirmation.
import { assert, test, tid, waitUntil } from './harness.mjs';

const rowNames = (page) => page.$$eval('[data-testid="playbook-row"] [data-testid="playbook-name"]', (els) => els.map((e) => e.textContent));

test('playbooks page: rename, duplicate, delete with a confirmation', async ({ page }) => {
  const triage = page.locator(tid('playbook-row'), { hasText: 'Triage' });
  await triage.locator(tid('playbook-rename')).click();
  await page.fill(tid('playbook-rename-input'), 'Triage v2');
  await page.keyboard.press('Enter');
  await waitUntil(async () => (await rowNames(page)).includes('Triage v2'), 'the renamed row');

  await page.locator(tid('playbook-row'), { hasText: 'Triage v2' }).locator(tid('playbook-duplicate')).click();
  await waitUntil(async () => (await rowNames(page)).includes('Triage v2 (copy)'), 'the duplicated row');

  const copy = () => page.locator(tid('playbook-row'), { hasText: 'Triage v2 (copy)' });
  await copy().locator(tid('playbook-delete')).click();
  await page.waitForSelector(tid('delete-dialog'));
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(tid('delete-dialog')).count(), 0, 'Escape closes the dialog');
  assert.ok((await rowNames(page)).includes('Triage v2 (copy)'), 'cancelling keeps the playbook');

  await copy().locator(tid('playbook-delete')).click();
  await page.click(tid('dialog-confirm'));
  await waitUntil(async () => !(await rowNames(page)).includes('Triage v2 (copy)'), 'the deleted row to go');
  assert.ok((await rowNames(page)).includes('Triage v2'));
});

test('a row opens on Enter, and "Playbooks" goes back to the list', async ({ page }) => {
  await page.locator(tid('playbook-row'), { hasText: 'Triage' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(tid('designer'));
  assert.equal(await page.textContent(tid('designer-title')), 'Triage');
  await page.waitForSelector('[data-node-id="1"]');
  await page.click(tid('back-to-playbooks'));
  await page.waitForSelector(tid('playbook-list'));
});
