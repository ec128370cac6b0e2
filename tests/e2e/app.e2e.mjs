// End-to-end tests of the real Playbook Studio app, driven through WebDriver.
//
// It expects, already running: a display (Xvfb) and tauri-driver on
// 127.0.0.1:$WEBDRIVER_PORT (default 4444), started with
// `--native-driver /usr/bin/WebKitWebDriver`. Then:
//
//   APP_BIN=/abs/path/to/target/debug/<app> SCREENSHOT_DIR=target/e2e node tests/e2e/app.e2e.mjs
//
// The harness (./harness.mjs) runs the tests in order: the ones here (start page, designer,
// keychain, command line), then ./files.e2e.mjs and ./platform.e2e.mjs.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ROW_TIMEOUT_MS, START_TIMEOUT_MS, assert, blockIds, endAllSessions, filesUnder, launchApp, openDesigner, readStartPage,
  saveScreenshot, selectBlock, start, test, testId, typeInto, waitForPage,
} from './harness.mjs';
import { register as registerFiles } from './files.e2e.mjs';
import { register as registerPlatform } from './platform.e2e.mjs';
import { register as registerProblems } from './problems.e2e.mjs';
import { register as registerRuns } from './runs.e2e.mjs';
import { register as registerTemplates, registerWelcome } from './templates.e2e.mjs';
import { register as registerTester } from './tester.e2e.mjs';
import { register as registerTesting } from './testing.e2e.mjs';
import { register as registerDesktop } from './desktop.e2e.mjs';

// First: the welcome needs the empty home the run starts with.
registerWelcome();

/** Set by the first test, checked by the second after the app restarted. */
let created = null;

test('the start page shows the title and creates a playbook through the form', async () => {
  const browser = await launchApp();

  const start = await browser.execute(readStartPage);
  assert(start.title === 'Playbook Studio', `window title is ${JSON.stringify(start.title)}, expected "Playbook Studio"`);
  assert(
    (start.heading ?? '').includes('Playbook Studio'),
    `page heading is ${JSON.stringify(start.heading)}, expected it to contain "Playbook Studio"`,
  );

  const name = `E2E playbook ${Date.now()}`;
  const description = 'Created by the end-to-end test through the New playbook form';
  await typeInto(browser, 'new-playbook-name', name);
  await typeInto(browser, 'new-playbook-description', description);
  await (await browser.$(testId('new-playbook-submit'))).click();

  // The new playbook opens in the designer; back to the list, it has its row.
  const title = await browser.$(testId('designer-title'));
  await title.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: 'the new playbook did not open in the designer' });
  const shown = () => browser.execute(() => document.querySelector('[data-testid="designer-title"]')?.textContent ?? '');
  await browser.waitUntil(async () => (await shown()).includes(name), { timeout: 10_000, timeoutMsg: `the designer does not show "${name}"` });
  await (await browser.$(testId('back-to-playbooks'))).click();

  const page = await waitForPage(browser, `"${name}" in the playbook list`, ROW_TIMEOUT_MS, (p) =>
    p.rows.some((row) => row.name === name),
  );
  const row = page.rows.find((r) => r.name === name);
  assert(row.id, `the row of "${name}" has no data-playbook-id`);
  assert(row.text.includes(description), `the row of "${name}" does not show its description: ${JSON.stringify(row.text)}`);
  await waitForPage(browser, 'the form to reset after creating', 5_000, (p) => p.nameValue === '');

  created = { id: row.id, name };
  await saveScreenshot(browser, 'start-page');
});

test('the playbook is still listed after the app restarts', async () => {
  assert(created, 'nothing to look for: the previous test did not create a playbook');
  // The harness ended the previous test's session, which closed the app (this call only
  // makes sure). Give that process a moment to exit and release its store before a new
  // one starts on the same PLAYBOOK_STUDIO_HOME.
  await endAllSessions();
  await sleep(1_000);

  const browser = await launchApp();
  const page = await waitForPage(browser, `"${created.name}" in the list after the restart`, ROW_TIMEOUT_MS, (p) =>
    p.rows.some((row) => row.name === created.name),
  );
  const row = page.rows.find((r) => r.name === created.name);
  assert(row.id === created.id, `"${created.name}" came back with id ${row.id}, expected ${created.id}`);
});

test('the designer adds a block from the palette and autosaves it through the real core', async () => {
  assert(created, 'no playbook to open: the first test did not create one');
  await endAllSessions();
  await sleep(1_000);
  const browser = await launchApp();
  await openDesigner(browser, created);
  await typeInto(browser, 'palette-search', 'Alert Created');
  await browser.keys(['Enter']);
  await browser.waitUntil(async () => (await blockIds(browser)).includes('0'), {
    timeout: 10_000,
    timeoutMsg: 'no block [data-node-id="0"] after inserting "Alert Created" from the palette',
  });
  await browser.waitUntil(async () => /saved/i.test(await (await browser.$(testId('save-status'))).getText()), {
    timeout: 10_000,
    timeoutMsg: 'the designer did not report the autosave',
  });
  await saveScreenshot(browser, 'designer');
});

test('the saved block is there after the app restarts', async () => {
  assert(created, 'no playbook to open: the first test did not create one');
  await endAllSessions();
  await sleep(1_000);
  const browser = await launchApp();
  await openDesigner(browser, created);
  await browser.waitUntil(async () => (await blockIds(browser)).includes('0'), {
    timeout: 10_000,
    timeoutMsg: 'the block saved before the restart is not on the canvas',
  });
});

/** Drags with the mouse from one element's centre to another's (a link between blocks). */
async function dragBetween(browser, fromSelector, toSelector) {
  const centre = (selector) => browser.execute((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect();
    return box ? { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) } : null;
  }, selector);
  const from = await centre(fromSelector);
  const to = await centre(toSelector);
  assert(from && to, `cannot drag from ${fromSelector} to ${toSelector}: one of them is not on screen`);
  await browser.performActions([{
    type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
    actions: [
      { type: 'pointerMove', origin: 'viewport', x: from.x, y: from.y, duration: 0 },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', origin: 'viewport', x: from.x + 20, y: from.y + 40, duration: 100 },
      { type: 'pointerMove', origin: 'viewport', x: to.x, y: to.y, duration: 250 },
      { type: 'pointerUp', button: 0 },
    ],
  }]);
  await browser.releaseActions();
}

/**
 * Drags a palette block onto the canvas, dropping it under the block `belowId` (the palette
 * drags with pointer events, which WebDriver's pointer actions drive like a mouse).
 */
async function dragFromPalette(browser, name, belowId, expectedId) {
  await typeInto(browser, 'palette-search', name);
  const points = await browser.execute((wanted, anchorId) => {
    const item = [...document.querySelectorAll('[data-testid="palette-item"]')].find((e) => e.textContent.includes(wanted));
    const anchor = document.querySelector(`[data-node-id="${anchorId}"]`)?.getBoundingClientRect();
    if (!item || !anchor) return null;
    const box = item.getBoundingClientRect();
    return {
      from: { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) },
      to: { x: Math.round(anchor.x + anchor.width / 2), y: Math.round(anchor.bottom + 90) },
    };
  }, name, belowId);
  assert(points, `no palette item "${name}" or no block ${belowId} on the canvas`);
  await browser.performActions([{
    type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
    actions: [
      { type: 'pointerMove', origin: 'viewport', x: points.from.x, y: points.from.y, duration: 0 },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerMove', origin: 'viewport', x: points.from.x + 30, y: points.from.y + 10, duration: 100 },
      { type: 'pointerMove', origin: 'viewport', x: points.to.x, y: points.to.y, duration: 300 },
      { type: 'pointerUp', button: 0 },
    ],
  }]);
  await browser.releaseActions();
  await browser.waitUntil(async () => (await blockIds(browser)).includes(expectedId), {
    timeout: 10_000,
    timeoutMsg: `no block [data-node-id="${expectedId}"] after dragging "${name}" onto the canvas`,
  });
}

test('two actions dragged from the palette and linked after the trigger; an argument takes a Jinja reference picked from completion', async () => {
  assert(created, 'no playbook to open: the first test did not create one');
  await endAllSessions();
  await sleep(1_000);
  let browser = await launchApp();
  await openDesigner(browser, created);
  await browser.waitUntil(async () => (await blockIds(browser)).includes('0'), { timeout: 10_000, timeoutMsg: 'the trigger is missing' });
  await dragFromPalette(browser, 'Get Alert', '0', '1');
  await (await browser.$(testId('fit-view'))).click();
  await sleep(600);
  await dragFromPalette(browser, 'Comment Alert', '1', '2');
  await (await browser.$(testId('fit-view'))).click();
  await sleep(600);
  await dragBetween(browser, '[data-node-id="0"] .react-flow__handle[data-branch="default"]', '[data-node-id="1"]');
  await sleep(300);
  await dragBetween(browser, '[data-node-id="1"] .react-flow__handle[data-branch="default"]', '[data-node-id="2"]');
  await browser.waitUntil(async () => (await browser.execute(() => document.querySelectorAll('.react-flow__edge').length)) === 2, {
    timeout: 10_000,
    timeoutMsg: 'the two links were not drawn',
  });

  await selectBlock(browser, '1');
  const field = await browser.$(testId('argument-uuid'));
  await field.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no uuid argument field for Get Alert' });
  // CodeMirror's styles need the CSP nonce Tauri injects: without it the editor is unstyled.
  await browser.waitUntil(() => browser.execute(() => {
    const editor = document.querySelector('.cm-editor');
    return editor !== null && getComputedStyle(editor).display === 'flex';
  }), { timeout: 10_000, timeoutMsg: 'the editor styles were blocked (style nonce missing from the CSP?)' });
  await field.click();
  await sleep(300);
  for (const key of '{{ node.') await browser.keys([key]);
  const option = await browser.$('.jinja-completions [role="option"]');
  await option.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no completion list inside {{ }}' });
  const offered = await browser.execute(() => [...document.querySelectorAll('.jinja-completions .cm-completionLabel')].map((e) => e.textContent));
  assert(offered.length > 0 && offered.every((p) => p.startsWith('node.0.')), `the completions are not the trigger's fields: ${offered.join(', ')}`);
  await sleep(300);
  await browser.keys(['Enter']);
  // The editor closed the expression itself (`{{` brings its ` }}`).
  const text = await browser.execute(() => document.querySelector('[data-testid="argument-uuid"]').textContent);
  assert(text === `{{ ${offered[0]} }}`, `the field holds ${JSON.stringify(text)}, expected the picked path ${offered[0]}`);
  await browser.waitUntil(async () => /saved/i.test(await (await browser.$(testId('save-status'))).getText()), {
    timeout: 10_000,
    timeoutMsg: 'the designer did not report the autosave',
  });
  await saveScreenshot(browser, 'designer-jinja');

  // After a restart, the core has it all.
  await endAllSessions();
  await sleep(1_000);
  browser = await launchApp();
  const doc = await browser.executeAsync((id, done) => window.__TAURI_INTERNALS__.invoke('get_playbook', { id }).then(done, (e) => done({ failure: e })), created.id);
  assert(!doc.failure, `get_playbook failed: ${JSON.stringify(doc.failure)}`);
  const nodes = doc.content.nodes;
  assert(JSON.stringify(nodes['0'].outputs.default) === '["1"]' && JSON.stringify(nodes['1'].outputs.default) === '["2"]', `links not saved: ${JSON.stringify([nodes['0'].outputs, nodes['1'].outputs])}`);
  assert(nodes['1'].arguments.uuid === `{{ ${offered[0]} }}`, `argument not saved: ${JSON.stringify(nodes['1'].arguments)}`);
});

test('a module configuration keeps its API key in the OS keychain and in no file', async () => {
  assert(created, 'no playbook to open: the first test did not create one');
  const home = process.env.PLAYBOOK_STUDIO_HOME;
  assert(home, 'PLAYBOOK_STUDIO_HOME must be set for this test');
  await endAllSessions();
  await sleep(1_000);
  const browser = await launchApp();
  await openDesigner(browser, created);
  await browser.waitUntil(async () => (await blockIds(browser)).includes('0'), { timeout: 10_000, timeoutMsg: 'the saved block is missing' });
  await selectBlock(browser, '0');
  const section = await browser.$(testId('module-configuration'));
  await section.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no Module configuration section for the Sekoia.io block' });
  await (await browser.$(testId('configuration-new'))).click();
  const secret = `e2e-key-${Date.now()}-do-not-leak`;
  await typeInto(browser, 'configuration-name', 'E2E production');
  await (await browser.$(testId('configuration-secret-api_key'))).setValue(secret);
  await (await browser.$(testId('configuration-create'))).click();
  const state = `${testId('configuration-secret')}[data-field="api_key"] ${testId('configuration-secret-state')}`;
  await browser.waitUntil(async () => (await browser.$(state).isExisting()) && /stored in the keychain/.test(await (await browser.$(state)).getText()), {
    timeout: 15_000,
    timeoutMsg: 'the API key is not reported as stored in the keychain (is a Secret Service running?)',
  });
  await browser.waitUntil(async () => /saved/i.test(await (await browser.$(testId('save-status'))).getText()), {
    timeout: 10_000,
    timeoutMsg: 'the node did not autosave its configuration',
  });
  await saveScreenshot(browser, 'module-configuration');
  const html = await browser.execute(() => document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('|'));
  assert(!html.includes(secret), 'the API key is still in the page');
  await endAllSessions();
  await sleep(1_000);
  const leaks = [];
  for (const file of await filesUnder(home)) {
    if ((await readFile(file)).includes(secret)) leaks.push(file);
  }
  assert(leaks.length === 0, `the API key leaked into ${leaks.join(', ')}`);
});

test('the app opens a playbook file given on its command line', async () => {
  await endAllSessions();
  await sleep(1_000);
  const file = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../templates/triage-high-urgency-alerts.json');
  const browser = await launchApp([file], { waitForStartPage: false });
  const designer = await browser.$(testId('designer'));
  await designer.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: `the designer did not open ${file}` });
  await browser.waitUntil(async () => (await blockIds(browser)).length === 4, {
    timeout: 10_000,
    timeoutMsg: 'the 4 blocks of the template are not on the canvas',
  });
  const titleText = () => browser.execute(() => document.querySelector('[data-testid="designer-title"]')?.textContent ?? '');
  await browser.waitUntil(async () => (await titleText()).includes('Comment high-urgency alerts'), {
    timeout: 10_000,
    timeoutMsg: 'the designer does not show the template\'s name',
  });
});


registerFiles();
registerPlatform();
registerProblems();
registerRuns();
registerTester();
registerTemplates();
registerTesting();
registerDesktop();
start();
