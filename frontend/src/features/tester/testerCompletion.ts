/**
 * The tester's completion list: paths found in the test data (through the block fields'
 * own source, so typing, filtering and inserting behave the same) and, after a `|` inside
 * an expression, filters with their signature and a one-line description.
 *
 * Not here: which paths exist (./dataPaths.ts); which filters exist: the engine's registry,
 * generated into ../../ipc/bindings/JinjaFilters.ts (so completion never drifts from it).
 */
import { autocompletion, closeCompletion, type Completion as EditorCompletion, type CompletionContext, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';

import { caretContext, type Completion } from '../designer/jinja/completions';
import { jinjaCompletionSource } from '../designer/panel/editor/completionSource';
import { FILTER_DOCS, type FilterDoc } from '../../ipc/bindings/JinjaFilters';
import { renderSource } from '../designer/panel/editor/completionSource';

/** The filter name being typed after a `|`, when the caret is inside an expression. */
export function filterQuery(text: string, caret: number): { from: number; query: string } | null {
  if (!caretContext(text, caret).inExpression) return null;
  const match = /\|\s*([A-Za-z_]\w*)?$/.exec(text.slice(0, caret));
  if (match === null) return null;
  const query = match[1] ?? '';
  return { from: caret - query.length, query };
}

/** Filters whose name starts with the query, then those that contain it; platform ones first. */
export function matchingFilters(query: string, filters: readonly FilterDoc[] = FILTER_DOCS): FilterDoc[] {
  const q = query.toLowerCase();
  const starts = filters.filter((f) => f.name.startsWith(q));
  const inside = filters.filter((f) => !f.name.startsWith(q) && f.name.includes(q));
  return [...starts, ...inside];
}

function filterOption(filter: FilterDoc): EditorCompletion & { source: string } {
  return {
    label: filter.name,
    detail: filter.signature || undefined,
    info: filter.doc,
    source: filter.source === 'platform' ? 'Sekoia.io platform filter' : 'Jinja2 filter',
    type: 'function',
  };
}

export const filterSource: CompletionSource = (context: CompletionContext): CompletionResult | null => {
  const found = filterQuery(context.state.doc.toString(), context.pos);
  if (found === null) return null;
  const options = matchingFilters(found.query).map(filterOption);
  if (options.length === 0) return null;
  return { from: found.from, options, filter: false };
};

export const NO_DATA = 'No data paths yet: paste JSON into the data editor.';

/** The data paths' source, silent where a filter name is expected. */
function pathSource(list: () => readonly Completion[]): CompletionSource {
  const inner = jinjaCompletionSource(list);
  return (context) => {
    if (filterQuery(context.state.doc.toString(), context.pos) !== null) return null;
    if (list().length > 0) return inner(context);
    if (!context.explicit) return null;
    return { from: context.pos, options: [{ label: NO_DATA, type: 'empty', apply: (view) => closeCompletion(view) }], filter: false };
  };
}

export function testerAutocompletion(paths: () => readonly Completion[]): Extension {
  return autocompletion({
    override: [pathSource(paths), filterSource],
    icons: false,
    closeOnBlur: true,
    maxRenderedOptions: 80,
    tooltipClass: () => 'jinja-completions',
    optionClass: (c) => (c.type === 'empty' ? 'jinja-completion jinja-completion--empty' : 'jinja-completion'),
    addToOptions: [{ render: renderSource, position: 90 }],
  });
}
