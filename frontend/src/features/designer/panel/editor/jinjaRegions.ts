/**
 * Marks the template parts of a field (`{{ … }}`, `{% … %}`, `{# … #}`) with the class
 * `cm-jinja`, so that they stand out from the plain text or JSON around them (a tint in
 * ../jinjaField.css). Read from lang-jinja's syntax tree, over the visible lines only.
 */
import { syntaxTree } from '@codemirror/language';
import type { Extension, Range } from '@codemirror/state';
import { Decoration, ViewPlugin, type DecorationSet, type EditorView, type ViewUpdate } from '@codemirror/view';

/** lang-jinja's node names for the three kinds of tag (a statement's opening and closing tags). */
const TAG_NODES = new Set(['Interpolation', 'Tag', 'EndTag', 'Comment']);

const mark = Decoration.mark({ class: 'cm-jinja' });

function regions(view: EditorView): DecorationSet {
  const found: Range<Decoration>[] = [];
  const tree = syntaxTree(view.state);
  for (const { from, to } of view.visibleRanges) {
    tree.iterate({
      from,
      to,
      enter(node) {
        if (!TAG_NODES.has(node.name)) return undefined;
        if (node.to > node.from) found.push(mark.range(node.from, node.to));
        return false;
      },
    });
  }
  return Decoration.set(found, true);
}

export const jinjaRegions: Extension = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = regions(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged || syntaxTree(update.startState) !== syntaxTree(update.state)) {
        this.decorations = regions(update.view);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);
