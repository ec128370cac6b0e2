// A small window (1024×700): the side columns can be hidden, the minimap never covers a
// block, and "fit view" keeps the top block clear of the canvas toolbar.
import { assert, test, tid, waitUntil } from './harness.mjs';

const box = (page, selector) => page.locator(selector).first().boundingBox();
const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('at 1024×700 the canvas stays usable: panels hide, nothing covers the blocks', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open('Triage');
  await page.click(tid('fit-view'));
  await page.waitForTimeout(400);
  const toolbar = await box(page, '.toolbar');
  for (const id of ['0', '1']) {
    const block = await box(page, `[data-node-id="${id}"]`);
    assert.ok(block.y >= toolbar.y + toolbar.height, `block ${id} is below the toolbar after fit view`);
    const minimap = await page.locator('.react-flow__minimap').count();
    if (minimap > 0) assert.ok(!overlaps(block, await box(page, '.react-flow__minimap')), `the minimap covers block ${id}`);
  }

  // Hide the block list and the side panel ([ and ]): the canvas gets their room, and it is remembered.
  const before = (await box(page, tid('canvas'))).width;
  await page.click(tid('toggle-palette'));
  await page.click('.react-flow__pane');
  await page.keyboard.press(']');
  await waitUntil(async () => (await page.locator(tid('palette')).count()) === 0 && (await page.locator('.side-panel').count()) === 0, 'both columns hidden');
  await waitUntil(async () => (await box(page, tid('canvas'))).width > before + 400, 'the canvas to take their room');
  await page.reload();
  await page.waitForSelector('[data-testid="playbook-list"]');
  await app.open('Triage');
  assert.equal(await page.locator(tid('palette')).count(), 0, 'the hidden block list stays hidden');
  // "/" brings the block list back to search it.
  await page.click('.react-flow__pane');
  await page.keyboard.press('/');
  await page.waitForSelector(tid('palette-search'));
  await waitUntil(async () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'palette-search'), 'the search to have the focus');
  await page.click(tid('toggle-side-panel'));
  await page.waitForSelector('.side-panel');
});

test('at 1024×700 a condition case keeps its fields inside its card', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open('Triage');
  await app.dragBlock('Condition', 200, 300);
  await page.click(tid('add-case'));
  const card = await box(page, tid('condition-case'));
  for (const field of ['case-left', 'case-right']) {
    // The field as drawn (its editor scrolls a long text inside).
    const b = await page.locator(tid(field)).first().locator('xpath=ancestor::div[contains(@class, "jinja-field__control")][1]').boundingBox();
    assert.ok(b.x + b.width <= card.x + card.width + 0.5, `${field} ends at ${b.x + b.width}, past its card's edge at ${card.x + card.width}`);
  }
});

test('at 1024×700 a block pasted with the pointer near the canvas edge lands inside the canvas', async ({ page, app }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.keyboard.press('Control+c');
  const canvas = await box(page, tid('canvas'));
  // The pointer last seen by the canvas is at its right edge, next to the side panel.
  await page.mouse.move(canvas.x + canvas.width - 8, canvas.y + canvas.height / 2);
  const before = await page.locator('[data-node-id]').count();
  await page.keyboard.press('Control+v');
  await waitUntil(async () => (await page.locator('[data-node-id]').count()) > before, 'the pasted block');
  const ids = await page.locator('.react-flow__node [data-node-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
  const pasted = ids.map(Number).sort((a, b) => b - a)[0];
  const block = await box(page, `.react-flow__node [data-node-id="${pasted}"]`);
  assert.ok(block.x + block.width <= canvas.x + canvas.width, `the pasted block ends at ${block.x + block.width}, past the canvas edge at ${canvas.x + canvas.width}`);
  assert.ok(block.y + block.height <= canvas.y + canvas.height, 'the pasted block is above the canvas bottom');
});
