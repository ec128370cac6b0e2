// The tiny test harness of the browser tests: `test(name, fn)` registers a test; the
// runner (run.mjs) gives each one a fresh page with the mocked backend and reports
// `ok` / `not ok` lines and a final `N passed, M failed`.
//
// Helpers here wrap playwright-core with the waits the tests need; they fail with a
// message that says what was expected.

import assert from 'node:assert/strict';

export const tests = [];

/** Registers a test: `fn({ page, app })` where `app` has the helpers below bound to the page. */
export function test(name, fn, options = {}) {
  tests.push({ name, fn, seed: options.seed });
}

export { assert };

export const tid = (id) => `[data-testid="${id}"]`;
export const nodeSel = (id) => `[data-node-id="${id}"]`;

/** Polls `fn` (run in node) until it returns a truthy value, or fails with `what`. */
export async function waitUntil(fn, what, timeoutMs = 5000) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Helpers bound to one page. */
export function appHelpers(page) {
  const mock = (fn, arg) => page.evaluate(fn, arg);
  return {
    /** The playbook list, then a click on the row named `name`: resolves once the designer shows it. */
    async open(name) {
      await page.locator(tid('playbook-row'), { hasText: name }).first().click();
      await page.waitForSelector(tid('designer'));
      await page.waitForSelector(tid('canvas'));
    },
    /** The ids of the blocks on the canvas, in document order. */
    nodeIds: () => page.$$eval('[data-node-id]', (els) => els.map((e) => e.getAttribute('data-node-id'))),
    /** The latest document the mock backend holds for the open playbook. */
    saved: () =>
      mock(() => {
        const backend = window.__PLAYBOOK_STUDIO_MOCK__;
        const row = backend.handle('list_playbooks').find((p) => p.name === document.querySelector('[data-testid="designer-title"]')?.textContent);
        return row ? backend.content(row.id) : null;
      }),
    /** The commands the mock backend received, by name. */
    calls: (name) => mock((n) => window.__PLAYBOOK_STUDIO_MOCK__.calls.filter(([c]) => c === n).map(([, a]) => a), name),
    /** Waits for the autosave to finish (status "Saved") after at least one save call. */
    async waitSaved() {
      await page.waitForSelector(`${tid('save-status')}[data-status="saved"]`, { timeout: 5000 });
    },
    /** Drags a palette item (found by its visible name) onto the canvas at (x, y) in page pixels. */
    async dragBlock(name, x, y) {
      const item = page.locator(tid('palette-item'), { hasText: name }).first();
      await item.scrollIntoViewIfNeeded();
      const from = await item.boundingBox();
      const pane = await page.locator('.react-flow__pane').boundingBox();
      assert.ok(from && pane, `palette item ${name} or the canvas is not visible`);
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(pane.x + x, pane.y + y, { steps: 12 });
      await page.waitForSelector('[data-testid="palette-ghost"].is-over-canvas');
      await page.mouse.up();
    },
    /** Drags from a block's output handle to another block's body. */
    async link(fromId, branch, toId) {
      const handle = page.locator(`${nodeSel(fromId)} .react-flow__handle[data-branch="${branch}"]`);
      const target = page.locator(nodeSel(toId));
      const from = await handle.boundingBox();
      const to = await target.boundingBox();
      assert.ok(from && to, `handle ${branch} of ${fromId} or block ${toId} is not visible`);
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + 20, from.y + 40, { steps: 4 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
      await page.mouse.up();
    },
  };
}
