/**
 * The Catalogue page's search: a module shows when every word of the query is in its name
 * or description, or in one of its blocks' (the module then lists only the blocks that
 * match, unless the module itself matched).
 */
import type { CatalogModuleView } from '../../ipc';
import { wordMatcher } from '../../lib/wordSearch';

export function filterModules(modules: readonly CatalogModuleView[], query: string): CatalogModuleView[] {
  if (query.trim() === '') return [...modules];
  const matches = wordMatcher(query);
  const out: CatalogModuleView[] = [];
  for (const m of modules) {
    if (matches(`${m.name}\n${m.description}`)) {
      out.push(m);
      continue;
    }
    const actions = m.actions.filter((b) => matches(`${b.name}\n${b.description}`));
    const triggers = m.triggers.filter((b) => matches(`${b.name}\n${b.description}`));
    if (actions.length + triggers.length > 0) out.push({ ...m, actions, triggers });
  }
  return out;
}
