// Measures, in the real app (WebKitGTK), a 500-block playbook run in mock mode while the
// canvas plays it: the frame times during the run (is the window responsive?), the time from
// the click on Run to the last state shown, and whether the final picture equals the node
// runs the core stored (no state change dropped). Prints the numbers; asserts only the
// picture (timings are reported, not tested).
//
// Same set-up as app.e2e.mjs (Xvfb, tauri-driver, APP_BIN, PLAYBOOK_STUDIO_HOME):
//   node tests/e2e/bench-run.mjs [BLOCKS]

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { endAllSessions, invoke, launchApp, openDesigner, waitForPage, chainPlaybook } from './harness.mjs';

const BLOCKS = Number(process.argv[2] || 500);

function bigPlaybook(blocks) {
  return chainPlaybook(blocks, `5e7a0000-0000-4000-8000-1${String(blocks).padStart(11, '0')}`, `Run bench ${blocks} blocks`);
}

async function main() {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'bench-run-')), 'big.json');
  await writeFile(file, JSON.stringify(bigPlaybook(BLOCKS)));
  const browser = await launchApp();
  const summary = await invoke(browser, 'import_playbook_file', { path: file });
  // The default rate limit (120 actions a minute) would stop a 500-action run part way.
  await invoke(browser, 'set_run_settings', { playbookId: summary.id, settings: { rate_limit: 100_000, action_timeout_seconds: null, default_rate_limit: 0, default_action_timeout_seconds: 0 } });
  await browser.refresh();
  await waitForPage(browser, 'the big playbook in the list', 10_000, (p) => p.rows.some((r) => r.id === summary.id));
  await openDesigner(browser, summary);
  await (await browser.$('[data-action="run"]')).click();
  const editor = await browser.$('[data-field="run-event"]');
  await browser.waitUntil(async () => (await editor.getValue()).trim().startsWith('{'), { timeout: 10_000 });
  await (await browser.$('[data-field="run-mock"]')).selectByAttribute('value', 'all');
  const result = await browser.executeAsync((blocks, done) => {
    const frames = [];
    const long = [];
    let last = performance.now();
    const started = last;
    let lastChange = null;
    let previous = '';
    const tick = () => {
      const now = performance.now();
      frames.push(now - last);
      if (now - last > 100) long.push(`${(now - last).toFixed(0)} ms at ${(last - started).toFixed(0)} ms`);
      last = now;
      const bar = document.querySelector('[data-run-status]');
      const states = [...document.querySelectorAll('.react-flow__node [data-run-state]')].map((e) => e.getAttribute('data-run-state')).join();
      if (states !== previous) {
        previous = states;
        lastChange = now - started;
      }
      const status = bar?.getAttribute('data-run-status');
      if (status && !['starting', 'running'].includes(status) && now - started > 500 && now - started - lastChange > 1000) {
        frames.sort((a, b) => a - b);
        const pct = (p) => frames[Math.min(frames.length - 1, Math.floor(frames.length * p))];
        return done({ runId: bar.getAttribute('data-run-id'), status, lastStateShown: lastChange, frames: frames.length, p50: pct(0.5), p95: pct(0.95), max: frames[frames.length - 1], long });
      }
      if (now - started > 120_000) return done({ timeout: true });
      requestAnimationFrame(tick);
    };
    document.querySelector('[data-action="start-run"]').click();
    requestAnimationFrame(tick);
  }, BLOCKS);
  if (result.timeout) throw new Error('the run did not end within 120 s');
  const details = await invoke(browser, 'get_run', { runId: result.runId });
  const shown = await browser.execute(() => Object.fromEntries([...document.querySelectorAll('.react-flow__node [data-node-id]')].map((e) => [e.getAttribute('data-node-id'), e.getAttribute('data-run-state')])));
  const mismatched = details.node_runs.filter((n) => shown[n.node_id] !== undefined && shown[n.node_id] !== n.status);
  console.log(`${BLOCKS} blocks, run ${result.status}: last state shown ${result.lastStateShown.toFixed(0)} ms after the click on Run`);
  console.log(`frames during the run: ${result.frames}, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms`);
  console.log(`long frames: ${result.long.join(', ') || 'none'}`);
  console.log(`final picture vs stored node runs: ${mismatched.length === 0 ? 'identical' : `${mismatched.length} blocks differ`} (${Object.keys(shown).length} blocks drawn)`);
  await endAllSessions();
  if (mismatched.length > 0) process.exit(1);
}

main().then(() => process.exit(0), async (error) => {
  console.log(`bench failed: ${error.message}`);
  await endAllSessions();
  process.exit(1);
});
