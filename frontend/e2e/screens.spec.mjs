// Screenshots of the main screens (e2e/out/*.png, for the README and for a look), each
// with a few checks of what it shows.
import path from 'node:path';

import { assert, test, tid } from './harness.mjs';
import { COMPLETIONS, typeInField } from './jinjaField.mjs';

test('screens: playbooks, empty canvas, completion, condition editor, help', async ({ page, app, outDir }) => {
  const shot = (name) => page.screenshot({ path: path.join(outDir, `${name}.png`) });
  await shot('playbooks');

  await app.open('Empty playbook');
  await page.waitForSelector(tid('canvas-empty'));
  assert.match(await page.textContent(tid('canvas-empty')), /drag one from the palette/);
  await shot('empty-canvas');

  // A block on its way from the palette.
  const item = await page.locator(tid('palette-item'), { hasText: 'Alert Created' }).first().boundingBox();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  await page.mouse.move(item.x + 30, item.y + 15);
  await page.mouse.down();
  await page.mouse.move(pane.x + 300, pane.y + 160, { steps: 8 });
  await page.waitForSelector(`${tid('palette-ghost')}.is-over-canvas`);
  await shot('dragging');
  await page.mouse.up();
  await page.waitForSelector('[data-node-id="0"]');

  await page.click(tid('back-to-playbooks'));
  await app.open('Triage');
  await app.dragBlock('Condition', 650, 130);
  await page.waitForSelector('[data-node-id="2"]');
  await app.link('1', 'default', '2');
  await page.click('[data-node-id="2"]');
  await page.click(tid('add-case'));
  await page.locator(tid('case-name')).fill('Critical');
  await page.locator(tid('case-name')).press('Enter');
  await page.click(tid('add-case'));
  await page.locator(tid('case-left')).first().click();
  await page.keyboard.type('{{ node.1.urg');
  await page.waitForSelector(COMPLETIONS);
  await shot('completion');
  await page.keyboard.press('Enter');
  await typeInField(page, page.locator(tid('case-right')).first(), '{{ 80 }}');
  await page.selectOption(`${tid('case-comparison')} >> nth=0`, '>=');
  await shot('condition');

  await page.click('.react-flow__pane');
  await page.keyboard.press('?');
  await page.waitForSelector(tid('help-overlay'));
  await shot('help');
});
