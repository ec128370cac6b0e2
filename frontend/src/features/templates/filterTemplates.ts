/**
 * The gallery's filter: a tag (or every template) and a search over name, description and
 * tags, every word of the query having to appear (case and accents ignored).
 */
import type { TemplateView } from '../../ipc';
import { wordMatcher } from '../../lib/wordSearch';

/** The tags the gallery offers as filter buttons (the platform's own template categories). */
export const GALLERY_TAGS = ['alert', 'notification', 'webhook'] as const;

export function filterTemplates(templates: readonly TemplateView[], tag: string | null, query: string): TemplateView[] {
  const matches = wordMatcher(query);
  return templates.filter((t) => (tag === null || t.tags.includes(tag)) && matches(`${t.name}\n${t.description}\n${t.tags.join(' ')}`));
}

/** How many templates carry each gallery tag (for the filter buttons' counts). */
export function tagCounts(templates: readonly TemplateView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const tag of GALLERY_TAGS) counts[tag] = templates.filter((t) => t.tags.includes(tag)).length;
  return counts;
}
