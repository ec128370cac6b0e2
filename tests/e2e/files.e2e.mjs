// Playbook files through the real core: a shared template imported and exported again must
// give the same JSON, and must open in the designer with all its blocks.
//
// The native file dialogs cannot be driven through WebDriver, so the test calls the two
// commands the Import/Export buttons call once a dialog has answered (the buttons and their
// dialogs are covered by the Playwright specs with a mocked backend).

import { readFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROW_TIMEOUT_MS, assert, blockIds, endAllSessions, invoke, launchApp, openDesigner, sharedTemplatePath, test, waitForPage } from './harness.mjs';

const TEMPLATE = sharedTemplatePath('Alerts_Shodan_Enrichment.json');

export function register() {
  test('a shared template imported into the app and exported again is the same JSON', async () => {
    let original;
    try {
      original = JSON.parse(await readFile(TEMPLATE, 'utf8'));
    } catch (error) {
      if (process.env.PLAYBOOK_STUDIO_REQUIRE_SHARED === '1') throw new Error(`the shared fixtures are required: ${error.message}`);
      console.log(`# SKIPPED: ${TEMPLATE} is absent`);
      return;
    }
    await endAllSessions();
    await sleep(1_000);
    let browser = await launchApp();
    const summary = await invoke(browser, 'import_playbook_file', { path: TEMPLATE });
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'e2e-export-')), 'exported.json');
    await invoke(browser, 'export_playbook_file', { id: summary.id, path: out });
    const exported = JSON.parse(await readFile(out, 'utf8'));
    assert(JSON.stringify(sortKeys(exported)) === JSON.stringify(sortKeys(original)), `the exported JSON differs from ${TEMPLATE}`);

    // The imported template is a playbook like any other: listed, and drawn whole.
    await endAllSessions();
    await sleep(1_000);
    browser = await launchApp();
    await waitForPage(browser, `the imported "${summary.name}" in the list`, ROW_TIMEOUT_MS, (p) => p.rows.some((r) => r.id === summary.id));
    await openDesigner(browser, summary);
    const expected = Object.keys(original.nodes).length;
    await browser.waitUntil(async () => (await blockIds(browser)).length === expected, {
      timeout: 10_000,
      timeoutMsg: `the ${expected} blocks of the template are not all on the canvas`,
    });
  });
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}
