/**
 * The palette's entries (one per trigger, action and operator of the catalogue), the
 * search over them, and the SPL node each one inserts.
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { DEFAULT_BRANCH, ELSE_BRANCH, type SplNode } from '../spl/types';

export type PaletteFamily = 'trigger' | 'action' | 'operator';

export type PaletteItem = {
  /** `trigger:<uuid>`, `action:<uuid>` or `operator:<subtype>`. */
  key: string;
  family: PaletteFamily;
  name: string;
  /** The module's name ("Operators" for operators). */
  moduleName: string;
  description: string;
  moduleUuid?: string;
  blockUuid?: string;
  subtype?: string;
};

export const FAMILIES: Array<{ family: PaletteFamily; title: string }> = [
  { family: 'trigger', title: 'Triggers' },
  { family: 'action', title: 'Actions' },
  { family: 'operator', title: 'Operators' },
];

export function paletteItems(index: CatalogIndex): PaletteItem[] {
  const items: PaletteItem[] = [];
  for (const module of index.catalog.modules) {
    for (const block of module.triggers) {
      items.push({ key: `trigger:${block.uuid}`, family: 'trigger', name: block.name, moduleName: module.name, description: block.description, moduleUuid: module.uuid, blockUuid: block.uuid });
    }
    for (const block of module.actions) {
      items.push({ key: `action:${block.uuid}`, family: 'action', name: block.name, moduleName: module.name, description: block.description, moduleUuid: module.uuid, blockUuid: block.uuid });
    }
  }
  for (const operator of index.catalog.operators) {
    items.push({ key: `operator:${operator.subtype}`, family: 'operator', name: operator.name, moduleName: 'Operators', description: operator.description, subtype: operator.subtype });
  }
  const order: Record<PaletteFamily, number> = { trigger: 0, action: 1, operator: 2 };
  return items.sort((a, b) => order[a.family] - order[b.family] || (a.family === 'operator' ? 0 : a.moduleName.localeCompare(b.moduleName) || a.name.localeCompare(b.name)));
}

/** Items whose name, module or description contain every word of the query (accents and case ignored). */
export function searchPalette(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const phrase = fold(query).trim();
  const words = phrase.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  const scored = items
    .map((item) => {
      const name = fold(item.name);
      const haystack = `${name}\n${fold(item.moduleName)}\n${fold(item.description)}`;
      if (!words.every((w) => haystack.includes(w))) return null;
      // The exact name first, then names starting with the query, then other name matches,
      // then module, then description.
      const inName = words.every((w) => name.includes(w));
      const inModule = words.every((w) => `${name} ${fold(item.moduleName)}`.includes(w));
      const score = name === phrase ? -2 : name.startsWith(phrase) ? -1 : inName ? 0 : inModule ? 1 : 2;
      return { item, score };
    })
    .filter((x): x is { item: PaletteItem; score: number } => x !== null);
  return scored.sort((a, b) => a.score - b.score).map((x) => x.item);
}

/** The SPL node a palette item inserts (position added by the caller). */
export function newNodeFor(item: PaletteItem): SplNode {
  switch (item.family) {
    case 'trigger':
      return { type: 'trigger', name: item.name, module_uuid: item.moduleUuid, trigger_uuid: item.blockUuid, outputs: { [DEFAULT_BRANCH]: [] } };
    case 'action':
      return { type: 'action', name: item.name, module_uuid: item.moduleUuid, action_uuid: item.blockUuid, arguments: {}, outputs: { [DEFAULT_BRANCH]: [] } };
    case 'operator':
      return operatorNode(item.subtype ?? '', item.name);
  }
}

function operatorNode(subtype: string, name: string): SplNode {
  const base = { type: 'operator', subtype, name };
  switch (subtype) {
    case 'condition':
      return { ...base, cases: [], outputs: { [ELSE_BRANCH]: [] } };
    case 'store':
      return { ...base, modifications: [], outputs: { [DEFAULT_BRANCH]: [] } };
    case 'foreach':
      return { ...base, items: '', loop: [], outputs: { [DEFAULT_BRANCH]: [] } };
    default:
      return { ...base, outputs: { [DEFAULT_BRANCH]: [] } };
  }
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
