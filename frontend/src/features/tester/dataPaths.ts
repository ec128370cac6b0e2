/**
 * The paths the tester's completion list offers: every place in the test data down to a
 * few levels, written as the Jinja reference that reads it (`node.3.results['items'][0]`,
 * `urgency.value`), breadth first so that short paths come before long ones, each with its
 * JSON type and a glimpse of its value. Lists contribute their first item (`[0]`) as the
 * example of every item.
 *
 * Not here: the spelling of a path (../code/jinjaPath.ts), filtering as the user types and
 * the CodeMirror wiring (../designer/jinja/completions.ts, ./testerCompletion.ts).
 */
import { kindOf, preview } from '../code/codeTree';
import { jinjaExpression, type JsonPath } from '../code/jinjaPath';
import type { Completion } from '../designer/jinja/completions';

export const MAX_DEPTH = 6;
export const MAX_PATHS = 3000;
const GLIMPSE_CHARS = 60;

type Queued = { path: JsonPath; value: unknown };

function children(value: unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.length > 0 ? [[0, value[0]]] : [];
  if (typeof value === 'object' && value !== null) return Object.entries(value);
  return [];
}

function glimpse(value: unknown): string {
  const text = preview(value);
  return text.length <= GLIMPSE_CHARS ? text : `${text.slice(0, GLIMPSE_CHARS - 1)}…`;
}

const KIND_LABEL: Record<ReturnType<typeof kindOf>, string> = {
  object: 'object',
  array: 'list',
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  null: 'null',
};

/** The completions for `data` (an object whose top-level keys are the variables). */
export function dataPaths(data: unknown, maxDepth = MAX_DEPTH, limit = MAX_PATHS): Completion[] {
  const out: Completion[] = [];
  let level: Queued[] = children(data)
    .filter(([key]) => typeof key === 'string')
    .map(([key, value]) => ({ path: [key], value }));
  for (let depth = 0; depth < maxDepth && level.length > 0 && out.length < limit; depth += 1) {
    const next: Queued[] = [];
    for (const { path, value } of level) {
      if (out.length >= limit) break;
      const expression = jinjaExpression(path);
      if (expression === null) continue;
      out.push({ path: expression, type: KIND_LABEL[kindOf(value)], source: glimpse(value), description: '' });
      for (const [key, child] of children(value)) {
        if (out.length + next.length >= limit) break;
        next.push({ path: [...path, key], value: child });
      }
    }
    level = next;
  }
  return out;
}
