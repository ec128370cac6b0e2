// The side panel's "Module configuration" section: create a configuration with a secret,
// point the block at it, and check the secret never reaches the page or the document.
import { assert, test, tid, waitUntil } from './harness.mjs';

const SECRET = 'sk-e2e-5f1c9a7d-do-not-leak';

async function openGetAlert(page, app) {
  await app.open('Triage');
  await page.click('[data-node-id="1"]');
  await page.waitForSelector(tid('block-panel'));
  await page.waitForSelector(tid('configuration-select'));
}

async function fillNewConfiguration(page, name) {
  await page.click(tid('configuration-new'));
  await page.waitForSelector(tid('configuration-form'));
  await page.locator(tid('configuration-name')).fill(name);
  await page.locator(tid('configuration-value-base_url')).fill('https://app.fra2.sekoia.io/api');
  await page.locator(tid('configuration-secret-api_key')).fill(SECRET);
}

/** Every place the page could show a value: its HTML and the live value of every field. */
async function pageText(page) {
  const html = await page.content();
  const values = await page.$$eval('input, textarea, select', (els) => els.map((e) => e.value));
  return `${html}\n${values.join('\n')}`;
}

test('create a Sekoia.io configuration with an API key and select it on the block', async ({ page, app }) => {
  await openGetAlert(page, app);
  assert.equal(await page.locator(tid('configuration-select')).inputValue(), '', 'no configuration at first');
  await fillNewConfiguration(page, 'Sekoia EU');
  await page.keyboard.press('Enter');

  await page.waitForSelector(tid('configuration-details'));
  const id = await page.getAttribute(tid('configuration-details'), 'data-configuration-id');
  assert.ok(id, 'the created configuration is shown');
  assert.equal(await page.locator(tid('configuration-select')).inputValue(), id, 'the select shows the new configuration');
  assert.equal((await page.textContent(`${tid('configuration-secret')}[data-field="api_key"] ${tid('configuration-secret-state')}`)).trim(), 'stored in the keychain');
  assert.match(await page.textContent(tid('configuration-details')), /app\.fra2\.sekoia\.io/, 'the non-secret value is shown');

  await app.waitSaved();
  const saved = await app.saved();
  assert.equal(saved.nodes['1'].module_configuration_uuid, id, 'the node points at the configuration');

  // The key went to the mock's vault, and nowhere else.
  const stored = await page.evaluate((cid) => window.__PLAYBOOK_STUDIO_MOCK__.hasSecret(cid, 'api_key'), id);
  assert.equal(stored, true, 'the secret is in the vault');
  const [call] = await app.calls('create_module_configuration');
  assert.deepEqual(call.input.secrets, { api_key: '<redacted>' });
  assert.equal(call.input.name, 'Sekoia EU');
  assert.ok(!(await pageText(page)).includes(SECRET), 'the secret is not in the page');
  assert.ok(!JSON.stringify(saved).includes(SECRET), 'the secret is not in the saved document');

  // Choosing "None" is an undoable edit.
  await page.selectOption(tid('configuration-select'), '');
  await waitUntil(async () => (await page.locator(tid('configuration-details')).count()) === 0, 'the details to go');
  await page.click('.react-flow__pane');
  await page.keyboard.press('Control+z');
  await app.waitSaved();
  await waitUntil(async () => (await app.saved()).nodes['1'].module_configuration_uuid === id, 'the undo to restore the configuration');
});

test('replace and remove the stored key, with a confirmation', async ({ page, app }) => {
  await openGetAlert(page, app);
  await page.selectOption(tid('configuration-select'), 'cfg-seeded');
  await page.waitForSelector(tid('configuration-details'));
  const row = `${tid('configuration-secret')}[data-field="api_key"]`;
  await page.click(`${row} ${tid('configuration-secret-set')}`);
  await page.locator(`${row} ${tid('configuration-secret-input')}`).fill(SECRET);
  await page.keyboard.press('Enter');
  await waitUntil(async () => (await page.locator(`${row} ${tid('configuration-secret-input')}`).count()) === 0, 'the replace form to close');
  const replaced = await app.calls('replace_module_secret');
  assert.deepEqual(replaced, [{ id: 'cfg-seeded', field: 'api_key', secret: '<redacted>' }]);

  await page.click(`${row} ${tid('configuration-secret-remove')}`);
  await page.click(`${row} ${tid('configuration-secret-remove-confirm')}`);
  await waitUntil(async () => (await page.textContent(`${row} ${tid('configuration-secret-state')}`)).trim() === 'not set', 'the key to show as not set');
  assert.equal(await page.evaluate(() => window.__PLAYBOOK_STUDIO_MOCK__.hasSecret('cfg-seeded', 'api_key')), false);
  assert.ok(!(await pageText(page)).includes(SECRET), 'the secret is not in the page');
}, {
  seed: (seed) => ({
    ...seed,
    configurations: [{ id: 'cfg-seeded', module_uuid: '92d8bb47-7c51-445d-81de-ae04edbb6f0a', name: 'Seeded', values: {}, secrets: { api_key: 'sk-old' } }],
  }),
});

test('an unreachable keychain is reported inline and the typed key is cleared', async ({ page, app }) => {
  await openGetAlert(page, app);
  await fillNewConfiguration(page, 'Sekoia EU');
  await page.click(tid('configuration-create'));
  await page.waitForSelector(`${tid('configuration-create-error')}[data-error-code="vault_unavailable"]`);
  assert.match(await page.textContent(tid('configuration-create-error')), /keychain is not reachable/);
  assert.equal(await page.locator(tid('configuration-secret-api_key')).inputValue(), '', 'the key is not kept in the form');
  assert.ok(!(await pageText(page)).includes(SECRET), 'the secret is not in the page');
  assert.equal((await app.saved()).nodes['1'].module_configuration_uuid, undefined, 'the node is unchanged');
}, { seed: (seed) => ({ ...seed, vaultUnavailable: true }) });
