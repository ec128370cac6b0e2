// The app on the desktop: a second launch with a playbook file leaves one app running and
// shows that playbook in its window; the window's size is kept across a restart.

import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_BIN, assert, chainPlaybook, endAllSessions, launchApp, test, withTimeout } from './harness.mjs';

const title = (browser) => browser.execute(() => document.querySelector('[data-testid="designer-title"]')?.textContent ?? '');

export function register() {
  test('a second launch with a playbook file shows it in the running window and exits; the window size survives a restart', async () => {
    await endAllSessions();
    await sleep(1_000);
    const browser = await launchApp();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'e2e-second-'));
    const file = path.join(dir, 'second-launch.json');
    const name = 'E2E opened by a second launch';
    await writeFile(file, JSON.stringify(chainPlaybook(2, 'c0000000-0000-4000-8000-0000000e2e17', name)));

    const second = spawn(APP_BIN, [file], { env: process.env, stdio: 'ignore' });
    const code = await withTimeout(new Promise((resolve) => second.on('exit', resolve)), 30_000, 'the second launch did not exit');
    assert(code === 0, `the second launch exited with ${code}`);
    await browser.waitUntil(async () => (await title(browser)).includes(name), { timeout: 15_000, timeoutMsg: 'the running window does not show the playbook of the second launch' });

    // The size set now comes back on the next start. That start is a plain launch (a new
    // WebDriver session sizes the window itself), read with xwininfo.
    await browser.setWindowSize(1100, 720);
    await sleep(800);
    await endAllSessions();
    await sleep(1_000);
    const app = spawn(APP_BIN, [], { env: process.env, stdio: 'ignore' });
    let geometry = null;
    try {
      for (let i = 0; i < 60 && geometry === null; i += 1) {
        await sleep(500);
        const tree = execFileSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' });
        geometry = tree.split('\n').find((l) => l.includes('"Playbook Studio"'))?.match(/(\d+)x(\d+)\+/) ?? null;
      }
    } finally {
      app.kill();
    }
    assert(geometry !== null, 'the app launched again showed no window');
    const [width, height] = [Number(geometry[1]), Number(geometry[2])];
    assert(Math.abs(width - 1100) <= 4 && Math.abs(height - 720) <= 4, `the window came back at ${width}×${height}, not 1100×720`);
  });
}
