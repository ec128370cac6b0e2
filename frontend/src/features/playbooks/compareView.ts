/**
 * What the "Compare with the platform" panel says: a platform comparison (node ids only)
 * turned into short lines that name the blocks the way the designer does.
 *
 * Pure: the names come from the local document, read by the caller. A node the local
 * document does not have (only on the platform) or that has no name shows as "block <id>";
 * a name shared by several blocks gets its id added, so the line says which one.
 */
import type { PlatformComparison } from '../../ipc';

export type ComparisonLine = {
  kind: 'only_local' | 'only_remote' | 'changed' | 'details';
  /** "Only here:", or the whole line for `details`. */
  label: string;
  /** The blocks, at most `MAX_LISTED` of them. */
  items: string[];
  /** How many blocks were left out of `items`. */
  more: number;
};

export type ComparisonView = {
  same: boolean;
  summary: string;
  lines: ComparisonLine[];
};

/** Blocks named per line before "and N more". */
export const MAX_LISTED = 6;

/** Node id → block name, from an SPL document (nodes without a name are left out). */
export function blockNames(content: unknown): Record<string, string> {
  const nodes = isObject(content) && isObject(content.nodes) ? content.nodes : {};
  const names: Record<string, string> = {};
  for (const [id, node] of Object.entries(nodes)) {
    if (isObject(node) && typeof node.name === 'string' && node.name.trim() !== '') names[id] = node.name.trim();
  }
  return names;
}

/** How the panel names node `id`. */
export function blockLabel(id: string, names: Record<string, string> | null): string {
  const name = names !== null && Object.prototype.hasOwnProperty.call(names, id) ? names[id] : undefined;
  if (name === undefined) return `block ${id}`;
  const shared = Object.entries(names ?? {}).some(([other, n]) => other !== id && n === name);
  return shared ? `${name} (block ${id})` : name;
}

export function comparisonView(comparison: PlatformComparison, names: Record<string, string> | null): ComparisonView {
  if (comparison.same) return { same: true, summary: 'Same as the platform version', lines: [] };
  const lines: ComparisonLine[] = [];
  const add = (kind: ComparisonLine['kind'], label: string, ids: string[]) => {
    if (ids.length === 0) return;
    const labels = ids.map((id) => blockLabel(id, names));
    lines.push({ kind, label, items: labels.slice(0, MAX_LISTED), more: Math.max(0, labels.length - MAX_LISTED) });
  };
  add('only_local', 'Only here:', comparison.only_local);
  add('only_remote', 'Only on the platform:', comparison.only_remote);
  add('changed', 'Changed:', comparison.changed);
  const details = detailsLine(comparison);
  if (details !== null) lines.push({ kind: 'details', label: details, items: [], more: 0 });
  return { same: false, summary: 'Differs from the platform version', lines };
}

/** A line as one string ("Changed: Get Alert, block 3 and 2 more"), for titles and tests. */
export function lineText(line: ComparisonLine): string {
  if (line.items.length === 0) return line.label;
  const more = line.more > 0 ? ` and ${line.more} more` : '';
  return `${line.label} ${line.items.join(', ')}${more}`;
}

function detailsLine(comparison: PlatformComparison): string | null {
  if (comparison.name_differs && comparison.description_differs) return 'Name and description differ';
  if (comparison.name_differs) return 'Name differs';
  if (comparison.description_differs) return 'Description differs';
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
