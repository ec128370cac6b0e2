/**
 * Playbook templates: the built-in ones (compiled into the app) and the user's own (a
 * folder in the app's home). A template is an SPL playbook with a slug, gallery tags, a
 * test event and pinned results that let it run green in mock mode.
 */

import type { PlaybookSummary } from './bindings/PlaybookSummary';
import type { SaveTemplateInput } from './bindings/SaveTemplateInput';
import type { TemplateView } from './bindings/TemplateView';
import { call } from './call';

export type { SaveTemplateInput, TemplateView };

/** Every template, built-in ones first (in the gallery's order), then the user's. */
export function listTemplates(): Promise<TemplateView[]> {
  return call<TemplateView[]>('list_templates');
}

/**
 * A new playbook from a template: a fresh uuid, `name` (the template's when empty), no
 * module configuration chosen yet. The template's test event and pins become the new
 * playbook's run defaults.
 */
export function createFromTemplate(slug: string, name: string): Promise<PlaybookSummary> {
  return call<PlaybookSummary>('create_from_template', { slug, name });
}

/** Writes the playbook's current version as a user template (configuration uuids stripped). */
export function saveAsTemplate(id: string, input: SaveTemplateInput): Promise<TemplateView> {
  return call<TemplateView>('save_as_template', { id, input });
}

/** Deletes a user template (built-in ones cannot be deleted). */
export function deleteTemplate(slug: string): Promise<null> {
  return call<null>('delete_template', { slug });
}
