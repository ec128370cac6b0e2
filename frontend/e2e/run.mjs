// Browser tests of the built frontend with the Tauri IPC mocked.
//
//   npm run test:ui            (builds, serves dist/ with `vite preview`, runs e2e/*.spec.mjs)
//   SKIP_BUILD=1 npm run test:ui -- canvas   (reuse dist/, only specs whose file name matches)
//
// Drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core; no
// browser is downloaded. Each test gets a fresh page whose window holds the mock's seed
// (`__PLAYBOOK_STUDIO_MOCK_IPC__`), so the app loads its in-memory backend. The server and
// the browser are stopped in `finally`, whatever happens. Last line: `N passed, M failed`.

import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { appHelpers, tests } from './harness.mjs';
import { defaultSeed } from './seed.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outDir = path.join(here, 'out');
const TEST_TIMEOUT_MS = 60_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, child, timeoutMs = 20_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer on ${url} within ${timeoutMs / 1000} s`);
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

async function main() {
  const filter = process.argv[2] ?? '';
  if (!process.env.SKIP_BUILD) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  await mkdir(outDir, { recursive: true });

  const specs = (await readdir(here)).filter((f) => f.endsWith('.spec.mjs') && f.includes(filter)).sort();
  for (const spec of specs) await import(pathToFileURL(path.join(here, spec)).href);
  const seed = await defaultSeed();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/`;
  // The vite binary itself (no shell in between): killing this PID stops the server.
  const server = spawn(path.join(root, 'node_modules/.bin/vite'), ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let browser;
  let passed = 0;
  let failed = 0;
  const stop = () => {
    if (server.exitCode === null) server.kill('SIGTERM');
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    await waitForServer(baseUrl, server);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
    for (const { name, fn, seed: seedOverride } of tests) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        const text = message.text();
        if (message.type() === 'error' && !/Failed to load resource/.test(text)) problems.push(`console error: ${text}`);
        if (/Content Security Policy/i.test(text)) problems.push(`CSP violation: ${text}`);
      });
      const data = seedOverride ? await seedOverride(structuredClone(seed)) : seed;
      await page.addInitScript((s) => {
        window.__PLAYBOOK_STUDIO_MOCK_IPC__ = s;
      }, data);
      try {
        await page.goto(baseUrl);
        await page.waitForSelector('[data-testid="playbook-list"], [data-testid="empty-state"]', { timeout: 10_000 });
        await withTimeout(fn({ page, app: appHelpers(page), outDir }), TEST_TIMEOUT_MS, `the test did not finish within ${TEST_TIMEOUT_MS / 1000} s`);
        if (problems.length > 0) throw new Error(problems.join('\n'));
        passed += 1;
        console.log(`ok - ${name}`);
      } catch (error) {
        failed += 1;
        const [first, ...rest] = String(error?.stack || error).split('\n');
        console.log(`not ok - ${name}: ${first}`);
        for (const line of rest.slice(0, 12)) console.log(`#   ${line}`);
        const shot = path.join(outDir, `failure-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        console.log(`#   screenshot: ${path.relative(root, shot)}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    stop();
  }
  if (tests.length === 0) {
    console.log(`no test matched "${filter}"`);
    failed += 1;
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
