// The ☰ menu: in the designer its Edit entries act on the canvas as their shortcuts do
// (Undo takes a dropped block back, Redo brings it again); on the start page its entries
// reach the other pages.
import { assert, test, tid, waitUntil } from './harness.mjs';

const blocks = (page) => page.locator('.react-flow__node [data-node-id]').count();

test('the designer menu undoes and redoes on the canvas; the start page menu opens the gallery', async ({ page, app }) => {
  await app.open('Triage');
  const before = await blocks(page);
  await app.dragBlock('Condition', 300, 320);
  await waitUntil(async () => (await blocks(page)) === before + 1, 'the dropped block');
  await page.click('[data-action="app-menu"]');
  await page.click('[data-menu="undo"]');
  await waitUntil(async () => (await blocks(page)) === before, 'Edit → Undo to take the block back');
  await page.click('[data-action="app-menu"]');
  await page.click('[data-menu="redo"]');
  await waitUntil(async () => (await blocks(page)) === before + 1, 'Edit → Redo to bring it again');
  // Escape closes the menu and gives the focus back to its button.
  await page.click('[data-action="app-menu"]');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-menu="undo"]').count(), 0, 'Escape closes the menu');

  await page.click(tid('back-to-playbooks'));
  await page.waitForSelector(tid('playbook-list'));
  await page.click('[data-action="app-menu"]');
  await page.click('[data-menu="templates"]');
  await page.waitForSelector('[data-panel="templates"]');
});
