// The platform from the real app: log in against the project's stand-in platform (the
// `mock-platform` binary of crates/testkit), check the key's permissions, push a playbook
// and see it listed on the platform; the API key ends in the OS keychain and in no file.

import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { assert, endAllSessions, filesUnder, launchApp, saveScreenshot, test, testId, typeInto } from './harness.mjs';

const MOCK_PLATFORM_BIN = process.env.MOCK_PLATFORM_BIN || path.join(path.dirname(process.env.APP_BIN || '.'), 'mock-platform');

/** Starts the stand-in platform; resolves with its URL and a stop function. */
export async function startPlatform(key, denied) {
  const child = spawn(MOCK_PLATFORM_BIN, [key, ...denied], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.once('error', (e) => reject(new Error(`cannot start ${MOCK_PLATFORM_BIN}: ${e.message} (build it with cargo build -p studio-testkit --bin mock-platform)`)));
    readline.createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { url, stop: () => child.kill() };
}

async function click(browser, id) {
  const element = await browser.$(testId(id));
  await element.waitForClickable({ timeout: 10_000, timeoutMsg: `${testId(id)} is not clickable` });
  await element.click();
}

async function waitShown(browser, selector, what, timeout = 15_000) {
  const element = await browser.$(selector);
  await element.waitForDisplayed({ timeout, timeoutMsg: `${what} (${selector}) did not show` });
  return element;
}

export function register() {
  test('the platform: log in, check permissions, push a playbook; the key is only in the keychain', async () => {
    const home = process.env.PLAYBOOK_STUDIO_HOME;
    assert(home, 'PLAYBOOK_STUDIO_HOME must be set for this test');
    const key = `e2e-platform-key-${Date.now()}-do-not-leak`;
    const platform = await startPlatform(key, ['rerun']);
    try {
      await endAllSessions();
      await sleep(1_000);
      const browser = await launchApp();
      await click(browser, 'platform-status');
      await waitShown(browser, testId('platform-page'), 'the Platform page');
      const region = await browser.$(testId('platform-region'));
      await region.selectByAttribute('value', 'custom');
      await typeInto(browser, 'platform-custom-url', platform.url);
      await (await browser.$(testId('platform-api-key'))).setValue(key);
      await click(browser, 'platform-login');
      await waitShown(browser, testId('platform-key-stored'), 'the "stored in the keychain" state (is a Secret Service running?)');

      const html = await browser.execute(() => document.documentElement.outerHTML + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('|'));
      assert(!html.includes(key), 'the API key is still in the page after logging in');

      await click(browser, 'platform-check-button');
      const missing = await waitShown(browser, testId('platform-missing'), 'the list of missing permissions');
      const text = await missing.getText();
      assert(/Re-run playbooks/.test(text), `the missing permission is not named: ${JSON.stringify(text)}`);
      await saveScreenshot(browser, 'platform');

      // Push a new playbook from the start page: it gets its platform badge...
      await click(browser, 'platform-back');
      const name = `Pushed ${Date.now()}`;
      await typeInto(browser, 'new-playbook-name', name);
      await click(browser, 'new-playbook-submit');
      await click(browser, 'back-to-playbooks');
      const row = `//li[@data-testid="playbook-row"][.//*[@data-testid="playbook-name"][normalize-space()="${name}"]]`;
      await waitShown(browser, row, `the row of "${name}"`);
      await (await browser.$(`${row}//*[@data-testid="playbook-push"]`)).click();
      await waitShown(browser, `${row}//*[@data-testid="playbook-remote"]`, 'the "on platform" badge after the push');

      // ...and is listed among the platform's playbooks, matched with the local one.
      await click(browser, 'platform-status');
      await click(browser, 'platform-playbooks-refresh');
      const remote = `//li[@data-testid="remote-playbook"][.//*[@data-testid="remote-playbook-name"][normalize-space()="${name}"]]`;
      await waitShown(browser, `${remote}//*[@data-testid="remote-playbook-local"]`, 'the pushed playbook in the platform list, marked as local too');

      // It is off on the platform until switched on; the switch says so at once.
      const state = async () => (await browser.$(`${remote}//*[@data-testid="remote-playbook-status"]`)).getAttribute('data-active');
      assert((await state()) === 'false', 'a pushed playbook starts off');
      await (await browser.$(`${remote}//*[@data-testid="remote-playbook-toggle"]`)).click();
      await browser.waitUntil(async () => (await state()) === 'true', { timeout: 10_000, timeoutMsg: '"Switch on" did not switch it on' });

      // The start page says it too, next to its "on platform" badge.
      await click(browser, 'platform-back');
      await waitShown(browser, `${row}//*[@data-testid="playbook-remote-state"][@data-active="true"]`, 'the "on" state of the pushed playbook on the start page');
    } finally {
      await endAllSessions();
      platform.stop();
    }
    await sleep(1_000);
    const leaks = [];
    for (const file of await filesUnder(home)) {
      if ((await readFile(file)).includes(key)) leaks.push(file);
    }
    assert(leaks.length === 0, `the API key leaked into ${leaks.join(', ')}`);
  });
}
