// The palette: search by name, module and description; keyboard insertion.
import { assert, test, tid, waitUntil } from './harness.mjs';

const itemNames = (page) => page.$$eval('[data-testid="palette-item"] .palette-item__name', (els) => els.map((e) => e.textContent));

test('palette search finds blocks by name, module and description', async ({ page, app }) => {
  await app.open('Empty playbook');
  await page.waitForSelector(tid('canvas-empty'));
  const all = (await itemNames(page)).length;
  assert.ok(all >= 19, `the palette lists the catalogue (${all} items)`);

  await page.fill(tid('palette-search'), 'get alert');
  const actions = await page.$$eval('[data-testid="palette-group-action"] .palette-item__name', (els) => els.map((e) => e.textContent));
  assert.equal(actions[0], 'Get Alert', `a name match comes first among actions: ${actions}`);

  await page.fill(tid('palette-search'), 'utils');
  assert.deepEqual((await itemNames(page)).sort(), ['Get the current time', 'Wait'], 'module search');

  await page.fill(tid('palette-search'), 'pauses');
  assert.deepEqual(await itemNames(page), ['Wait'], 'description search');
  assert.equal(await page.locator(tid('palette-group-operator')).count(), 0, 'empty families are hidden');

  await page.fill(tid('palette-search'), 'no such block zzz');
  await page.waitForSelector(tid('palette-no-match'));

  await page.press(tid('palette-search'), 'Escape');
  assert.equal((await itemNames(page)).length, all, 'Escape clears the search');
});

test('keyboard insertion: "/", type, arrow down, Enter', async ({ page, app }) => {
  await app.open('Empty playbook');
  await page.click('.react-flow__pane');
  await page.keyboard.press('/');
  await page.keyboard.type('foreach');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-block-key')), 'operator:foreach');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-node-id="0"]');
  assert.equal(await page.getAttribute('[data-node-id="0"]', 'data-family'), 'operator');
  // Enter in the search box inserts the first match.
  await page.fill(tid('palette-search'), 'manual trigger');
  await page.press(tid('palette-search'), 'Enter');
  await page.waitForSelector('[data-node-id="1"]');
  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(
    { ...saved.nodes['0'], position: undefined },
    { type: 'operator', subtype: 'foreach', name: 'Foreach', items: '', loop: [], outputs: { default: [] }, position: undefined },
  );
  assert.equal(saved.nodes['1'].trigger_uuid, 'fc26eb9f-b272-4c15-b3bf-ace397c0dc57');
  assert.ok(Number.isInteger(saved.nodes['1'].position.x) && Number.isInteger(saved.nodes['1'].position.y), 'integer positions');
  // Inserted near the middle of the view, not on top of the first one.
  assert.notDeepEqual(saved.nodes['0'].position, saved.nodes['1'].position);
});

test('with a block selected, an inserted block comes after it, linked; the search starts over', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.keyboard.press('/');
  await page.keyboard.type('wait');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-node-id="2"]');
  assert.equal(await page.inputValue(tid('palette-search')), '', 'the search is emptied');
  assert.notEqual(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'palette-search', 'the search gave the focus back');
  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(saved.nodes['1'].outputs.default, ['2'], 'linked after the selected block');
  assert.ok(saved.nodes['2'].position.y > saved.nodes['1'].position.y, 'placed below it');
  // One undo step takes both the block and its link away.
  await page.click('.react-flow__pane');
  await page.keyboard.press('Control+z');
  await app.waitSaved();
  assert.deepEqual(Object.keys((await app.saved()).nodes), ['0', '1']);
  assert.deepEqual((await app.saved()).nodes['1'].outputs.default, []);
});

test('K links the selected block to another, found by name, without the mouse', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('.react-flow__pane');
  await page.keyboard.press('/');
  await page.keyboard.type('wait');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-node-id="2"]');
  await page.click('[data-node-id="1"]');
  await page.keyboard.press('k');
  await page.waitForSelector(tid('link-picker'));
  assert.deepEqual(await page.$$eval('[data-testid="link-picker"] [data-target-id]', (els) => els.map((e) => e.getAttribute('data-target-id'))), ['2'], 'triggers and the block itself are not offered');
  await page.keyboard.type('wai');
  await page.keyboard.press('Enter');
  await waitUntil(async () => (await page.locator(tid('link-picker')).count()) === 0, 'the picker to close');
  await app.waitSaved();
  assert.deepEqual((await app.saved()).nodes['1'].outputs.default, ['2']);
});
