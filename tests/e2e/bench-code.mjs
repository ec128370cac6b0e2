// Measures, in the real app (WebKitGTK), the CODE view of a run whose results weigh about
// 50 MB: from the click on CODE to its first rows, then a search for one value among them,
// with the longest gap between frames meanwhile (is the window still answering?). The run is
// made by the CLI on the app's store with the big results pinned. Prints; asserts nothing
// but that the value is found.
//
// Same set-up as app.e2e.mjs (Xvfb, tauri-driver, APP_BIN, PLAYBOOK_STUDIO_HOME):
//   node tests/e2e/bench-code.mjs [MEGABYTES]

import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { endAllSessions, invoke, launchApp, openDesigner, waitForPage } from './harness.mjs';

const MEGABYTES = Number(process.argv[2] || 50);
const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';

/** Alerts as a Search Alerts action returns them, about `megabytes` of JSON, one marked. */
function bigResults(megabytes) {
  const items = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1_000_000; i += 1) {
    const alert = {
      uuid: `5d1a8d2c-3b7e-4f0a-9c1e-${String(i).padStart(12, '0')}`,
      short_id: i === 7777 ? 'NEEDLE-42' : `AL${i}`,
      title: `Suspicious PowerShell download cradle on WKS-${i % 1000}`,
      urgency: { current_value: i % 100, value: 70, severity: 80, display: 'High' },
      rule: { name: 'PowerShell Download Cradle', uuid: 'c7e3b1d2-8a4f-4e6b-9d0c-1f2a3b4c5d6e', type: 'sigma' },
      source: `10.0.${i % 255}.34`,
      tags: ['powershell', 't1059.001'],
    };
    items.push(alert);
    size += JSON.stringify(alert).length;
  }
  return { items, total: items.length };
}

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-code-'));
  const results = path.join(dir, 'results.json');
  await writeFile(results, JSON.stringify(bigResults(MEGABYTES)));
  const doc = {
    uuid: '5e7a0000-0000-4000-8000-c0de00000050', name: `CODE bench ${MEGABYTES} MB`, description: '',
    nodes: {
      0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: 'fc26eb9f-b272-4c15-b3bf-ace397c0dc57', outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
      1: { type: 'action', name: 'Search alerts', module_uuid: SEKOIA, action_uuid: '8d189665-5401-4098-8d60-944de9a6199a', arguments: { uuid: '{{ node.0.alert_uuid }}' }, outputs: { default: [] }, position: { x: 0, y: 160 } },
    },
  };
  const file = path.join(dir, 'playbook.json');
  await writeFile(file, JSON.stringify(doc));
  const browser = await launchApp();
  const summary = await invoke(browser, 'import_playbook_file', { path: file });
  const cli = path.join(path.dirname(process.env.APP_BIN), 'playbook');
  const ran = spawnSync(cli, ['--home', process.env.PLAYBOOK_STUDIO_HOME, 'run', summary.id, '--mock', 'all', '--pin', `1=${results}`], { encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`playbook run failed: ${ran.stderr}`);
  await browser.refresh();
  await waitForPage(browser, 'the bench playbook', 10_000, (p) => p.rows.some((r) => r.id === summary.id));
  await openDesigner(browser, summary);
  await (await browser.$('[data-action="show-runs"]')).click();
  const row = await browser.$('[data-run-row]');
  await row.waitForExist({ timeout: 10_000 });
  await row.click();
  await (await browser.$('[data-action="show-code"]')).waitForClickable({ timeout: 30_000 });
  const measured = await browser.executeAsync((done) => {
    let last = performance.now();
    let worst = 0;
    let running = true;
    const tick = () => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const until = (check, limit) => new Promise((resolve) => {
      const started = performance.now();
      const poll = () => (check() ? resolve(performance.now()) : performance.now() - started > limit ? resolve(null) : setTimeout(poll, 10));
      poll();
    });
    const t0 = performance.now();
    document.querySelector('[data-action="show-code"]').click();
    until(() => document.querySelector('[data-panel="code"] [data-jinja-path]') !== null, 120_000).then(async (painted) => {
      const openWorst = worst;
      worst = 0;
      const input = document.querySelector('[data-field="code-search"]');
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      const s0 = performance.now();
      setter.call(input, 'NEEDLE-42');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const found = await until(() => document.querySelector('[data-panel="code"] [data-current="true"]') !== null, 120_000);
      running = false;
      const current = document.querySelector('[data-current="true"]');
      done({
        firstPaint: painted === null ? null : painted - t0,
        openWorstFrame: openWorst,
        search: found === null ? null : found - s0,
        searchWorstFrame: worst,
        path: current?.getAttribute('data-jinja-path') ?? null,
      });
    });
  });
  const mb = (await browser.execute(() => document.querySelector('[data-panel="code"]')?.getAttribute('data-load-ms'))) ?? '?';
  console.log(`${MEGABYTES} MB of results: CODE's first rows ${measured.firstPaint?.toFixed(0)} ms after the click (worker parse ${mb} ms), longest frame gap meanwhile ${measured.openWorstFrame.toFixed(0)} ms`);
  console.log(`search for one value: ${measured.search?.toFixed(0)} ms (including the typing pause), longest frame gap ${measured.searchWorstFrame.toFixed(0)} ms; found at ${measured.path}`);
  await endAllSessions();
  if (measured.path === null) process.exit(1);
}

main().then(() => process.exit(0), async (error) => {
  console.log(`bench failed: ${error.message}`);
  await endAllSessions();
  process.exit(1);
});
