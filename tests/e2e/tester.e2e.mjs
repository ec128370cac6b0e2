// The Jinja tester of the real app: every case of the Jinja corpus rendered through the
// app's own `render_jinja` command (IPC, the path the tester panel takes) gives the corpus's
// output — Python Jinja2's, which the corpus is checked against in CI. The data crosses as
// JSON text, as the tester sends it.

import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { assert, launchApp, test } from './harness.mjs';

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
    '    for c in json.loads(f.read_text())["cases"]:',
    '        out.append({"name": c["name"], "template": c["template"], "strict": c.get("strict", False),',
    '                    "data": json.dumps(c.get("data", {})), "expect": c["expect"]})',
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
}
