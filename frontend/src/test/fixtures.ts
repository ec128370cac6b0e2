/**
 * Test data from the repository: the built-in catalogue (crates/catalog/builtin) as the
 * core serves it, and the platform's public templates from ../shared when that folder is
 * there (tests that need them skip, saying so, when it is not).
 */
import { catalogFromFiles } from '../ipc/mock/catalogFromFiles';
import type { Catalog } from '../ipc';

const builtinFiles = import.meta.glob('../../../crates/catalog/builtin/**/*.json', { eager: true, import: 'default' });

const templateFiles = import.meta.glob('../../../../shared/fixtures/sekoia/templates/*.json', {
  eager: true,
  import: 'default',
});

export function builtinCatalog(): Catalog {
  const files: Record<string, unknown> = {};
  for (const [path, json] of Object.entries(builtinFiles)) files[path.replace(/^.*\/builtin\//, '')] = json;
  return catalogFromFiles(files);
}

/** The platform's templates by file name (empty when ../shared is absent). */
export function platformTemplates(): Array<[string, unknown]> {
  return Object.entries(templateFiles)
    .map(([path, json]): [string, unknown] => [path.replace(/^.*\//, ''), json])
    .sort(([a], [b]) => a.localeCompare(b));
}

export const SHARED_TEMPLATES_HINT =
  'skipped: ../shared/fixtures/sekoia/templates is not there (the platform templates are read from it)';
