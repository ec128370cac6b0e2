/**
 * The completion list of a Jinja field, as a CodeMirror completion source over the pure
 * logic of ../../jinja/completions.ts: what is offered (upstream `node.<id>.<field>` paths
 * and `store.<key>` keys, filtered and ordered by `filterCompletions`), when the list opens
 * by itself (`opensWhileTyping`), and what a pick inserts (`completionEdit`: the path at
 * the caret, wrapped in `{{ }}` outside an expression, closing a `{{` left open).
 */
import {
  autocompletion,
  closeCompletion,
  currentCompletions,
  pickedCompletion,
  type Completion as EditorCompletion,
  type CompletionContext,
  type CompletionResult,
  type CompletionSource,
} from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';

import { caretContext, completionEdit, filterCompletions, opensWhileTyping, type Completion } from '../../jinja/completions';

export const NO_UPSTREAM = 'No upstream block yet: link a block to this one to use its results.';

/** The option shown when nothing can be offered: picking it only closes the list. */
const EMPTY_TYPE = 'empty';

/** `list` is called when the list opens (the document may have changed since the last time). */
export function jinjaCompletionSource(list: () => readonly Completion[]): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const text = context.state.doc.toString();
    const caret = context.pos;
    const ctx = caretContext(text, caret);
    if (!context.explicit && !opensWhileTyping(text, caret)) return null;
    // Opened by hand outside an expression: a space after a word ends the reference.
    if (context.explicit && !ctx.inExpression && ctx.query === '' && /\s$/.test(text.slice(0, caret)) && currentCompletions(context.state).length > 0) return null;
    const all = list();
    const shown = filterCompletions(all, ctx.query);
    if (shown.length === 0 && !context.explicit) return null;
    const options =
      shown.length > 0
        ? shown.map(toOption)
        : [{ label: all.length === 0 ? NO_UPSTREAM : `Nothing matches “${ctx.query}”.`, type: EMPTY_TYPE, apply: (view: EditorView) => closeCompletion(view) }];
    return { from: ctx.from, to: ctx.to, options, filter: false };
  };
}

function toOption(c: Completion): EditorCompletion & { source: string } {
  return {
    label: c.path,
    detail: c.type || undefined,
    info: c.description || undefined,
    source: c.source,
    type: 'reference',
    apply: applyPath,
  };
}

/** Inserts the picked path where the caret is now (the list may be older than the last keystroke). */
function applyPath(view: EditorView, completion: EditorCompletion): void {
  const caret = view.state.selection.main.head;
  const edit = completionEdit(view.state.doc.toString(), caret, completion.label);
  view.dispatch({
    changes: { from: edit.from, to: edit.to, insert: edit.insert },
    selection: { anchor: edit.from + edit.insert.length },
    annotations: pickedCompletion.of(completion),
    userEvent: 'input.complete',
    scrollIntoView: true,
  });
}

/** Where the path comes from ("2 · Get Alert", "store"), under the path (the tester's too). */
export function renderSource(completion: EditorCompletion): Node | null {
  const source = (completion as { source?: unknown }).source;
  if (typeof source !== 'string' || source === '') return null;
  const span = document.createElement('span');
  span.className = 'jinja-completion__source';
  span.textContent = source;
  return span;
}

/** The autocompletion extension of a field, with the panel's look and the keys of the old list. */
export function jinjaAutocompletion(list: () => readonly Completion[]): Extension {
  return autocompletion({
    override: [jinjaCompletionSource(list)],
    icons: false,
    closeOnBlur: true,
    maxRenderedOptions: 50,
    tooltipClass: () => 'jinja-completions',
    optionClass: (c) => (c.type === EMPTY_TYPE ? 'jinja-completion jinja-completion--empty' : 'jinja-completion'),
    addToOptions: [{ render: renderSource, position: 90 }],
  });
}
