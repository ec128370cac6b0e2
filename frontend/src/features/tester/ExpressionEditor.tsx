/**
 * The tester's expression editor: the block fields' CodeMirror setup (Jinja highlighting,
 * the panel's look, the page's style nonce for the CSP) over several lines, with the
 * tester's completion list (data paths, filters), the error underline, and Ctrl/⌘+Enter to
 * keep the expression in the history at once.
 *
 * `errorAt` is applied when its object changes (one per result): the underline then follows
 * edits until the next result.
 *
 * Controlled like JinjaField: `value` is the truth, typing calls `onChange`, and a value
 * set from outside (a history entry) is written in as the smallest edit without echo.
 * The editable element carries `data-field="tester-expression"`; it takes a paste event
 * like any CodeMirror editor.
 *
 * Not here: rendering (./JinjaTester.tsx), the completion sources (./testerCompletion.ts).
 */
import { startCompletion } from '@codemirror/autocomplete';
import { history } from '@codemirror/commands';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';

import type { Completion } from '../designer/jinja/completions';
import { External, baseExtensions, contentAttributes, multiLine, placeholderText, smallestChange } from '../designer/panel/editor/fieldSetup';
import { jinjaRegions } from '../designer/panel/editor/jinjaRegions';
import { fieldLanguage, tokenClasses } from '../designer/panel/editor/languages';
import { styleNonce } from '../designer/panel/editor/styleNonce';
import { errorSpanField, setErrorPosition, type ErrorPosition } from './errorSpan';
import { testerAutocompletion } from './testerCompletion';
import '../designer/panel/jinjaField.css';

export type ExpressionEditorProps = {
  value: string;
  onChange: (text: string) => void;
  /** The completion list's paths (read when the list opens). */
  paths: () => readonly Completion[];
  /** Where the last error points, underlined; null for none. */
  errorAt: ErrorPosition | null;
  invalid: boolean;
  labelledBy: string;
  describedBy?: string;
  onSubmit: () => void;
};

export function ExpressionEditor(props: ExpressionEditorProps) {
  const { value, errorAt, invalid } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const attributesPart = useMemo(() => new Compartment(), []);
  const attributes = {
    'data-field': 'tester-expression',
    'aria-labelledby': props.labelledBy,
    'aria-describedby': props.describedBy,
    'aria-multiline': 'true',
    'aria-invalid': invalid ? 'true' : undefined,
  };
  const attributesKey = JSON.stringify(attributes);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: latest.current.value,
        extensions: [
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  latest.current.onSubmit();
                  return true;
                },
              },
            ]),
          ),
          baseExtensions(),
          history(),
          EditorView.cspNonce.of(styleNonce()),
          tokenClasses,
          jinjaRegions,
          fieldLanguage('jinja'),
          multiLine,
          placeholderText('{{ node.0.alert_uuid }} or {{ urgency.value | int }}'),
          testerAutocompletion(() => latest.current.paths()),
          errorSpanField,
          attributesPart.of(contentAttributes(attributes)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(External))) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
    // Built once per mount; later changes go through the effects below.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [attributesPart]);

  useLayoutEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    const current = view.state.doc.toString();
    if (current !== value) view.dispatch({ changes: smallestChange(current, value), annotations: External.of(true) });
  }, [value]);

  useLayoutEffect(() => {
    viewRef.current?.dispatch({ effects: setErrorPosition.of(errorAt) });
  }, [errorAt]);

  useLayoutEffect(() => {
    viewRef.current?.dispatch({ effects: attributesPart.reconfigure(contentAttributes(attributes)) });
  // `attributesKey` stands for `attributes`.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [attributesKey]);

  const openList = () => {
    const view = viewRef.current;
    if (view === null) return;
    view.focus();
    startCompletion(view);
  };

  return (
    <div className="jinja-field tester__expression">
      <div className="jinja-field__control">
        <div
          ref={hostRef}
          className={`jinja-field__editor jinja-field__editor--multiline has-jinja${invalid ? ' is-invalid' : ''}`}
          style={{ '--jinja-field-rows': 3 } as CSSProperties}
        />
        <button
          type="button"
          className="jinja-field__insert"
          title="Insert a path from the data or a filter (Ctrl+Space)"
          aria-label="Insert a path from the data or a filter"
          onMouseDown={(e) => e.preventDefault()}
          onClick={openList}
        >
          {'{ }'}
        </button>
      </div>
    </div>
  );
}
