// Templates, first run and the Catalogue page in the real app: the welcome of an empty home
// and its one-click sample (a green run without any account); the gallery's tag filters
// (compared with `playbook templates list --tag`), search, keyboard and Create with the
// configuration checklist; and the shared automation-library folder imported from the
// Catalogue page turning a shared template's "Unknown block" into a known one.

import { spawnSync } from 'node:child_process';
import { access } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { assert, endAllSessions, invoke, launchApp, openDesigner, replaceText, ROW_TIMEOUT_MS, saveScreenshot, SHARED, sharedTemplatePath, START_TIMEOUT_MS, test, testId, waitForPage } from './harness.mjs';
import { canvasStates, waitForRunEnd } from './runs.e2e.mjs';

const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';
const TAGS = ['alert', 'notification', 'webhook'];

function cli(args) {
  const home = path.join(os.tmpdir(), `e2e-templates-cli-${process.pid}`);
  const out = spawnSync(path.join(path.dirname(process.env.APP_BIN), 'playbook'), ['--home', home, ...args], { encoding: 'utf8' });
  assert(out.status === 0, `playbook ${args.join(' ')} failed: ${out.stderr}`);
  return out.stdout;
}

async function click(browser, selector, what = selector) {
  const element = await browser.$(selector);
  await element.waitForClickable({ timeout: 10_000, timeoutMsg: `${what} is not there to click` });
  await element.click();
}

const shownSlugs = (browser) => browser.execute(() => [...document.querySelectorAll('[data-template-slug]')].map((e) => e.getAttribute('data-template-slug')));

/** Registered first: it needs the empty home the WebDriver run starts with. */
export function registerWelcome() {
  test('an empty home opens on the welcome, and "Run a sample" shows a green run without any account', async () => {
    const browser = await launchApp();
    const welcome = await browser.$('[data-panel="welcome"]');
    await welcome.waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: 'an empty home does not show the welcome' });
    for (const action of ['run-sample', 'welcome-templates', 'welcome-import', 'welcome-empty']) {
      assert(await (await browser.$(`[data-action="${action}"]`)).isDisplayed(), `the welcome offers no ${action}`);
    }
    await saveScreenshot(browser, 'welcome');
    await click(browser, '[data-action="run-sample"]', 'Run a sample');
    await (await browser.$(testId('designer-title'))).waitForDisplayed({ timeout: START_TIMEOUT_MS, timeoutMsg: 'the sample did not open in the designer' });
    const run = await waitForRunEnd(browser);
    assert(run.status === 'succeeded', `the sample run ended ${run.status}`);
    const states = await canvasStates(browser);
    assert(Object.keys(states).length === 4 && Object.values(states).every((s) => s === 'succeeded'), `every block of the sample is green: ${JSON.stringify(states)}`);
    await saveScreenshot(browser, 'welcome-sample-run');
  });
}

export function register() {
  test('the gallery filters by tag as `playbook templates list --tag` does, searches, and creates with a configuration checklist; Save as template adds one of yours', async () => {
    await endAllSessions();
    await sleep(1_000);
    const browser = await launchApp();
    // A configuration of the Sekoia.io module exists, so the checklist offers it.
    const configuration = await invoke(browser, 'create_module_configuration', { input: { module_uuid: SEKOIA, name: 'E2E tenant', values: {}, secrets: { api_key: 'e2e-not-a-real-key' } } });
    await browser.refresh();
    await waitForPage(browser, 'the start page', ROW_TIMEOUT_MS, (p) => p.ready);
    await click(browser, '[data-action="open-templates"]', 'Use a template');
    await (await browser.$('[data-panel="templates"]')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the gallery did not open' });
    const everything = JSON.parse(cli(['--json', 'templates', 'list'])).templates.map((t) => t.slug);
    await browser.waitUntil(async () => (await shownSlugs(browser)).length === everything.length, { timeout: 10_000, timeoutMsg: 'the gallery does not show every template' });
    assert(everything.length >= 15, `${everything.length} templates`);

    for (const tag of TAGS) {
      await click(browser, `[data-tag-filter="${tag}"]`, `the ${tag} filter`);
      const expected = JSON.parse(cli(['--json', 'templates', 'list', '--tag', tag])).templates.map((t) => t.slug);
      let shown = [];
      await browser.waitUntil(async () => JSON.stringify((shown = await shownSlugs(browser))) === JSON.stringify(expected), {
        timeout: 5_000,
        timeoutMsg: `with the ${tag} filter the gallery shows ${JSON.stringify(shown)}, the CLI lists ${JSON.stringify(expected)}`,
      });
      assert(expected.length > 0 && expected.length < everything.length, `the ${tag} filter narrows the list (${expected.length})`);
    }
    await click(browser, '[data-tag-filter="all"]', 'All');
    await saveScreenshot(browser, 'templates-gallery');

    const search = await browser.$('[data-field="template-search"]');
    await replaceText(browser, search, 'urgency band');
    await browser.waitUntil(async () => JSON.stringify(await shownSlugs(browser)) === JSON.stringify(['route-alerts-by-urgency-band']), { timeout: 5_000, timeoutMsg: 'the search does not narrow to the urgency-band template' });
    await replaceText(browser, search, '');
    // The whole gallery back before the keys (a key pressed while it re-renders lands nowhere).
    await browser.waitUntil(async () => JSON.stringify(await shownSlugs(browser)) === JSON.stringify(everything), { timeout: 5_000, timeoutMsg: 'the cleared search does not show every template again' });
    // Keyboard: Down from the search goes to the first card, Right to the next one.
    await search.click();
    await browser.keys(['ArrowDown']);
    let focused = null;
    await browser.waitUntil(async () => (focused = await browser.execute(() => document.activeElement?.getAttribute('data-template-slug'))) === everything[0], {
      timeout: 5_000,
      timeoutMsg: `after Down the first card has no focus (${focused})`,
    });
    await browser.keys(['ArrowRight']);
    await browser.waitUntil(async () => (focused = await browser.execute(() => document.activeElement?.getAttribute('data-template-slug'))) === everything[1], {
      timeout: 5_000,
      timeoutMsg: `after Down then Right the second card has no focus (${focused})`,
    });

    await click(browser, '[data-template-slug="create-case-from-alert"]', 'the case template');
    const name = await browser.$('[data-field="template-playbook-name"]');
    await browser.waitUntil(async () => (await name.getValue()) !== '', { timeout: 5_000, timeoutMsg: 'the name field is not prefilled' });
    await replaceText(browser, name, 'E2E case from alert');
    await click(browser, '[data-action="create-from-template"]', 'Create');
    await (await browser.$(testId('designer-title'))).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the new playbook did not open' });
    const title = () => browser.execute(() => document.querySelector('[data-testid="designer-title"]')?.textContent ?? '');
    await browser.waitUntil(async () => (await title()).includes('E2E case from alert'), { timeout: 5_000, timeoutMsg: 'the designer does not show the chosen name' });

    // The checklist lists every Sekoia.io block; picking the configuration clears it.
    const created = (await invoke(browser, 'list_playbooks')).find((p) => p.name === 'E2E case from alert');
    const doc = await invoke(browser, 'get_playbook', { id: created.id });
    const needing = Object.entries(doc.content.nodes).filter(([, n]) => n.module_uuid === SEKOIA).map(([id]) => id).sort();
    const rows = () => browser.execute(() => [...document.querySelectorAll('[data-checklist-node]')].map((e) => e.getAttribute('data-checklist-node')).sort());
    await browser.waitUntil(async () => JSON.stringify(await rows()) === JSON.stringify(needing), { timeout: 10_000, timeoutMsg: `the checklist does not list the Sekoia.io blocks ${JSON.stringify(needing)}: ${JSON.stringify(await rows())}` });
    await saveScreenshot(browser, 'template-checklist');
    for (let left = needing.length; left > 0; left -= 1) {
      const select = await browser.$('[data-field="checklist-configuration"]');
      await select.waitForDisplayed({ timeout: 5_000, timeoutMsg: 'a checklist row offers no configuration to pick' });
      await select.selectByAttribute('value', configuration.id);
      await browser.waitUntil(async () => (await rows()).length === left - 1, { timeout: 5_000, timeoutMsg: 'picking a configuration does not tick the block off' });
    }
    await browser.waitUntil(async () => !(await (await browser.$('[data-panel="config-checklist"]')).isExisting()), { timeout: 5_000, timeoutMsg: 'the checklist stays once every block is set' });
    await browser.waitUntil(
      async () => {
        const saved = await invoke(browser, 'get_playbook', { id: created.id });
        return needing.every((id) => saved.content.nodes[id].module_configuration_uuid === configuration.id);
      },
      { timeout: 10_000, timeoutMsg: 'the chosen configuration is not saved on every block' },
    );

    // Save as template: a user template, listed in the gallery as yours, then deleted.
    await click(browser, '[data-action="save-as-template"]', 'Save as template');
    await (await browser.$(testId('save-template-dialog'))).waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the Save as template dialog did not open' });
    await replaceText(browser, await browser.$('[data-field="template-name"]'), 'E2E our case');
    await click(browser, '[data-template-tag="alert"]', 'the alert tag');
    await click(browser, '[data-action="confirm-save-template"]', 'Save template');
    await browser.waitUntil(async () => /Saved as the template/.test(await browser.execute(() => document.querySelector('[data-testid="designer-notice"]')?.textContent ?? '')), {
      timeout: 10_000,
      timeoutMsg: 'no notice that the template was saved',
    });
    await click(browser, testId('back-to-playbooks'), 'back to the playbooks');
    await click(browser, '[data-action="open-templates"]', 'Use a template');
    const mine = await browser.$('[data-template-slug="e2e-our-case"]');
    await mine.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the saved template is not in the gallery' });
    assert(/yours/i.test(await mine.getText()), 'the user template is marked as yours');
    await mine.click();
    await click(browser, '[data-action="delete-template"]', 'Delete template');
    await click(browser, testId('dialog-confirm'), 'the confirmation');
    await browser.waitUntil(async () => !(await shownSlugs(browser)).includes('e2e-our-case'), { timeout: 10_000, timeoutMsg: 'the deleted template is still in the gallery' });
  });

  test('importing the shared automation-library folder from the Catalogue page turns an Unknown block into a known one', async () => {
    const library = path.join(SHARED, 'fixtures/sekoia/automation-library');
    const file = sharedTemplatePath('Enrich_alerts_with_VirusTotal_Hash.json');
    try {
      await access(file);
    } catch (error) {
      if (process.env.PLAYBOOK_STUDIO_REQUIRE_SHARED === '1') throw new Error(`the shared fixtures are required: ${error.message}`);
      console.log(`# SKIPPED: ${file} is absent`);
      return;
    }
    await endAllSessions();
    await sleep(1_000);
    const browser = await launchApp();
    const summary = await invoke(browser, 'import_playbook_file', { path: file, whenExists: 'copy' });
    await browser.refresh();
    await waitForPage(browser, `"${summary.name}" in the list`, ROW_TIMEOUT_MS, (p) => p.rows.some((r) => r.id === summary.id));
    await openDesigner(browser, summary);
    const unknown = () => browser.execute(() => document.querySelectorAll('[data-testid="unknown-block"]').length);
    await browser.waitUntil(async () => (await unknown()) > 0, { timeout: 10_000, timeoutMsg: 'the shared template shows no Unknown block before the import' });
    await click(browser, testId('back-to-playbooks'), 'back to the playbooks');

    await click(browser, '[data-action="open-catalog"]', 'Catalogue');
    await (await browser.$('[data-panel="catalog"]')).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the Catalogue page did not open' });
    await replaceText(browser, await browser.$('[data-field="catalog-folder-path"]'), library);
    await click(browser, '[data-action="import-catalog-path"]', 'Import');
    const report = await browser.$(testId('catalog-import-report'));
    await report.waitForDisplayed({ timeout: 30_000, timeoutMsg: 'the import gave no report' });
    const text = await report.getText();
    assert(/\d+ modules imported/.test(text), `the report says what was imported: ${text}`);
    let imported = [];
    await browser.waitUntil(async () => (imported = await browser.execute(() => [...document.querySelectorAll('[data-module-origin="import"]')].map((e) => e.textContent))).some((t) => /virustotal/i.test(t)), {
      timeout: 10_000,
      timeoutMsg: `VirusTotal is not listed as imported: ${JSON.stringify(imported)}`,
    });
    await saveScreenshot(browser, 'catalogue');
    await click(browser, '[data-action="catalog-back"]', 'back from the Catalogue');

    await openDesigner(browser, summary);
    await browser.waitUntil(async () => (await unknown()) === 0, { timeout: 10_000, timeoutMsg: `blocks are still unknown after the import: ${await unknown()}` });
  });
}
