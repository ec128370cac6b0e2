// The harness of the end-to-end tests of the real Playbook Studio app (WebDriver).
//
// The tests expect, already running: a display (Xvfb) and tauri-driver on
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

import { spawnSync } from 'node:child_process';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { remote } from 'webdriverio';

export const APP_BIN = process.env.APP_BIN;
const WEBDRIVER_PORT = Number(process.env.WEBDRIVER_PORT || 4444);
const SCREENSHOT_DIR = path.resolve(process.env.SCREENSHOT_DIR || 'target/e2e');

/** App start-up plus the first `list_playbooks`: generous, a cold debug build is slow. */
export const START_TIMEOUT_MS = 30_000;
/** A created playbook must show up in the list within this time. */
export const ROW_TIMEOUT_MS = 10_000;
/** Whole-test guard, so that a hung WebDriver call cannot stall CI. */
const TEST_TIMEOUT_MS = 180_000;

export const testId = (id) => `[data-testid="${id}"]`;

// ---------------------------------------------------------------------------------------
// Harness

const tests = [];
const openSessions = new Set();

/**
 * Registers a test; `E2E_ONLY=text` keeps only the tests whose name holds that text, or one
 * of several texts separated by `|` (local runs).
 */
export function test(name, fn) {
  const only = process.env.E2E_ONLY;
  if (only && !only.split('|').some((part) => name.includes(part))) return;
  tests.push({ name, fn });
}

export async function runAll() {
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

export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function errorText(error) {
  if (error instanceof Error) return error.message || String(error);
  return typeof error === 'string' ? error : JSON.stringify(error);
}

export function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------
// The app through tauri-driver

/**
 * Waits until no copy of the app runs any more. The app keeps one instance: a copy started
 * while the previous session's app is still shutting down would hand its arguments over and
 * exit, and the new session would wait for a window that never comes.
 */
async function waitForNoApp() {
  for (let i = 0; i < 60; i += 1) {
    if (spawnSync('pgrep', ['-x', 'playbook-studio']).status !== 0) return;
    await sleep(250);
  }
  console.log('# a previous copy of the app is still running after 15 s');
}

/** Starts the app (a new WebDriver session) and waits until its start page is ready. */
export async function launchApp(args = [], { waitForStartPage = true } = {}) {
  assert(APP_BIN, 'APP_BIN is not set: point it at the built Playbook Studio binary');
  await waitForNoApp();
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
export async function endSession(browser) {
  if (!openSessions.delete(browser)) return;
  try {
    await withTimeout(browser.deleteSession(), 30_000, 'deleteSession did not answer within 30 s');
  } catch (error) {
    console.log(`# could not end a WebDriver session: ${errorText(error)}`);
  }
}

export async function endAllSessions() {
  for (const browser of [...openSessions]) await endSession(browser);
}

/** Lets the webview paint what the DOM already shows (screenshots copy the last frame). */
export async function settle(browser) {
  try {
    await browser.execute(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)))),
    );
  } catch {
    // Not worth failing a test over: the sleep below still helps.
  }
  await sleep(300);
}

export async function saveScreenshot(browser, name) {
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
export function readStartPage() {
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
export async function waitForPage(browser, what, timeoutMs, condition) {
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

export async function typeInto(browser, id, text) {
  const element = await browser.$(testId(id));
  await element.waitForDisplayed({ timeout: 5_000, timeoutMsg: `${testId(id)} is not displayed` });
  await element.setValue(text);
  const value = await element.getValue();
  assert(value === text, `typed ${JSON.stringify(text)} into ${testId(id)} but it holds ${JSON.stringify(value)}`);
}

/**
 * Replaces the whole text of a React-controlled textarea or input. WebDriver's clear does
 * not always reach React on WebKitGTK (the old text came back before the new one was
 * typed), so the value goes through the element's native setter and an input event, then
 * is checked.
 */
export async function replaceText(browser, element, text) {
  await browser.waitUntil(
    async () => {
      await browser.execute((el, value) => {
        const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, element, text);
      return (await element.getValue()) === text;
    },
    { timeout: 5_000, interval: 200, timeoutMsg: `could not replace the text with ${JSON.stringify(text)}` },
  );
}

// ---------------------------------------------------------------------------------------
// Shared steps

export async function openDesigner(browser, playbook) {
  const row = await browser.$(`[data-testid="playbook-row"][data-playbook-id="${playbook.id}"]`);
  await row.waitForDisplayed({ timeout: ROW_TIMEOUT_MS, timeoutMsg: `no row for ${playbook.id}` });
  await row.click();
  const designer = await browser.$(testId('designer'));
  await designer.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: 'the designer did not open' });
  const palette = await browser.$(testId('palette'));
  await palette.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: 'the palette (catalogue from the core) did not show' });
}

/**
 * Selects a block by clicking it, and waits for its side panel. The designer fits the view
 * once the blocks are measured, so a click during that animation may land on the pane: it
 * is retried a few times.
 */
export async function selectBlock(browser, id) {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    await (await browser.$(`[data-node-id="${id}"]`)).click();
    const shown = await browser
      .waitUntil(() => browser.execute((nodeId) => document.querySelector(`[data-node-id="${nodeId}"]`)?.classList.contains('is-selected') === true && document.querySelector('[data-testid="block-panel"]') !== null, id), { timeout: 2_000 })
      .then(() => true, () => false);
    if (shown) return;
  }
  throw new Error(`block ${id} could not be selected: its side panel did not open`);
}

/** Calls a command of the real core from the page, as the frontend does. */
export async function invoke(browser, command, args) {
  const answer = await browser.executeAsync(
    (cmd, payload, done) => {
      window.__TAURI_INTERNALS__.invoke(cmd, payload).then(
        (value) => done({ ok: true, value }),
        (failure) => done({ ok: false, failure }),
      );
    },
    command,
    args,
  );
  assert(answer.ok, `${command} failed: ${JSON.stringify(answer.failure)}`);
  return answer.value;
}

/** Where ../shared/fixtures/sekoia lives (PLAYBOOK_STUDIO_SHARED overrides ../shared). */
export const SHARED = process.env.PLAYBOOK_STUDIO_SHARED
  ? path.resolve(process.env.PLAYBOOK_STUDIO_SHARED)
  : path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../shared');

/** The path of one of the shared template files. */
export function sharedTemplatePath(file) {
  return path.join(SHARED, 'fixtures/sekoia/templates', file);
}

/**
 * A shared template, parsed; `null` (and a visible SKIPPED line) when ../shared is absent,
 * except under `.ci/run` (PLAYBOOK_STUDIO_REQUIRE_SHARED=1), where that is an error.
 */
export async function sharedTemplate(file) {
  const { readFile } = await import('node:fs/promises');
  try {
    return JSON.parse(await readFile(sharedTemplatePath(file), 'utf8'));
  } catch (error) {
    if (process.env.PLAYBOOK_STUDIO_REQUIRE_SHARED === '1') throw new Error(`the shared fixtures are required: ${error.message}`);
    console.log(`# SKIPPED: ${sharedTemplatePath(file)} is absent`);
    return null;
  }
}

/** A trigger, then a chain of `blocks - 1` Get Alert actions laid out in a grid (benches). */
export function chainPlaybook(blocks, uuid, name) {
  const manual = { module_uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a', trigger_uuid: 'fc26eb9f-b272-4c15-b3bf-ace397c0dc57' };
  const nodes = { 0: { type: 'trigger', name: 'Manual trigger', ...manual, outputs: { default: ['1'] }, position: { x: 0, y: 0 } } };
  for (let i = 1; i < blocks; i += 1) {
    nodes[i] = {
      type: 'action', name: `Step ${i}`, module_uuid: manual.module_uuid, action_uuid: '8d189665-5401-4098-8d60-944de9a6199a',
      arguments: { uuid: `{{ node.${i - 1}.uuid }}` }, outputs: { default: i + 1 < blocks ? [String(i + 1)] : [] },
      position: { x: (i % 20) * 260, y: Math.floor(i / 20) * 160 },
    };
  }
  return { uuid, name, description: '', nodes };
}

export async function blockIds(browser) {
  return browser.execute(() => [...document.querySelectorAll('[data-node-id]')].map((e) => e.getAttribute('data-node-id')));
}

/** Every file under a folder, recursively. */
export async function filesUnder(dir) {
  const { readdir } = await import('node:fs/promises');
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

export async function main() {
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

/** Runs every registered test, then exits (1 when any failed). */
export function start() {
  main().catch(async (error) => {
    console.log(`# the harness itself failed: ${errorText(error)}`);
    await endAllSessions();
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
}
