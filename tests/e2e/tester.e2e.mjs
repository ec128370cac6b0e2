// The Jinja tester of the real app: every case of the Jinja corpus rendered through the
// app's own `render_jinja` command (IPC, the path the tester panel takes) gives the corpus's
// output — Python Jinja2's, which the corpus is checked against in CI. The data crosses as
// JSON text, as the tester sends it.

import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { assert, invoke, launchApp, openDesigner, ROW_TIMEOUT_MS, saveScreenshot, sharedTemplate, sharedTemplatePath, test, waitForPage } from './harness.mjs';

const TEMPLATE_FILE = 'Alerts_Shodan_Enrichment.json';
const CORPUS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../crates/jinja/tests/corpus');
const DIVERGENCES = path.resolve(CORPUS, '../divergences.json');

/**
 * The corpus cases, each with its data as JSON text written by Python: key order and numbers
 * like `-0.0` stay as in the file (JavaScript's JSON.parse would reorder numeric keys).
 */
function corpusCases() {
  const script = [
    'import json, pathlib, sys',
    'out = []',
    'for f in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):',
    '    doc = json.loads(f.read_text())',
    '    for c in doc["cases"]:',
    '        data = doc["contexts"][c["context"]] if "context" in c else c.get("data", {})',
    '        out.append({"name": c["name"], "template": c["template"], "strict": c.get("strict", False),',
    '                    "data": json.dumps(data), "expect": c["expect"]})',
    'print(json.dumps(out))',
  ].join('\n');
  const res = spawnSync(process.env.PYTHON || 'python3', ['-c', script, CORPUS], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert(res.status === 0, `python3 could not read the corpus: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

/** Runs in the page: renders every case through the command, returns what came out. */
function renderAll(cases, done) {
  const one = (c) =>
    window.__TAURI_INTERNALS__.invoke('render_jinja', { template: c.template, data: c.data, strict: c.strict === true }).then(
      (outcome) => ({ name: c.name, outcome }),
      (failure) => ({ name: c.name, failure }),
    );
  // As text: WebDriver's own transfer of objects does not keep their key order.
  Promise.all(cases.map(one)).then((results) => done(JSON.stringify(results)));
}

/** Deep equality of JSON values, numbers by value (JSON has one number type). */
function jsonEqual(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

function matches(c, outcome) {
  if (c.expect.error !== undefined) return outcome.ok === false && outcome.error.kind === c.expect.error;
  if (!outcome.ok) return false;
  if (c.expect.value !== undefined) return jsonEqual(outcome.typed ? outcome.value : outcome.output, c.expect.value);
  return outcome.output === c.expect.output;
}

export function register() {
  test('every Jinja corpus case rendered through the app\'s tester command gives the corpus output', async () => {
    const cases = corpusCases();
    const known = Object.keys(JSON.parse(await readFile(DIVERGENCES, 'utf8')).cases);
    const browser = await launchApp();
    const results = JSON.parse(await browser.executeAsync(renderAll, cases));
    const byName = new Map(cases.map((c) => [c.name, c]));
    const failed = results.filter((r) => !known.includes(r.name) && (r.failure !== undefined || !matches(byName.get(r.name), r.outcome)));
    console.log(`# ${results.length - failed.length - known.length}/${results.length - known.length} corpus cases identical through render_jinja (${known.length} known divergences not compared)`);
    assert(results.length === cases.length && results.length >= 800, `only ${results.length} cases came back`);
    assert(failed.length === 0, `cases differ: ${failed.slice(0, 5).map((r) => `${r.name}: ${JSON.stringify(r.failure ?? r.outcome)} expected ${JSON.stringify(byName.get(r.name).expect)}`).join('; ')}`);
  });

  test('CODE shows a run\'s values with their Jinja paths; the tester renders them, pasted JSON, errors and a runaway loop', async () => {
    const doc = await sharedTemplate(TEMPLATE_FILE);
    if (doc === null) return;
    const trigger = Object.entries(doc.nodes).find(([, n]) => n.type === 'trigger')[0];
    const browser = await launchApp();
    const summary = await invoke(browser, 'import_playbook_file', { path: sharedTemplatePath(TEMPLATE_FILE) });
    await browser.refresh();
    await waitForPage(browser, 'the template in the list', ROW_TIMEOUT_MS, (p) => p.rows.some((r) => r.id === summary.id));
    await openDesigner(browser, summary);
    await (await browser.$('[data-action="run"]')).click();
    const editor = await browser.$('[data-field="run-event"]');
    await browser.waitUntil(async () => (await editor.getValue()).trim().startsWith('{'), { timeout: 10_000, timeoutMsg: 'no event in the run dialog' });
    await (await browser.$('[data-field="run-mock"]')).selectByAttribute('value', 'all');
    await (await browser.$('[data-action="start-run"]')).click();
    await browser.waitUntil(async () => (await browser.execute(() => document.querySelector('[data-run-status]')?.getAttribute('data-run-status'))) === 'succeeded', {
      timeout: 30_000,
      timeoutMsg: 'the mock run did not succeed',
    });
    const runId = await browser.execute(() => document.querySelector('[data-run-status]').getAttribute('data-run-id'));
    const uuid = (await invoke(browser, 'get_run', { runId })).event.alert_uuid;
    assert(typeof uuid === 'string' && uuid.length > 0, 'the run has no alert_uuid');

    // CODE: find the trigger's alert_uuid by searching, check the reference it copies.
    await (await browser.$('[data-action="show-code"]')).click();
    await (await browser.$('[data-panel="code"][data-state="ready"]')).waitForExist({ timeout: 15_000, timeoutMsg: 'the CODE view did not load' });
    await (await browser.$('[data-field="code-search"]')).setValue('alert_uuid');
    const reference = `{{ node.${trigger}.alert_uuid }}`;
    await (await browser.$(`[data-panel="code"] [data-jinja-path="${reference}"]`)).waitForExist({ timeout: 10_000, timeoutMsg: `no CODE row carries data-jinja-path="${reference}"` });
    const shown = await browser.execute((ref) => [...document.querySelectorAll(`[data-panel="code"] [data-jinja-path="${ref}"]`)].map((e) => e.textContent).join(' '), reference);
    assert(shown.includes(uuid), `the ${reference} row shows ${JSON.stringify(shown)}, not ${uuid}`);
    await saveScreenshot(browser, 'code-view');

    // The tester opens on the run's CODE JSON; the copied reference renders the same uuid.
    await (await browser.$('[data-action="open-jinja-tester"]')).click();
    const data = await browser.$('[data-field="tester-data"]');
    await browser.waitUntil(async () => (await data.getValue()).includes(uuid), { timeout: 10_000, timeoutMsg: 'the tester did not start from the run\'s data' });
    const output = () => browser.execute(() => {
      const o = document.querySelector('[data-field="tester-output"]');
      return o ? { text: o.textContent, state: o.getAttribute('data-state') } : null;
    });
    const expression = async (text) => {
      await (await browser.$('[data-field="tester-expression"]')).click();
      await browser.keys(['Control', 'a']);
      await browser.execute((t) => {
        const el = document.querySelector('[data-field="tester-expression"]');
        const clip = new DataTransfer();
        clip.setData('text/plain', t);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clip, bubbles: true, cancelable: true }));
      }, text);
    };
    const waitOutput = async (what, check) => {
      let last = null;
      await browser.waitUntil(async () => check((last = await output())), { timeout: 10_000, interval: 100 }).catch(() => {
        throw new Error(`${what}; the output showed ${JSON.stringify(last)}`);
      });
      return last;
    };
    await expression(reference);
    await waitOutput(`${reference} did not render ${uuid}`, (o) => o?.text === uuid && o.state !== 'error');
    await saveScreenshot(browser, 'jinja-tester');

    // A pasted plain JSON document: its top-level keys are the variables.
    await data.setValue('{"urgency": {"value": 72, "display": "High"}}');
    await expression('{{ urgency.value }}');
    await waitOutput('{{ urgency.value }} on pasted JSON did not give 72', (o) => o?.text === '72');

    const bad = await (async () => {
      await expression('{{ urgency.value | }}');
      return waitOutput('an invalid expression shows no error', (o) => o?.state === 'error');
    })();
    assert(/line 1/.test(bad.text) && /column/.test(bad.text), `the error does not name its line and column: ${JSON.stringify(bad.text)}`);

    const started = Date.now();
    await expression('{% for i in range(10**9) %}{{ i }}{% endfor %}');
    const stopped = await waitOutput('the runaway loop was not stopped', (o) => o?.state === 'error' && o.text !== bad.text);
    assert(/limit|too|fuel|exceed/i.test(stopped.text), `the runaway loop's message is not clear: ${JSON.stringify(stopped.text)}`);
    const answers = await browser.execute(() => document.querySelector('[data-action="run"]') !== null);
    assert(answers && Date.now() - started < 10_000, 'the window did not answer after the runaway loop');
  });
}
