/**
 * Lookups into the catalogue by the ids SPL nodes carry: module uuid, action uuid, trigger
 * uuid, operator subtype. Built once per catalogue; pure.
 */
import type { Block, Catalog, Module, Operator } from '../../../ipc';

export type BlockEntry = { module: Module; block: Block };

export type CatalogIndex = {
  catalog: Catalog;
  modules: ReadonlyMap<string, Module>;
  actions: ReadonlyMap<string, BlockEntry>;
  triggers: ReadonlyMap<string, BlockEntry>;
  operators: ReadonlyMap<string, Operator>;
};

export const EMPTY_CATALOG: Catalog = { modules: [], operators: [] };

export function buildCatalogIndex(catalog: Catalog): CatalogIndex {
  const modules = new Map<string, Module>();
  const actions = new Map<string, BlockEntry>();
  const triggers = new Map<string, BlockEntry>();
  const operators = new Map<string, Operator>();
  for (const module of catalog.modules ?? []) {
    modules.set(module.uuid, module);
    for (const block of module.actions ?? []) actions.set(block.uuid, { module, block });
    for (const block of module.triggers ?? []) triggers.set(block.uuid, { module, block });
  }
  for (const operator of catalog.operators ?? []) operators.set(operator.subtype, operator);
  return { catalog, modules, actions, triggers, operators };
}
