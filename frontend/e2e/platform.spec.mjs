// The Platform page: log in (the key goes to the keychain and never shows in the page),
// check the key's permissions, sync the catalogue, pull a platform playbook, and push one
// from the playbooks list.
import { assert, test, tid, waitUntil } from './harness.mjs';

const KEY = 'sk-e2e-platform-93b1f0-do-not-leak';
const FRA2 = 'https://app.fra2.sekoia.io/api';

/** Every place the page could show a value: its HTML and the live value of every field. */
async function pageText(page) {
  const html = await page.content();
  const values = await page.$$eval('input, textarea, select', (els) => els.map((e) => e.value));
  return `${html}\n${values.join('\n')}`;
}

const status = (page) => page.getAttribute(tid('platform-status'), 'data-status');

async function openPlatform(page) {
  await page.click(tid('platform-status'));
  await page.waitForSelector(tid('platform-page'));
}

/** A configured connection whose key grants `permissions` (all of them when omitted). */
const connected = (permissions, extra = {}) => (seed) => ({
  ...seed,
  platform: {
    baseUrl: FRA2,
    apiKey: 'sk-seeded',
    ...(permissions ? { keys: { 'sk-seeded': permissions } } : {}),
    ...extra,
  },
});

test('log in with an API key: stored in the keychain, never shown again', async ({ page, app }) => {
  await waitUntil(async () => (await status(page)) === 'not_configured', 'the header to say "not configured"');
  await openPlatform(page);
  assert.match(await page.textContent(tid('platform-check')), /Store an API key/, 'the check explains it needs a key');

  await page.selectOption(tid('platform-region'), 'fra2');
  assert.match(await page.textContent(tid('platform-url')), /app\.fra2\.sekoia\.io\/api/);
  assert.equal(await page.getAttribute(tid('platform-api-key'), 'type'), 'password');
  await page.locator(tid('platform-api-key')).fill(KEY);
  await page.keyboard.press('Enter');

  await page.waitForSelector(tid('platform-key-stored'));
  assert.match(await page.textContent(tid('platform-key-stored')), /API key stored in the keychain/);
  await page.waitForSelector(tid('platform-all-granted'));
  assert.equal((await page.$$(tid('platform-permission'))).length, 6, 'each permission is listed');
  assert.ok(!(await pageText(page)).includes(KEY), 'the key is not in the page');
  assert.deepEqual(await app.calls('platform_login'), [{ baseUrl: FRA2, apiKey: '<redacted>' }]);
  assert.equal(await page.evaluate(() => window.__PLAYBOOK_STUDIO_MOCK__.platform.hasApiKey()), true);

  // "Replace key" asks for a new key in an empty field; Cancel keeps the stored one.
  await page.click(tid('platform-key-replace'));
  assert.equal(await page.locator(tid('platform-api-key')).inputValue(), '');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'platform-api-key', 'the new key field has the focus');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForSelector(tid('platform-key-stored'));

  // Escape goes back; the header now says connected.
  await page.locator(tid('platform-page')).click({ position: { x: 5, y: 200 } });
  await page.keyboard.press('Escape');
  await page.waitForSelector(tid('playbook-list'));
  assert.equal(await status(page), 'connected');

  // Log out, after a confirmation: the key field is back, empty.
  await openPlatform(page);
  await page.click(tid('platform-logout'));
  await page.click(`${tid('platform-logout-dialog')} ${tid('dialog-confirm')}`);
  await page.waitForSelector(tid('platform-api-key'));
  assert.equal(await page.locator(tid('platform-api-key')).inputValue(), '');
  assert.equal(await page.evaluate(() => window.__PLAYBOOK_STUDIO_MOCK__.platform.hasApiKey()), false);
  assert.equal(await page.getAttribute(tid('platform-page-status'), 'data-status'), 'not_configured');
});

test('a refused key and a bad custom URL are reported next to the form', async ({ page }) => {
  await openPlatform(page);
  await page.selectOption(tid('platform-region'), 'custom');
  await page.locator(tid('platform-custom-url')).fill('http://soar.example.com/api');
  await page.locator(tid('platform-api-key')).fill(KEY);
  await page.click(tid('platform-login'));
  assert.match(await page.textContent(tid('platform-url-error')), /https/);

  await page.locator(tid('platform-custom-url')).fill('https://soar.example.com/api/');
  await page.click(tid('platform-login'));
  await page.waitForSelector(`${tid('platform-login-error')}[data-error-code="platform_unauthorized"]`);
  assert.match(await page.textContent(tid('platform-login-error')), /refused the API key/);
  assert.equal(await page.locator(tid('platform-api-key')).inputValue(), '', 'the typed key is cleared');
  assert.ok(!(await pageText(page)).includes(KEY), 'the key is not in the page');
}, { seed: (seed) => ({ ...seed, platform: { keys: { 'sk-the-only-good-one': ['view_playbooks'] } } }) });

test('check connection with a key lacking permissions lists the missing ones', async ({ page }) => {
  // The stored key is checked once at start: the header already shows the problem.
  await waitUntil(async () => (await status(page)) === 'problem', 'the header to show a problem');
  assert.match(await page.textContent(tid('platform-status')), /4 permissions missing/);
  await openPlatform(page);
  await page.click(tid('platform-check-button'));
  await page.waitForSelector(tid('platform-missing'));
  const states = await page.$$eval(tid('platform-permission'), (els) => els.map((e) => [e.getAttribute('data-permission'), e.getAttribute('data-granted')]));
  assert.deepEqual(states, [
    ['view_playbooks', 'true'],
    ['manage_playbooks', 'false'],
    ['view_runs', 'true'],
    ['rerun', 'false'],
    ['execute_actions', 'false'],
    ['view_integrations', 'false'],
  ]);
  assert.match(await page.textContent(tid('platform-missing')), /lacks 4 permissions: Manage playbooks, Re-run playbooks, Execute actions, View integrations \(modules, actions, triggers\)/);
  assert.equal((await page.$$(tid('platform-check-button'))).length, 1);

  // What needs a missing permission fails next to its button.
  await page.click(tid('platform-sync'));
  await page.waitForSelector(`${tid('platform-sync-error')}[data-error-code="platform_forbidden"]`);
  assert.match(await page.textContent(tid('platform-sync-error')), /View integrations/);
}, { seed: connected(['view_playbooks', 'view_runs']) });

test('sync the catalogue: the counts are shown', async ({ page }) => {
  await openPlatform(page);
  await page.click(tid('platform-sync'));
  await page.waitForSelector(tid('platform-sync-done'));
  assert.equal(await page.textContent(tid('platform-sync-done')), 'Synced 7 modules, 30 actions and 1 trigger from the platform.');
}, { seed: connected(null, { catalog: { modules: 7, actions: 30, triggers: 1 } }) });

test('pull a platform playbook: it appears here, marked "also local", and opens', async ({ page, app }) => {
  await openPlatform(page);
  const row = page.locator(tid('remote-playbook'), { hasText: 'Remote phishing' });
  await row.waitFor();
  assert.equal(await row.locator(tid('remote-playbook-local')).count(), 0);
  await row.locator(tid('remote-playbook-pull')).click();
  await row.locator(tid('remote-playbook-pulled')).waitFor();
  assert.match(await row.locator(tid('remote-playbook-pulled')).textContent(), /Pulled as Remote phishing, version 1/);
  assert.equal(await row.locator(tid('remote-playbook-local')).count(), 1, 'the row says "also local"');

  await row.locator(tid('remote-playbook-open')).click();
  await page.waitForSelector(tid('designer'));
  assert.equal(await page.textContent(tid('designer-title')), 'Remote phishing');
  await page.waitForSelector('[data-node-id="0"]');
  await page.click(tid('back-to-playbooks'));
  const local = page.locator(tid('playbook-row'), { hasText: 'Remote phishing' });
  await local.waitFor();
  assert.equal(await local.locator(tid('playbook-remote')).count(), 1, 'the local row says "on platform"');
  assert.deepEqual(await app.calls('platform_pull'), [{ uuid: 'rm-phish' }]);
}, {
  seed: connected(null, {
    playbooks: [
      { uuid: 'rm-phish', name: 'Remote phishing', description: 'From the tenant', updated_at: '2025-02-01T09:00:00Z', content: { nodes: { 0: { type: 'trigger', name: 'Alert Created', module_uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a', trigger_uuid: '785583cf-4377-43ce-a5fb-f4572eb57456', outputs: { default: [] }, position: { x: 0, y: 0 } } } } },
      { uuid: 'rm-other', name: 'Another one' },
    ],
  }),
});

test('push a playbook: "pushed" with its platform uuid, then the "on platform" badge', async ({ page }) => {
  const row = page.locator(tid('playbook-row'), { hasText: 'Triage' });
  assert.equal(await row.locator(tid('playbook-remote')).count(), 0);
  await row.locator(tid('playbook-push')).click();
  await row.locator(tid('playbook-push-done')).waitFor();
  const uuid = await row.locator(tid('playbook-push-done')).getAttribute('data-remote-uuid');
  assert.match(await row.locator(tid('playbook-push-done')).textContent(), new RegExp(`Pushed to the platform \\(created\\) as ${uuid}`));
  await row.locator(tid('playbook-remote')).waitFor();
  assert.equal(await page.evaluate((u) => window.__PLAYBOOK_STUDIO_MOCK__.platform.remoteContent(u)?.name, uuid), 'Triage');

  // A second push updates the same platform playbook.
  await row.locator(tid('playbook-push')).click();
  await waitUntil(async () => /\(updated\)/.test((await row.locator(tid('playbook-push-done')).textContent().catch(() => '')) ?? ''), 'the second push to say "updated"');

  // The platform page lists it as also local.
  await openPlatform(page);
  const remote = page.locator(`${tid('remote-playbook')}[data-remote-uuid="${uuid}"]`);
  await remote.waitFor();
  assert.equal(await remote.locator(tid('remote-playbook-local')).count(), 1);
}, { seed: connected() });

test('without a connection Push is disabled and says why', async ({ page }) => {
  const row = page.locator(tid('playbook-row'), { hasText: 'Triage' });
  const push = row.locator(tid('playbook-push'));
  assert.equal(await push.isDisabled(), true);
  assert.match(await push.getAttribute('title'), /Connect to the platform first/);
  assert.match(await push.getAttribute('aria-label'), /connect to the platform first/);
});

test('after a network failure the typed key stays, to try again', async ({ page }) => {
  await openPlatform(page);
  await page.locator(tid('platform-api-key')).fill(KEY);
  await page.click(tid('platform-login'));
  await page.waitForSelector(`${tid('platform-login-error')}[data-error-code="platform_unreachable"]`);
  assert.equal(await page.locator(tid('platform-api-key')).inputValue(), KEY, 'the key is still in its field');
}, { seed: (seed) => ({ ...seed, platform: { unreachable: true } }) });
