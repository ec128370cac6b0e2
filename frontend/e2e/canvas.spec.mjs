// The canvas: drag from the palette, link, delete, undo/redo, copy/paste, help.
import { assert, test, tid, waitUntil } from './harness.mjs';

const GET_ALERT = '8d189665-5401-4098-8d60-944de9a6199a';
const mod = 'Control';

test('drag blocks onto the canvas and link them; the link is saved', async ({ page, app }) => {
  await app.open('Empty playbook');
  await page.waitForSelector(tid('canvas-empty'));
  await app.dragBlock('Alert Created', 420, 140);
  await page.waitForSelector('[data-node-id="0"]');
  assert.equal(await page.locator(tid('canvas-empty')).count(), 0, 'the empty state goes away');
  await app.dragBlock('Get Alert', 420, 420);
  await page.waitForSelector('[data-node-id="1"]');
  assert.deepEqual(await app.nodeIds(), ['0', '1']);

  await app.link('0', 'default', '1');
  await waitUntil(async () => (await page.locator('.react-flow__edge').count()) === 1, 'one edge on the canvas');

  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(saved.nodes['0'].outputs, { default: ['1'] });
  assert.equal(saved.nodes['1'].action_uuid, GET_ALERT);
  assert.deepEqual(saved.nodes['1'].arguments, {});
  assert.deepEqual(saved.nodes['1'].outputs, { default: [] });
  const summaries = (await app.calls('save_playbook')).map((c) => c.summary).join(' | ');
  assert.match(summaries, /added Alert Created/);
  assert.match(summaries, /linked Alert Created → Get Alert/);
});

test('move a block: its position is saved as integers, in one undo step', async ({ page, app }) => {
  await app.open('Triage');
  const box = await page.locator('[data-node-id="1"]').boundingBox();
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 60, { steps: 10 });
  await page.mouse.up();
  await app.waitSaved();
  const moved = (await app.saved()).nodes['1'].position;
  assert.ok(Number.isInteger(moved.x) && Number.isInteger(moved.y) && moved.x > 50, `moved to ${JSON.stringify(moved)}`);
  await page.keyboard.press(`${mod}+z`);
  await app.waitSaved();
  await waitUntil(async () => JSON.stringify((await app.saved()).nodes['1'].position) === JSON.stringify({ x: 0, y: 220 }), 'one undo to restore the position');
});

test('delete, undo and redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y)', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.keyboard.press('Delete');
  await waitUntil(async () => (await app.nodeIds()).join() === '0', 'the block to be deleted');
  await page.keyboard.press(`${mod}+z`);
  await waitUntil(async () => (await app.nodeIds()).join() === '0,1', 'undo to bring it back');
  // React Flow draws links once the blocks are measured: wait for it.
  await waitUntil(async () => (await page.locator('.react-flow__edge').count()) === 1, 'the block to come back with its link');
  await page.keyboard.press(`${mod}+Shift+z`);
  await waitUntil(async () => (await app.nodeIds()).join() === '0', 'redo to delete it again');
  await page.click(tid('undo'));
  await waitUntil(async () => (await app.nodeIds()).join() === '0,1', 'the toolbar undo');
  await page.click('.react-flow__pane');
  await page.keyboard.press(`${mod}+y`);
  await waitUntil(async () => (await app.nodeIds()).join() === '0', 'Ctrl+Y to redo');
  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(Object.keys(saved.nodes), ['0']);
  assert.deepEqual(saved.nodes['0'].outputs, { default: [] }, 'the link to the deleted block is gone');
});

test('unlink: select a link and press Delete', async ({ page, app }) => {
  await app.open('Triage');
  await page.locator('.react-flow__edge').first().click({ force: true });
  await page.keyboard.press('Backspace');
  await waitUntil(async () => (await page.locator('.react-flow__edge').count()) === 0, 'the link to go');
  assert.deepEqual(await app.nodeIds(), ['0', '1'], 'both blocks stay');
  await app.waitSaved();
  assert.deepEqual((await app.saved()).nodes['0'].outputs, { default: [] });
});

test('copy/paste blocks, and paste SPL JSON from another playbook', async ({ page, app }) => {
  await app.open('Triage');
  // Select both blocks (Ctrl+A), copy, paste under the pointer.
  await page.click('[data-node-id="1"]');
  await page.keyboard.press(`${mod}+a`);
  await page.keyboard.press(`${mod}+c`);
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(Object.keys(copied.nodes), ['0', '1'], 'the clipboard holds SPL JSON');
  await page.mouse.move(900, 500);
  await page.keyboard.press(`${mod}+v`);
  await waitUntil(async () => (await app.nodeIds()).join() === '0,1,2,3', 'two pasted blocks with fresh ids');
  await waitUntil(async () => (await page.locator('.react-flow__edge').count()) === 2, 'the link between copied blocks to be kept');

  const foreign = {
    nodes: {
      7: { type: 'action', name: 'Wait a bit', module_uuid: '1d7dd2fa-3a4e-4d0e-8a2b-7a9b3c0a6b2d', action_uuid: '41cd724b-bfcc-4fb7-bee7-ef5d02176e4c', arguments: { duration: 5 }, outputs: { default: ['9'] } },
      9: { type: 'action', name: 'Then {{ node.7 }}', arguments: { note: '{{ node.7.x }}' }, outputs: { default: [] } },
    },
  };
  await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(foreign));
  await page.click('.react-flow__pane', { position: { x: 80, y: 500 } });
  await page.keyboard.press(`${mod}+v`);
  await waitUntil(async () => (await app.nodeIds()).join() === '0,1,2,3,4,5', 'the foreign blocks pasted as 4 and 5');
  await app.waitSaved();
  const saved = await app.saved();
  assert.deepEqual(saved.nodes['2'].outputs, { default: ['3'] });
  assert.equal(saved.nodes['3'].action_uuid, GET_ALERT);
  assert.deepEqual(saved.nodes['4'].outputs, { default: ['5'] });
  assert.deepEqual(saved.nodes['5'].arguments, { note: '{{ node.4.x }}' }, 'references between pasted blocks follow the new ids');
  // Pasted blocks are selected: one undo removes the whole paste.
  await page.keyboard.press(`${mod}+z`);
  await waitUntil(async () => (await app.nodeIds()).join() === '0,1,2,3', 'undo of the paste');
});

test('auto-layout, fit view, zoom and the help overlay', async ({ page, app }) => {
  await app.open('Triage');
  await page.click(tid('auto-layout'));
  await app.waitSaved();
  const summaries = (await app.calls('save_playbook')).map((c) => c.summary);
  assert.ok(summaries.includes('auto-layout'), `saved as "auto-layout": ${summaries}`);
  const saved = await app.saved();
  assert.ok(saved.nodes['0'].position.y < saved.nodes['1'].position.y, 'top to bottom');
  const zoom = () => page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
  const before = await zoom();
  await page.click(tid('zoom-in'));
  await waitUntil(async () => (await zoom()) !== before, 'the zoom to change');
  await page.click(tid('fit-view'));
  await page.waitForSelector('.react-flow__minimap');
  await page.click('.react-flow__pane');
  await page.keyboard.press('?');
  await page.waitForSelector(tid('help-overlay'));
  const help = await page.textContent(tid('help-overlay'));
  for (const what of ['Undo', 'Redo', 'Copy', 'Paste', 'Delete', 'Auto-layout', 'Fit']) assert.ok(help.includes(what), `the help lists ${what}`);
  await page.keyboard.press('Escape');
  await waitUntil(async () => (await page.locator(tid('help-overlay')).count()) === 0, 'Escape to close the help');
});

test('a block dropped outside the canvas, or Escape during the drag, adds nothing', async ({ page, app }) => {
  await app.open('Triage');
  const wait = page.locator(tid('palette-item'), { hasText: 'Wait' }).first();
  await wait.scrollIntoViewIfNeeded();
  const item = await wait.boundingBox();
  const panel = await page.locator('.side-panel').boundingBox();
  await page.mouse.move(item.x + 20, item.y + 10);
  await page.mouse.down();
  await page.mouse.move(panel.x + 100, panel.y + 300, { steps: 10 });
  await page.waitForSelector(`${tid('palette-ghost')}:not(.is-over-canvas)`);
  await page.mouse.up();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  await page.mouse.move(item.x + 20, item.y + 10);
  await page.mouse.down();
  await page.mouse.move(pane.x + 200, pane.y + 200, { steps: 10 });
  await page.waitForSelector(`${tid('palette-ghost')}.is-over-canvas`);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  assert.equal(await page.locator(tid('palette-ghost')).count(), 0);
  assert.deepEqual(await app.nodeIds(), ['0', '1']);
  assert.equal((await app.calls('save_playbook')).length, 0);
});

test('arrow keys move the selected block; the moves undo as one step', async ({ page, app }) => {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await app.waitSaved();
  const moved = (await app.saved()).nodes['1'].position;
  assert.ok(moved.x > 0 && moved.y === 220, `moved right: ${JSON.stringify(moved)}`);
  await page.keyboard.press('Control+z');
  await app.waitSaved();
  assert.deepEqual((await app.saved()).nodes['1'].position, { x: 0, y: 220 });
});
