// End-to-end test of the real Playbook Studio app, driven through WebDriver.
//
// It expects, already running: a display (Xvfb) and tauri-driver on
// 127.0.0.1:$WEBDRIVER_PORT (default 4444), started with
// `--native-driver /usr/bin/WebKitWebDriver`. Then:
//
//   APP_BIN=/abs/path/to/target/debug/<app> SCREENSHOT_DIR=target/e2e node tests/e2e/app.e2e.mjs
//
// tauri-driver starts APP_BIN (through WebKitWebDriver) for every WebDriver session, and
// ending a session closes the app. The app inherits the environment of tauri-driver, not
// of this script: DISPLAY and PLAYBOOK_STUDIO_HOME must be set where tauri-driver is
// started. A relative SCREENSHOT_DIR is taken from the current directory.
//
// The harness is deliberately tiny: tests run in order, each prints `ok - name` or
// `not ok - name: error`, every session is ended after each test whatever happened, and
// the last line is `N passed, M failed`. The exit code is 1 when any test failed.

import { access, mkdir, writeFile } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote } from 'webdriverio';

const APP_BIN = process.env.APP_BIN;
const WEBDRIVER_PORT = Number(process.env.WEBDRIVER_PORT || 4444);
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || 'target/e2e');

/** App start-up plus the first `list_playbooks`: generous, a cold debug build is slow. */
const START_TIMEOUT_MS = 30_000;
/** A created playbook must show up in the list within this time. */
const ROW_TIMEOUT_MS = 10_000;
/** Whole-test guard, so that a hung WebDriver call cannot stall CI. */
const TEST_TIMEOUT_MS = 180_000;

const testId = (id) => `[data-testid="${id}"]`;

// ---------------------------------------------------------------------------------------
// Harness

const tests = [];
const openSessions = new Set();

function test(name, fn) {
  tests.push({ name, fn });
}

async function runAll() {
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    try {
      await withTimeout(fn(), TEST_TIMEOUT_MS, `the test did not finish within ${TEST_TIMEOUT_MS / 1000} s`);
      passed += 1;
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      const [first, ...rest] = errorText(error).split('\n');
      console.log(`not ok - ${name}: ${first}`);
      for (const line of rest) console.log(`#   ${line}`);
      await screenshotOpenSessions(`failure-${slug(name)}`);
    } finally {
      await endAllSessions();
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed;
}

function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function errorText(error) {
  if (error instanceof Error) return error.message || String(error);
  return typeof error === 'string' ? error : JSON.stringify(error);
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------
// The app through tauri-driver

/** Starts the app (a new WebDriver session) and waits until its start page is ready. */
async function launchApp(args = [], { waitForStartPage = true } = {}) {
  assert(APP_BIN, 'APP_BIN is not set: point it at the built Playbook Studio binary');
  try {
    await access(APP_BIN, fsConstants.X_OK);
  } catch {
    throw new Error(`APP_BIN=${APP_BIN} is not an executable file (build the app first)`);
  }

  let browser;
  try {
    browser = await remote({
      hostname: '127.0.0.1',
      port: WEBDRIVER_PORT,
      logLevel: 'warn',
      // One attempt: a retried "new session" could start a second copy of the app.
      connectionRetryCount: 0,
      connectionRetryTimeout: 90_000,
      capabilities: {
        browserName: 'wry',
        'wdio:enforceWebDriverClassic': true,
        'tauri:options': { application: APP_BIN, args },
      },
    });
  } catch (error) {
    throw new Error(
      `could not start the app through tauri-driver on 127.0.0.1:${WEBDRIVER_PORT}` +
        ` (${await driverStatus()}): ${errorText(error)}`,
    );
  }
  openSessions.add(browser);
  if (waitForStartPage) {
    await waitForPage(browser, 'the start page (name field and a loaded list)', START_TIMEOUT_MS, (page) => page.ready);
  }
  return browser;
}

async function driverStatus() {
  try {
    const response = await fetch(`http://127.0.0.1:${WEBDRIVER_PORT}/status`, {
      signal: AbortSignal.timeout(3_000),
    });
    return `tauri-driver answers /status with HTTP ${response.status}`;
  } catch {
    return 'tauri-driver does not answer /status: is it running?';
  }
}

/** Ends the session; tauri-driver then closes the app. Never throws. */
async function endSession(browser) {
  if (!openSessions.delete(browser)) return;
  try {
    await withTimeout(browser.deleteSession(), 30_000, 'deleteSession did not answer within 30 s');
  } catch (error) {
    console.log(`# could not end a WebDriver session: ${errorText(error)}`);
  }
}

async function endAllSessions() {
  for (const browser of [...openSessions]) await endSession(browser);
}

/** Lets the webview paint what the DOM already shows (screenshots copy the last frame). */
async function settle(browser) {
  try {
    await browser.execute(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))),
    );
  } catch {
    // Not worth failing a test over: the sleep below still helps.
  }
  await sleep(300);
}

async function saveScreenshot(browser, name) {
  await settle(browser);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  const base64 = await browser.takeScreenshot();
  await writeFile(file, Buffer.from(base64, 'base64'));
  console.log(`# screenshot: ${file}`);
  return file;
}

async function screenshotOpenSessions(name) {
  for (const browser of openSessions) {
    try {
      await withTimeout(saveScreenshot(browser, name), 15_000, 'screenshot timed out');
    } catch (error) {
      console.log(`# could not take a failure screenshot: ${errorText(error)}`);
    }
  }
}

/**
 * What the start page shows, read in one round trip (no stale element references).
 * Runs inside the webview: it must not refer to anything outside its own body.
 */
function readStartPage() {
  const one = (id) => document.querySelector(`[data-testid="${id}"]`);
  const rows = Array.from(document.querySelectorAll('[data-testid="playbook-row"]'), (row) => ({
    id: row.getAttribute('data-playbook-id'),
    name: row.querySelector('[data-testid="playbook-name"]')?.textContent ?? '',
    text: row.textContent ?? '',
  }));
  const listShown = one('playbook-list') !== null || one('empty-state') !== null || one('no-match-state') !== null;
  const banner = one('error-banner');
  const heading = document.querySelector('h1');
  // Never name a field `error`: webdriverio takes `{ error: ... }` results for a failed command.
  return {
    title: document.title,
    heading: heading ? heading.textContent : null,
    ready: one('new-playbook-name') !== null && listShown,
    appError: banner
      ? `${(banner.querySelector('p') ?? banner).textContent} [code ${banner.getAttribute('data-error-code')}]`
      : null,
    nameValue: one('new-playbook-name')?.value ?? null,
    rows,
  };
}

function describePage(page) {
  if (!page) return 'nothing could be read from the page';
  const names = page.rows.map((row) => JSON.stringify(row.name)).join(', ') || 'none';
  return `title ${JSON.stringify(page.title)}, ready ${page.ready}, rows [${names}]` +
    (page.appError ? `, error banner ${JSON.stringify(page.appError)}` : '');
}

/**
 * Polls the page until `condition(page)` holds. Stops early, with the banner's text, when
 * the app shows an error; on timeout the message says what the page showed last.
 */
async function waitForPage(browser, what, timeoutMs, condition) {
  let page = null;
  let lastError = null;
  const matched = await browser
    .waitUntil(
      async () => {
        try {
          page = await browser.execute(readStartPage);
          lastError = null;
        } catch (error) {
          lastError = error; // the webview may still be loading
          return false;
        }
        return condition(page) || page.appError !== null;
      },
      { timeout: timeoutMs, interval: 250 },
    )
    .then(() => true, () => false);
  if (matched && condition(page)) return page;
  if (matched) throw new Error(`the app showed an error while waiting for ${what}: ${page.appError}`);
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${what}; the page showed: ${describePage(page)}` +
      (lastError ? `; last WebDriver error: ${errorText(lastError)}` : ''),
  );
}

async function typeInto(browser, id, text) {
  const element = await browser.$(testId(id));
  await element.waitForDisplayed({ timeout: 5_000, timeoutMsg: `${testId(id)} is not displayed` });
  await element.setValue(text);
  const value = await element.getValue();
  assert(value === text, `typed ${JSON.stringify(text)} into ${testId(id)} but it holds ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------------------------------
// Tests

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

async function openDesigner(browser, playbook) {
  const row = await browser.$(`[data-testid="playbook-row"][data-playbook-id="${playbook.id}"]`);
  await row.waitForDisplayed({ timeout: ROW_TIMEOUT_MS, timeoutMsg: `no row for ${playbook.id}` });
  await row.click();
  const designer = await browser.$(testId('designer'));
  await designer.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: 'the designer did not open' });
  const palette = await browser.$(testId('palette'));
  await palette.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: 'the palette (catalogue from the core) did not show' });
}

async function blockIds(browser) {
  return browser.execute(() => [...document.querySelectorAll('[data-node-id]')].map((e) => e.getAttribute('data-node-id')));
}

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

/** Every file under a folder, recursively. */
async function filesUnder(dir) {
  const { readdir } = await import('node:fs/promises');
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

test('a module configuration keeps its API key in the OS keychain and in no file', async () => {
  assert(created, 'no playbook to open: the first test did not create one');
  const home = process.env.PLAYBOOK_STUDIO_HOME;
  assert(home, 'PLAYBOOK_STUDIO_HOME must be set for this test');
  await endAllSessions();
  await sleep(1_000);
  const browser = await launchApp();
  await openDesigner(browser, created);
  await browser.waitUntil(async () => (await blockIds(browser)).includes('0'), { timeout: 10_000, timeoutMsg: 'the saved block is missing' });
  await (await browser.$('[data-node-id="0"]')).click();
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
  const { readFile } = await import('node:fs/promises');
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

// ---------------------------------------------------------------------------------------

async function main() {
  console.log(`# APP_BIN=${APP_BIN ?? '(unset)'} WEBDRIVER_PORT=${WEBDRIVER_PORT} SCREENSHOT_DIR=${SCREENSHOT_DIR}`);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      console.log(`# ${signal}: ending WebDriver sessions`);
      await endAllSessions();
      process.exit(1);
    });
  }
  const failed = await runAll();
  process.exit(failed > 0 ? 1 : 0);
}

main().catch(async (error) => {
  console.log(`# the harness itself failed: ${errorText(error)}`);
  await endAllSessions();
  console.log('0 passed, 1 failed');
  process.exit(1);
});
