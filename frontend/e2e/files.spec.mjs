// Playbook files: export a playbook through the save dialog and import it back through
// the open dialog; an invalid file's problems are listed. The dialogs' answers and the
// files live in the mock backend (`chooseNext`, `files`).
import { assert, test, tid, waitUntil } from './harness.mjs';
import { readFileSync } from 'node:fs';

const fixture = (name) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const chooseNext = (page, path) => page.evaluate((p) => window.__PLAYBOOK_STUDIO_MOCK__.chooseNext(p), path);
const readFile = (page, path) => page.evaluate((p) => window.__PLAYBOOK_STUDIO_MOCK__.readFile(p), path);
const rowNames = (page) => page.$$eval('[data-testid="playbook-row"] [data-testid="playbook-name"]', (els) => els.map((e) => e.textContent));

test('export a playbook to a file, delete it, and import the file back', async ({ page, app }) => {
  const path = '/home/analyst/playbooks/triage.json';
  const row = page.locator(tid('playbook-row'), { hasText: 'Triage' });
  await chooseNext(page, path);
  await row.locator(tid('playbook-export')).click();
  await row.locator(tid('playbook-export-done')).waitFor();
  assert.equal(await row.locator(tid('playbook-export-done')).textContent(), `Exported to ${path}`);
  const [dialog] = await app.calls('plugin:dialog|save');
  assert.equal(dialog.options.defaultPath, 'Triage.json', 'the dialog proposes <name>.json');
  const written = JSON.parse(await readFile(page, path));
  assert.equal(written.name, 'Triage');
  assert.deepEqual(Object.keys(written.nodes), ['0', '1']);

  await row.locator(tid('playbook-delete')).click();
  await page.click(tid('dialog-confirm'));
  await waitUntil(async () => !(await rowNames(page)).includes('Triage'), 'Triage to be deleted');

  await chooseNext(page, path);
  await page.click(tid('import-file'));
  await page.waitForSelector(tid('designer'));
  assert.equal(await page.textContent(tid('designer-title')), 'Triage', 'the imported playbook opens');
  await page.waitForSelector('[data-node-id="1"]');
  assert.deepEqual(await app.calls('import_playbook_file'), [{ path }]);
  await page.click(tid('back-to-playbooks'));
  await waitUntil(async () => (await rowNames(page)).includes('Triage'), 'Triage back in the list');
});

test('importing an invalid file lists its problems with line and column', async ({ page }) => {
  const before = await rowNames(page);
  await chooseNext(page, '/tmp/broken.json');
  await page.click(tid('import-file'));
  const error = page.locator(`${tid('import-error')}[data-error-code="invalid_playbook"]`);
  await error.waitFor();
  // The core's own answer for this file (src/ipc/mock/goldens.json), listed from its structured problems.
  assert.match(await error.textContent(), /The file is not a valid playbook4 problems in \/tmp\/broken\.json:/);
  const problems = await page.$$eval(`${tid('import-error-problems')} li`, (els) => els.map((e) => e.textContent));
  assert.deepEqual(problems.map((p) => p.split(':').slice(0, 2).join(':')), ['node 1: outputs', 'node 1: module_uuid', 'node 1: action_uuid', 'node 2: type']);
  assert.equal(await page.locator(tid('designer')).count(), 0, 'nothing opens');
  assert.deepEqual(await rowNames(page), before, 'nothing is added');

  // A file that is not JSON at all says where it broke.
  await chooseNext(page, '/tmp/not-json.json');
  await page.click(tid('import-file'));
  await waitUntil(async () => /line 2, column 15: invalid JSON/.test(await page.textContent(tid('import-error')).catch(() => '')), 'the JSON error with its position');
}, {
  seed: (seed) => ({
    ...seed,
    files: {
      '/tmp/broken.json': fixture('import/broken.json'),
      '/tmp/not-json.json': fixture('import/not-json.json'),
    },
  }),
});

test('a cancelled dialog does nothing; Ctrl+O opens the import dialog', async ({ page, app }) => {
  await page.click(tid('import-file'));
  await waitUntil(async () => (await app.calls('plugin:dialog|open')).length === 1, 'the open dialog');
  await page.waitForSelector(`${tid('import-file')}:not([disabled])`);
  assert.equal((await app.calls('import_playbook_file')).length, 0);
  assert.equal(await page.locator(tid('import-error')).count(), 0);

  await page.locator(tid('playbook-search')).focus();
  await page.keyboard.press('Control+o');
  await waitUntil(async () => (await app.calls('plugin:dialog|open')).length === 2, 'the shortcut to open the dialog');
});

test('export from the designer header', async ({ page, app }) => {
  await app.open('Triage');
  await chooseNext(page, '/tmp/from-designer.json');
  await page.click(tid('designer-export'));
  await page.waitForSelector(tid('designer-notice'));
  assert.equal(await page.textContent(tid('designer-notice')), 'Exported to /tmp/from-designer.json');
  assert.equal(JSON.parse(await readFile(page, '/tmp/from-designer.json')).name, 'Triage');
});

test('a file whose playbook is already here asks: a new version of it, or a copy', async ({ page, app }) => {
  const path = '/home/analyst/triage-from-git.json';
  await chooseNext(page, path);
  await page.click(tid('import-file'));
  const choice = page.locator(tid('import-choice'));
  await choice.waitFor();
  assert.match(await choice.textContent(), /is the playbook “Triage”, already here \(version 1\)/);
  assert.equal(await page.locator(tid('designer')).count(), 0, 'nothing opens before the answer');
  await page.click(tid('import-as-copy'));
  await page.waitForSelector(tid('designer'));
  assert.equal(await page.textContent(tid('designer-title')), 'Triage from Git (copy)', 'the copy opens');
  assert.deepEqual((await app.calls('import_playbook_file')).map((c) => c.whenExists ?? null), [null, 'copy']);
  await page.click(tid('back-to-playbooks'));
  await waitUntil(async () => (await rowNames(page)).includes('Triage') && (await rowNames(page)).includes('Triage from Git (copy)'), 'both in the list');
}, {
  seed: (seed) => ({
    ...seed,
    files: { '/home/analyst/triage-from-git.json': JSON.stringify({ ...seed.playbooks.find((p) => p.name === 'Triage').content, uuid: seed.playbooks.find((p) => p.name === 'Triage').id, name: 'Triage from Git' }) },
  }),
});
