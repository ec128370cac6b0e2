// Seed data for the mocked backend: the built-in catalogue (read from the Rust crate's
// files, in the automation-library layout) and a few playbooks, including the platform's
// public templates from ../shared when that folder is there.

import { readFile, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const builtinDir = path.resolve(here, '../../crates/catalog/builtin');
const sharedTemplates = path.resolve(here, '../../../shared/fixtures/sekoia/templates');
const projectTemplates = path.resolve(here, '../../templates');

async function walk(dir, prefix = '') {
  const out = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await walk(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.json')) out[rel] = JSON.parse(await readFile(path.join(dir, entry.name), 'utf8'));
  }
  return out;
}

/** The template shown in the editor screenshot: the largest platform template, or the project's own. */
export async function showcaseTemplate() {
  if (existsSync(sharedTemplates)) {
    return { source: 'platform', content: JSON.parse(await readFile(path.join(sharedTemplates, 'slack_notification_on_alert.json'), 'utf8')) };
  }
  console.log('# ../shared/fixtures/sekoia/templates is not there: the screenshot uses the project template instead');
  return { source: 'project', content: JSON.parse(await readFile(path.join(projectTemplates, 'triage-high-urgency-alerts.json'), 'utf8')) };
}

export async function defaultSeed() {
  const catalogFiles = await walk(builtinDir);
  const showcase = await showcaseTemplate();
  // Its problems, like the templates', are the core's (src/ipc/mock/goldens.json).
  const triage = JSON.parse(await readFile(path.join(here, 'fixtures/triage-small.json'), 'utf8'));
  return {
    catalogFiles,
    playbooks: [
      { id: 'pb-empty', name: 'Empty playbook', description: 'Nothing on it yet', content: { nodes: {} } },
      { id: 'pb-template', content: showcase.content },
      { id: 'pb-small', name: triage.name, description: triage.description, content: triage },
    ],
  };
}
