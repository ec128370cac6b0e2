// Measures, in the real app (WebKitGTK), how long a 500-block playbook takes to open in the
// designer: from the click on its row to the 500th block and the links on the canvas. It
// prints the numbers; it asserts nothing (timings are reported, not tested).
//
// Same set-up as app.e2e.mjs (Xvfb, tauri-driver, APP_BIN, PLAYBOOK_STUDIO_HOME):
//   node tests/e2e/bench-open.mjs [BLOCKS] [ROUNDS]

import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { endAllSessions, launchApp, waitForPage, chainPlaybook } from './harness.mjs';

const BLOCKS = Number(process.argv[2] || 500);
const ROUNDS = Number(process.argv[3] || 3);

function bigPlaybook(blocks) {
  return chainPlaybook(blocks, `5e7a0000-0000-4000-8000-${String(blocks).padStart(12, '0')}`, `Bench ${blocks} blocks`);
}

async function main() {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'bench-open-')), 'big.json');
  await writeFile(file, JSON.stringify(bigPlaybook(BLOCKS)));
  const times = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const browser = await launchApp();
    const imported = await browser.executeAsync((p, done) => window.__TAURI_INTERNALS__.invoke('import_playbook_file', { path: p }).then(done, (e) => done({ failure: e })), file);
    if (imported.failure) throw new Error(JSON.stringify(imported.failure));
    await endAllSessions();
    await sleep(1_000);
    const page = await launchApp();
    await waitForPage(page, 'the big playbook in the list', 10_000, (p) => p.rows.some((r) => r.id === imported.id));
    const result = await page.executeAsync((id, blocks, done) => {
      const started = performance.now();
      document.querySelector(`[data-testid="playbook-row"][data-playbook-id="${id}"]`).click();
      let blocksAt = null;
      const poll = () => {
        const drawn = document.querySelectorAll('[data-node-id]').length;
        const links = document.querySelectorAll('.react-flow__edge').length;
        if (blocksAt === null && drawn >= blocks) blocksAt = performance.now() - started;
        if (blocksAt !== null && links >= blocks - 1) return done({ blocks: blocksAt, links: performance.now() - started });
        if (performance.now() - started > 30_000) return done({ blocks: blocksAt, links: null, drawn, linksDrawn: links });
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    }, imported.id, BLOCKS);
    times.push(result);
    console.log(`round ${round + 1}: ${BLOCKS} blocks drawn in ${result.blocks?.toFixed(0)} ms, links in ${result.links?.toFixed(0)} ms`);
    await endAllSessions();
    await sleep(1_000);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`median: blocks ${median(times.map((t) => t.blocks)).toFixed(0)} ms, links ${median(times.map((t) => t.links)).toFixed(0)} ms`);
}

main().then(() => process.exit(0), async (error) => {
  console.log(`bench failed: ${error.message}`);
  await endAllSessions();
  process.exit(1);
});
