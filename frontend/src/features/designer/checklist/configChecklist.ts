/**
 * Which blocks still need a module configuration: actions and triggers whose module (in the
 * catalogue) has configuration fields, and which point at none. A new playbook from a
 * template starts with all of them (templates carry no configuration, the platform's rule).
 */
import type { CatalogIndex } from '../catalog/catalogIndex';
import { resolveNode } from '../catalog/resolve';
import { nodeConfigurationId } from '../configurations/configurationLogic';
import type { SplPlaybook } from '../spl/types';

export type ChecklistItem = { nodeId: string; name: string; moduleUuid: string; moduleName: string };

/** Whether a module's configuration schema declares any field to fill. */
export function moduleNeedsConfiguration(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  const properties = (schema as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null && Object.keys(properties).length > 0;
}

export function configurationChecklist(content: SplPlaybook, index: CatalogIndex): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  for (const [nodeId, node] of Object.entries(content.nodes)) {
    if (node.type !== 'action' && node.type !== 'trigger') continue;
    const resolved = resolveNode(node, index);
    if (resolved.module === undefined || !moduleNeedsConfiguration(resolved.module.configuration)) continue;
    if (nodeConfigurationId(node) !== null) continue;
    const name = typeof node.name === 'string' && node.name.trim() !== '' ? node.name : resolved.kindLabel;
    items.push({ nodeId, name, moduleUuid: resolved.module.uuid, moduleName: resolved.module.name });
  }
  return items;
}
