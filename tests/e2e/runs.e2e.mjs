// Runs in the real app (RUN view): a shared template run in mock mode, a failing HTTP action
// rerun after the server recovers ("Rerun failed and pending" reuses what succeeded), the
// runs list, and a 200-item foreach drawn as a strip of 200 cells. Every run's final picture
// on the canvas is compared with the node runs the core stored.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { assert, endSession, invoke, launchApp, openDesigner, replaceText, ROW_TIMEOUT_MS, saveScreenshot, selectBlock, sharedTemplate, sharedTemplatePath, test, waitForPage } from './harness.mjs';
import { startPlatform } from './platform.e2e.mjs';

const TEMPLATE_FILE = 'Alerts_Shodan_Enrichment.json';

const SEKOIA = '92d8bb47-7c51-445d-81de-ae04edbb6f0a';
const MANUAL = 'fc26eb9f-b272-4c15-b3bf-ace397c0dc57';
const HTTP = '5894985f-91eb-46db-9306-cc5ac6463d3d';
const REQUEST_URL = '40bcf3c0-aa8b-4111-9b4e-f3caffccb4e5';
const UTILS = '07cce76b-a319-40ee-a0cf-1ba433431e21';
const WAIT = '41cd724b-bfcc-4fb7-bee7-ef5d02176e4c';
const CRON = '1ad1b7ce-e335-4532-83ce-1d43c864720c';
const CRON_TRIGGER = '5039c9fe-b2d8-40b3-a11b-d2a810ddbf91';
const RUN_TIMEOUT_MS = 60_000;

/** Imports a playbook document through the core and opens it in the designer. */
async function importAndOpen(browser, doc) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-run-'));
  const file = path.join(dir, 'playbook.json');
  await writeFile(file, JSON.stringify(doc));
  const summary = await invoke(browser, 'import_playbook_file', { path: file });
  await browser.refresh();
  await waitForPage(browser, `"${summary.name}" in the list`, ROW_TIMEOUT_MS, (p) => p.rows.some((r) => r.id === summary.id));
  await openDesigner(browser, summary);
  return summary;
}

/** Opens the run dialog, picks the mock mode, optionally replaces the event, and starts. */
export async function runFromDialog(browser, mock, event = null) {
  await (await browser.$('[data-action="run"]')).click();
  const editor = await browser.$('[data-field="run-event"]');
  await editor.waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the run dialog did not open' });
  await browser.waitUntil(async () => (await editor.getValue()).trim().startsWith('{'), { timeout: 10_000, timeoutMsg: 'the run dialog got no event' });
  if (event !== null) await replaceText(browser, editor, JSON.stringify(event));
  await (await browser.$('[data-field="run-mock"]')).selectByAttribute('value', mock);
  await (await browser.$('[data-action="start-run"]')).click();
}

/** Waits for the run shown to end; returns its id and status. */
export async function waitForRunEnd(browser, previous = null) {
  let last = null;
  await browser.waitUntil(
    async () => {
      last = await browser.execute(() => {
        const bar = document.querySelector('[data-run-status]');
        return bar ? { id: bar.getAttribute('data-run-id'), status: bar.getAttribute('data-run-status') } : null;
      });
      return last !== null && last.id !== previous && last.id !== '' && !['starting', 'running'].includes(last.status);
    },
    { timeout: RUN_TIMEOUT_MS, interval: 200, timeoutMsg: `the run did not end; the run bar showed ${JSON.stringify(last)}` },
  );
  return last;
}

export function canvasStates(browser) {
  return browser.execute(() =>
    Object.fromEntries([...document.querySelectorAll('.react-flow__node [data-node-id]')].map((e) => [e.getAttribute('data-node-id'), e.getAttribute('data-run-state')])),
  );
}

const PRECEDENCE = ['running', 'failed', 'succeeded', 'left', 'skipped', 'pending'];

/** The canvas must show, for every block, the state the core stored for it. */
async function assertCanvasMatchesStore(browser, runId) {
  const details = await invoke(browser, 'get_run', { runId });
  const expected = {};
  for (const nr of details.node_runs) {
    const old = expected[nr.node_id];
    if (old === undefined || PRECEDENCE.indexOf(nr.status) < PRECEDENCE.indexOf(old)) expected[nr.node_id] = nr.status;
  }
  const shown = await canvasStates(browser);
  for (const [id, state] of Object.entries(expected)) {
    assert(shown[id] === state, `block ${id}: the canvas shows ${shown[id]}, the store has ${state}`);
  }
  return details;
}

function serve(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function httpNode(name, url, next) {
  return { type: 'action', name, module_uuid: HTTP, action_uuid: REQUEST_URL, arguments: { url, method: 'get' }, outputs: { default: next } };
}

export function register() {
  test('a shared template runs in mock mode: every reached block turns green, as stored', async () => {
    const doc = await sharedTemplate(TEMPLATE_FILE);
    if (doc === null) return;
    const browser = await launchApp();
    await importAndOpen(browser, doc);
    await runFromDialog(browser, 'all');
    const run = await waitForRunEnd(browser);
    assert(run.status === 'succeeded', `the run ended ${run.status}`);
    const details = await assertCanvasMatchesStore(browser, run.id);
    const reached = details.node_runs.filter((n) => !['skipped', 'pending'].includes(n.status));
    assert(reached.length >= 3, `only ${reached.length} blocks ran`);
    assert(reached.every((n) => n.status === 'succeeded' || n.status === 'left'), `not every reached block succeeded: ${JSON.stringify(reached.map((n) => [n.node_id, n.status]))}`);
    // React Flow draws the links' new classes on a later frame than the blocks'.
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelectorAll('.react-flow__edge.edge--taken').length)) > 0, {
      timeout: 5_000,
      timeoutMsg: 'no link lit up along the path taken',
    });
    await saveScreenshot(browser, 'run-template-succeeded');
  });

  test('a failing HTTP action fails the run; Rerun failed and pending reuses what succeeded', async () => {
    let flaky = 500;
    const server = await serve((req, res) => {
      const status = req.url.startsWith('/flaky') ? flaky : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, status }));
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    try {
      const doc = {
        uuid: 'c0000000-0000-4000-8000-0000000e2e01',
        name: 'E2E flaky enrichment',
        description: 'HTTP calls to a local server that fails, then recovers',
        nodes: {
          0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
          1: { ...httpNode('Lookup', `${base}/ok`, ['2']), position: { x: 0, y: 160 } },
          2: { ...httpNode('Enrich', `${base}/flaky`, ['3']), position: { x: 0, y: 320 } },
          3: { ...httpNode('Notify', `${base}/ok`, []), position: { x: 0, y: 480 } },
        },
      };
      const browser = await launchApp();
      await importAndOpen(browser, doc);
      await runFromDialog(browser, 'unknown', { alert_uuid: 'e2e' });
      const failed = await waitForRunEnd(browser);
      assert(failed.status === 'failed', `the first run ended ${failed.status}`);
      const states = await canvasStates(browser);
      assert(states['1'] === 'succeeded' && states['2'] === 'failed' && states['3'] === 'pending', `states after the failure: ${JSON.stringify(states)}`);
      await assertCanvasMatchesStore(browser, failed.id);
      // The failed block's side panel says why: its error and rendered arguments.
      await selectBlock(browser, '2');
      const why = await browser.execute(() => document.querySelector('[data-panel="node-run"]')?.textContent ?? '');
      assert(why.includes('HTTP 500') && why.includes('/flaky'), `the block's run panel does not give the error: ${JSON.stringify(why.slice(0, 300))}`);
      await saveScreenshot(browser, 'run-failed-timeline');

      flaky = 200;
      await (await browser.$('[data-action="rerun-failed"]')).click();
      const rerun = await waitForRunEnd(browser, failed.id);
      assert(rerun.status === 'succeeded', `the rerun ended ${rerun.status}`);
      const details = await assertCanvasMatchesStore(browser, rerun.id);
      const byNode = Object.fromEntries(details.node_runs.map((n) => [n.node_id, n]));
      assert(byNode['1'].reused && !byNode['2'].reused && !byNode['3'].reused, `reuse: ${JSON.stringify(details.node_runs.map((n) => [n.node_id, n.reused]))}`);
      assert(details.run.rerun_of === failed.id, 'the rerun names the run it reran');

      await (await browser.$('[data-action="show-runs"]')).click();
      await browser.waitUntil(
        async () => browser.execute((a, b) => document.querySelector(`[data-run-row="${a}"]`) !== null && document.querySelector(`[data-run-row="${b}"]`) !== null, failed.id, rerun.id),
        { timeout: 10_000, timeoutMsg: 'the runs list does not show both runs' },
      );
      const rows = await browser.execute(() => [...document.querySelectorAll('[data-run-row]')].map((r) => [r.getAttribute('data-run-row'), r.getAttribute('data-run-status')]));
      assert(rows[0][0] === rerun.id && rows[0][1] === 'succeeded' && rows[1][0] === failed.id && rows[1][1] === 'failed', `runs list: ${JSON.stringify(rows)}`);
      await saveScreenshot(browser, 'runs-list');
    } finally {
      server.close();
    }
  });

  test('a run plays live (the running block pulses) and Stop cancels it', async () => {
    const doc = {
      uuid: 'c0000000-0000-4000-8000-0000000e2e03',
      name: 'E2E long wait',
      description: 'A Wait that Stop must cancel',
      nodes: {
        0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
        1: { type: 'operator', subtype: 'condition', name: 'Urgent?', cases: [{ name: 'urgent', left: '{{ node.0.urgency }}', comparison: '>=', right: '{{ 50 }}' }], outputs: { urgent: ['2'], else: [] }, position: { x: 0, y: 160 } },
        2: { type: 'action', name: 'Wait for the SIEM', module_uuid: UTILS, action_uuid: WAIT, arguments: { duration: 60 }, outputs: { default: ['3'] }, position: { x: 0, y: 320 } },
        3: { type: 'action', name: 'Get alert', module_uuid: SEKOIA, action_uuid: '8d189665-5401-4098-8d60-944de9a6199a', arguments: { uuid: '{{ node.0.alert_uuid }}' }, outputs: { default: [] }, position: { x: 0, y: 480 } },
      },
    };
    const browser = await launchApp();
    await importAndOpen(browser, doc);
    await runFromDialog(browser, 'unknown', { alert_uuid: 'e2e-live', urgency: 80 });
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('.react-flow__node [data-node-id="2"]')?.getAttribute('data-run-state'))) === 'running', {
      timeout: 15_000,
      timeoutMsg: 'the Wait block never showed as running',
    });
    const live = await browser.execute(() => ({
      status: document.querySelector('[data-run-status]')?.getAttribute('data-run-status'),
      condition: document.querySelector('.react-flow__node [data-node-id="1"]')?.getAttribute('title'),
      stop: document.querySelector('[data-action="stop-run"]') !== null,
    }));
    assert(live.status === 'running' && live.stop, `while the Wait runs: ${JSON.stringify(live)}`);
    assert((live.condition ?? '').includes('urgent: 80 >= 50'), `the condition says why it went that way: ${JSON.stringify(live.condition)}`);
    await saveScreenshot(browser, 'run-live');
    await (await browser.$('[data-action="stop-run"]')).click();
    const run = await waitForRunEnd(browser);
    assert(run.status === 'cancelled', `after Stop the run is ${run.status}`);
    const states = await canvasStates(browser);
    assert(states['2'] === 'failed' && states['3'] === 'pending', `after Stop: ${JSON.stringify(states)}`);
    await assertCanvasMatchesStore(browser, run.id);
  });

  test('a 200-item foreach shows its strip of 200 cells', async () => {
    const doc = {
      uuid: 'c0000000-0000-4000-8000-0000000e2e02',
      name: 'E2E two hundred items',
      description: 'A foreach over 200 items',
      nodes: {
        0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
        1: { type: 'operator', subtype: 'foreach', name: 'Each item', items: '{{ range(200) | list }}', loop: ['2'], outputs: { default: [] }, position: { x: 0, y: 160 } },
        2: { type: 'operator', subtype: 'store', name: 'Keep', modifications: [{ type: 'append', key: 'seen', value: '{{ node.1.default.value }}' }], outputs: { default: [] }, position: { x: 320, y: 320 } },
      },
    };
    const browser = await launchApp();
    await importAndOpen(browser, doc);
    await runFromDialog(browser, 'all');
    const run = await waitForRunEnd(browser);
    assert(run.status === 'succeeded', `the run ended ${run.status}`);
    const strip = await browser.execute(() => {
      const s = document.querySelector('[data-node-id="1"] [data-testid="foreach-strip"]');
      return s ? { cells: s.querySelectorAll('[data-iteration]').length, said: s.getAttribute('data-cells'), green: s.querySelectorAll('[data-run-state="succeeded"]').length } : null;
    });
    assert(strip !== null && strip.cells === 200 && strip.said === '200' && strip.green === 200, `strip: ${JSON.stringify(strip)}`);
    await assertCanvasMatchesStore(browser, run.id);
  });

  test('a pushed playbook runs on the platform: switched on and said so, the failure and its logs shown, rerun in place', async () => {
    const key = `e2e-run-key-${Date.now()}`;
    // Node 2 fails the first time it runs, as the platform's SDK reports it (finished + error).
    const platform = await startPlatform(key, ['--fail', '2']);
    try {
      const browser = await launchApp();
      await invoke(browser, 'platform_login', { baseUrl: platform.url, apiKey: key });
      const doc = {
        uuid: 'c0000000-0000-4000-8000-0000000e2e04',
        name: 'E2E platform run',
        description: 'Pushed, then run on the stand-in platform',
        nodes: {
          0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
          1: { type: 'action', name: 'Get alert', module_uuid: SEKOIA, action_uuid: '8d189665-5401-4098-8d60-944de9a6199a', arguments: { uuid: '{{ node.0.alert_uuid }}' }, outputs: { default: ['2'] }, position: { x: 0, y: 160 } },
          2: { type: 'action', name: 'Comment', module_uuid: SEKOIA, action_uuid: '8d189665-5401-4098-8d60-944de9a6199a', arguments: { uuid: '{{ node.0.alert_uuid }}' }, outputs: { default: [] }, position: { x: 0, y: 320 } },
        },
      };
      const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-run-'));
      await writeFile(path.join(dir, 'p.json'), JSON.stringify(doc));
      const summary = await invoke(browser, 'import_playbook_file', { path: path.join(dir, 'p.json') });
      await invoke(browser, 'platform_push', { id: summary.id });
      await browser.refresh();
      await waitForPage(browser, `"${summary.name}" in the list`, ROW_TIMEOUT_MS, (p) => p.rows.some((r) => r.id === summary.id));
      await openDesigner(browser, summary);
      await (await browser.$('[data-action="run"]')).click();
      const remote = await browser.$('[data-action="start-platform-run"]');
      await remote.waitForClickable({ timeout: 10_000, timeoutMsg: '"Run on the platform" is not offered for a pushed playbook' });
      await remote.click();
      const run = await waitForRunEnd(browser);
      assert(run.status === 'failed', `the platform run ended ${run.status}`);
      const details = await assertCanvasMatchesStore(browser, run.id);
      assert(details.run.origin === 'platform', `origin ${details.run.origin}`);
      assert(details.node_runs.find((n) => n.node_id === '2')?.error === 'node 2 failed on purpose', `node 2's error: ${JSON.stringify(details.node_runs)}`);
      assert(details.node_runs.find((n) => n.node_id === '1')?.results?.node === '1', 'the results came from the whole node run');
      const notices = await browser.execute(() => [...document.querySelectorAll('[data-testid="run-notice"]')].map((e) => e.textContent));
      assert(notices.some((n) => /switched platform playbook .* on/.test(n)), `the run bar says the playbook was switched on: ${JSON.stringify(notices)}`);

      // The platform's logs of the playbook say why it failed.
      await (await browser.$('[data-action="show-platform-logs"]')).click();
      await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('[data-testid="platform-logs"]')?.textContent ?? '')).includes('node 2 failed'), {
        timeout: 10_000,
        timeoutMsg: 'the platform logs do not show the failure',
      });
      await saveScreenshot(browser, 'platform-run-failed-logs');

      // Rerun failed and pending: the platform updates the same run.
      await (await browser.$('[data-action="rerun-failed"]')).click();
      const again = await waitForRunEnd(browser);
      assert(again.id === run.id && again.status === 'succeeded', `the rerun in place: ${JSON.stringify(again)}`);
      await assertCanvasMatchesStore(browser, run.id);
      await (await browser.$('[data-action="show-runs"]')).click();
      await browser.waitUntil(async () => browser.execute((id) => document.querySelector(`[data-run-row="${id}"]`) !== null, run.id), {
        timeout: 10_000,
        timeoutMsg: 'the platform run is not in the runs list',
      });
      const rows = await browser.execute(() => document.querySelectorAll('[data-run-row]').length);
      assert(rows === 1, `one run in the list after a rerun in place, found ${rows}`);
    } finally {
      platform.stop();
    }
  });

  test('a run made by the CLI on the same store appears in the Runs tab and plays live', async () => {
    const home = process.env.PLAYBOOK_STUDIO_HOME;
    assert(home, 'PLAYBOOK_STUDIO_HOME must be set for this test');
    const cli = path.join(path.dirname(process.env.APP_BIN), 'playbook');
    const doc = {
      uuid: 'c0000000-0000-4000-8000-0000000e2e05',
      name: 'E2E run from the CLI',
      description: 'Started by playbook run, watched in the app',
      nodes: {
        0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
        1: { type: 'action', name: 'Wait a little', module_uuid: UTILS, action_uuid: WAIT, arguments: { duration: 4 }, outputs: { default: ['2'] }, position: { x: 0, y: 160 } },
        2: { type: 'operator', subtype: 'store', name: 'Remember', modifications: [{ type: 'set', key: 'alert', value: '{{ node.0.alert_uuid }}' }], outputs: { default: [] }, position: { x: 0, y: 320 } },
      },
    };
    const browser = await launchApp();
    const summary = await importAndOpen(browser, doc);
    await (await browser.$('[data-action="show-runs"]')).click();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-cli-run-'));
    await writeFile(path.join(dir, 'event.json'), JSON.stringify({ alert_uuid: 'from-the-cli' }));
    const child = spawn(cli, ['--home', home, 'run', summary.id, '--event', path.join(dir, 'event.json'), '--mock', 'unknown'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      let row = null;
      await browser.waitUntil(
        async () => (row = await browser.execute(() => {
          const r = document.querySelector('[data-run-row][data-run-status="running"]');
          return r ? r.getAttribute('data-run-row') : null;
        })) !== null,
        { timeout: 10_000, timeoutMsg: 'the CLI\'s run never appeared as running in the Runs tab' },
      );
      await (await browser.$(`[data-run-row="${row}"]`)).click();
      await browser.waitUntil(async () => (await canvasStates(browser))['1'] === 'running', { timeout: 5_000, timeoutMsg: 'the Wait block is not shown running' });
      const run = await waitForRunEnd(browser);
      assert(run.id === row && run.status === 'succeeded', `the followed run ended ${JSON.stringify(run)}`);
      await assertCanvasMatchesStore(browser, run.id);
    } finally {
      child.kill();
      await exited;
    }
  });

  test('Listen for webhooks: each event POSTed to the URL shown runs the playbook, listed in the Runs tab; Stop stops listening', async () => {
    const doc = {
      uuid: 'c0000000-0000-4000-8000-0000000e2e07',
      name: 'E2E webhook',
      description: 'Runs for each event POSTed to the local listener',
      nodes: {
        0: { type: 'trigger', name: 'Webhook', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } },
        1: { type: 'operator', subtype: 'store', name: 'Remember', modifications: [{ type: 'set', key: 'alert', value: '{{ node.0.alert_uuid }}' }], outputs: { default: [] }, position: { x: 0, y: 160 } },
        2: { type: 'trigger', name: 'Every two seconds', module_uuid: CRON, trigger_uuid: CRON_TRIGGER, arguments: { cron: '*/2 * * * * *' }, outputs: { default: ['1'] }, position: { x: 300, y: 0 } },
      },
    };
    const browser = await launchApp();
    const summary = await importAndOpen(browser, doc);
    await (await browser.$('[data-action="run"]')).click();
    await (await browser.$('[data-field="run-mock"]')).waitForDisplayed({ timeout: 5_000 });
    await (await browser.$('[data-field="run-mock"]')).selectByAttribute('value', 'all');
    await (await browser.$('[data-action="listen-webhooks"]')).click();
    const urlField = await browser.$('[data-field="listener-url"]');
    await urlField.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'no listener URL was shown' });
    const url = await urlField.getText();
    assert(/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url), `the listener URL: ${url}`);
    const nextRun = await browser.execute(() => document.querySelector('[data-schedule="2"] [data-field="next-run-at"]')?.getAttribute('datetime'));
    assert(nextRun && Date.parse(nextRun) - Date.now() < 5_000, `the Cron trigger's next run is shown: ${nextRun}`);
    await saveScreenshot(browser, 'webhook-listener');
    try {
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ alert_uuid: 'from-a-webhook' }) });
      const body = await answer.json();
      assert(answer.status === 202 && typeof body.run_id === 'string', `the listener answered ${answer.status} ${JSON.stringify(body)}`);
      const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"alert_uuid": ' });
      assert(bad.status === 400, `a broken body got ${bad.status}`);
      await (await browser.$('[data-action="show-runs"]')).click();
      await browser.waitUntil(async () => browser.execute((id) => document.querySelector(`[data-run-row="${id}"][data-run-status="succeeded"]`) !== null, body.run_id), {
        timeout: 15_000,
        timeoutMsg: 'the webhook run did not appear as succeeded in the Runs tab',
      });
      const run = await invoke(browser, 'get_run', { runId: body.run_id });
      assert(run.event.alert_uuid === 'from-a-webhook' && run.run.playbook_id === summary.id, `the stored run: ${JSON.stringify(run.run)}`);
      // The Cron trigger runs on its own meanwhile, its time as the event.
      let scheduled = null;
      await browser.waitUntil(async () => {
        const page = await invoke(browser, 'list_runs', { playbookId: summary.id, filter: { status: null, origin: null }, offset: 0, limit: 20 });
        for (const r of page.runs.filter((x) => x.id !== body.run_id && x.status === 'succeeded')) {
          const d = await invoke(browser, 'get_run', { runId: r.id });
          if (d.event.cron === '*/2 * * * * *') scheduled = d;
        }
        return scheduled !== null;
      }, { timeout: 10_000, interval: 500, timeoutMsg: 'no scheduled run appeared' });
      const started = scheduled.node_runs.filter((n) => n.status === 'succeeded').map((n) => n.node_id).sort();
      assert(typeof scheduled.event.scheduled_at === 'string' && JSON.stringify(started) === '["1","2"]', `the scheduled run started from the Cron trigger: ${JSON.stringify({ event: scheduled.event, started })}`);
    } finally {
      await (await browser.$('[data-action="stop-listening"]')).click();
    }
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('[data-testid="webhook-listener"]') === null)), { timeout: 10_000, timeoutMsg: 'the listener badge stayed after Stop' });
    const refused = await fetch(url, { method: 'POST', body: '{}' }).then(() => 'answered', () => 'refused');
    assert(refused === 'refused', 'the listener still answers after Stop');
  });

  test('kill -9 of the app during a run: the store is sound, the run interrupted, every block shown finished is recorded', async () => {
    const home = process.env.PLAYBOOK_STUDIO_HOME;
    assert(home, 'PLAYBOOK_STUDIO_HOME must be set for this test');
    const cli = path.join(path.dirname(process.env.APP_BIN), 'playbook');
    const nodes = { 0: { type: 'trigger', name: 'Manual', module_uuid: SEKOIA, trigger_uuid: MANUAL, outputs: { default: ['1'] }, position: { x: 0, y: 0 } } };
    for (let i = 1; i <= 6; i += 1) {
      nodes[i] = { type: 'action', name: `Wait ${i}`, module_uuid: UTILS, action_uuid: WAIT, arguments: { duration: 1 }, outputs: { default: i < 6 ? [String(i + 1)] : [] }, position: { x: 0, y: i * 140 } };
    }
    const browser = await launchApp();
    await importAndOpen(browser, { uuid: 'c0000000-0000-4000-8000-0000000e2e08', name: 'E2E killed mid-run', description: 'Six one-second waits', nodes });
    await runFromDialog(browser, 'unknown', { alert_uuid: 'kill' });
    let states = {};
    await browser.waitUntil(async () => {
      states = await canvasStates(browser);
      return Object.values(states).filter((s) => s === 'succeeded').length >= 3 && Object.values(states).includes('running');
    }, { timeout: 20_000, interval: 100, timeoutMsg: 'the run did not get halfway' });
    const runId = await browser.execute(() => document.querySelector('[data-run-id]')?.getAttribute('data-run-id'));
    const shownFinished = Object.entries(states).filter(([, s]) => s === 'succeeded').map(([id]) => id);
    const killed = spawnSync('pkill', ['-KILL', '-f', `^${process.env.APP_BIN}`]);
    assert(killed.status === 0, `pkill found no app process (status ${killed.status})`);
    await endSession(browser);

    const check = spawnSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])', path.join(home, 'studio.db')], { encoding: 'utf8' });
    assert(check.stdout.trim() === 'ok', `integrity_check after the kill: ${check.stdout}${check.stderr}`);
    const shown = spawnSync(cli, ['--home', home, 'run-show', runId, '--json'], { encoding: 'utf8' });
    const view = JSON.parse(shown.stdout);
    assert(view.run.status === 'interrupted', `the killed run is ${view.run.status}`);
    for (const id of shownFinished) {
      assert(view.node_runs.some((n) => n.node_id === id && n.status === 'succeeded'), `block ${id} was shown finished but is not recorded: ${JSON.stringify(view.node_runs.map((n) => [n.node_id, n.status]))}`);
    }
    assert(view.node_runs.some((n) => n.status === 'failed' && (n.error ?? '').includes('interrupted')), 'the block running at the kill is marked interrupted');
  });
}
