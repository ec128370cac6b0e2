/**
 * Builds a `Catalog` out of files in the automation-library layout (the layout of
 * `crates/catalog/builtin/`): `<folder>/manifest.json`, `<folder>/action_*.json`,
 * `<folder>/trigger_*.json` and `operators.json`, given as path → parsed JSON.
 *
 * Only for the in-memory backend and tests: the real catalogue comes from the core.
 */
import type { Block } from '../bindings/Block';
import type { Catalog } from '../bindings/Catalog';
import type { Module } from '../bindings/Module';
import type { Operator } from '../bindings/Operator';

type Json = Record<string, unknown>;

export function catalogFromFiles(files: Record<string, unknown>): Catalog {
  const folders = new Map<string, { manifest?: Json; actions: Json[]; triggers: Json[] }>();
  let operators: Operator[] = [];
  for (const [path, json] of Object.entries(files)) {
    const parts = path.split('/');
    const file = parts[parts.length - 1];
    if (file === 'operators.json' && isJson(json) && Array.isArray(json.operators)) {
      operators = json.operators as Operator[];
      continue;
    }
    if (parts.length < 2 || !isJson(json)) continue;
    const folder = parts[parts.length - 2];
    const entry = folders.get(folder) ?? { actions: [], triggers: [] };
    if (file === 'manifest.json') entry.manifest = json;
    else if (file.startsWith('action_')) entry.actions.push(json);
    else if (file.startsWith('trigger_')) entry.triggers.push(json);
    folders.set(folder, entry);
  }
  const modules: Module[] = [];
  for (const { manifest, actions, triggers } of folders.values()) {
    if (manifest === undefined) continue;
    modules.push({
      uuid: str(manifest.uuid),
      name: str(manifest.name),
      slug: str(manifest.slug),
      description: str(manifest.description),
      version: str(manifest.version),
      categories: Array.isArray(manifest.categories) ? manifest.categories.map(String) : [],
      configuration: manifest.configuration ?? {},
      actions: actions.map((a) => toBlock(a, 'action')).sort(byName),
      triggers: triggers.map((t) => toBlock(t, 'trigger')).sort(byName),
    });
  }
  modules.sort(byName);
  return { modules, operators };
}

function toBlock(json: Json, kind: Block['kind']): Block {
  const outputs: Record<string, string> = {};
  if (isJson(json.outputs)) {
    for (const [name, value] of Object.entries(json.outputs)) outputs[name] = typeof value === 'string' ? value : '';
  }
  return {
    kind,
    uuid: str(json.uuid),
    name: str(json.name),
    slug: str(json.slug),
    description: str(json.description),
    docker_parameters: typeof json.docker_parameters === 'string' ? json.docker_parameters : null,
    arguments: json.arguments ?? {},
    results: json.results ?? {},
    outputs,
  };
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
