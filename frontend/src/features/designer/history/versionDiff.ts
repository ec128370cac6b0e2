/**
 * What restoring a version changes, block by block: blocks it brings back, blocks it takes
 * away, and for blocks in both, the fields that differ (`name`, `arguments.uuid`,
 * `outputs.default`...; a move alone is "position"). Also the playbook's name and description.
 */
import type { SplNode, SplPlaybook } from '../spl/types';

export type BlockChange = { id: string; name: string; fields: string[] };

export type VersionDiff = {
  added: Array<{ id: string; name: string }>;
  removed: Array<{ id: string; name: string }>;
  changed: BlockChange[];
  /** Playbook-level fields that differ (`name`, `description`). */
  playbook: string[];
};

const nameOf = (id: string, node: SplNode | undefined) => (typeof node?.name === 'string' && node.name !== '' ? node.name : `Block ${id}`);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The field paths where two blocks differ: one level into `arguments` and `outputs`. */
function changedFields(now: SplNode, then: SplNode): string[] {
  const fields: string[] = [];
  const keys = new Set([...Object.keys(now), ...Object.keys(then)]);
  for (const key of [...keys].sort()) {
    const a = (now as Record<string, unknown>)[key];
    const b = (then as Record<string, unknown>)[key];
    if (same(a, b)) continue;
    if ((key === 'arguments' || key === 'outputs') && typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
      const inner = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of [...inner].sort()) {
        if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) fields.push(`${key}.${k}`);
      }
    } else {
      fields.push(key);
    }
  }
  return fields;
}

/** What replacing `current` with `restored` changes. */
export function versionDiff(current: SplPlaybook, restored: SplPlaybook): VersionDiff {
  const now = current.nodes;
  const then = restored.nodes;
  const added = Object.keys(then).filter((id) => !(id in now)).map((id) => ({ id, name: nameOf(id, then[id]) }));
  const removed = Object.keys(now).filter((id) => !(id in then)).map((id) => ({ id, name: nameOf(id, now[id]) }));
  const changed = Object.keys(then)
    .filter((id) => id in now)
    .map((id) => ({ id, name: nameOf(id, then[id]), fields: changedFields(now[id], then[id]) }))
    .filter((c) => c.fields.length > 0);
  const playbook = (['name', 'description'] as const).filter((k) => !same(current[k], restored[k]));
  return { added, removed, changed, playbook };
}

export function isEmptyDiff(d: VersionDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0 && d.playbook.length === 0;
}
