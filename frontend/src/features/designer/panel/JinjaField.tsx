/**
 * A side-panel field that knows Jinja: a CodeMirror editor with `{{ }}` / `{% %}`
 * highlighting (over plain text, or over JSON for object and array arguments), a completion
 * list of upstream `node.<id>.<field>` paths and `store.<key>` keys (opens inside `{{ … }}`,
 * with Ctrl+Space, or from the `{ }` button; inserts at the caret), and an inline message
 * for unbalanced delimiters.
 *
 * It is controlled: `value` is the truth, typing calls `onChange`, and a `value` that changes
 * from elsewhere (undo, another block) is written into the editor as the smallest edit, so
 * the caret and the focus stay where they were and no `onChange` echoes back.
 * The CodeMirror wiring is in ./editor/.
 */
import { closeCompletion, completionStatus, currentCompletions, startCompletion } from '@codemirror/autocomplete';
import { history } from '@codemirror/commands';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';

import { rankForField } from '../jinja/completions';
import { errorRange } from '../../tester/errorSpan';
import { fieldFocusStore, focusTargets, useFieldFocus } from '../stores/fieldFocusStore';
import { firstIssue, hasJinja } from '../jinja/delimiters';
import { useCompletions } from './completionContext';
import { jinjaAutocompletion } from './editor/completionSource';
import { External, baseExtensions, contentAttributes, multiLine, placeholderText, singleLine, smallestChange } from './editor/fieldSetup';
import { jinjaRegions } from './editor/jinjaRegions';
import { fieldLanguage, tokenClasses, type FieldLanguage } from './editor/languages';
import { styleNonce } from './editor/styleNonce';
import './jinjaField.css';
import { testerStore } from '../stores/testerStore';

export type JinjaFieldProps = {
  /** The id of the editable element (a `<label htmlFor>` pointing at it also needs `labelledBy`). */
  id?: string;
  value: string;
  onChange: (text: string) => void;
  multiline?: boolean;
  /** Height of an empty multiline field, in lines (it grows with its text). */
  rows?: number;
  placeholder?: string;
  ariaLabel?: string;
  /** The id of the element that names the field (a label cannot name a contenteditable by `for`). */
  labelledBy?: string;
  /** The field's name: completions that look meant for it (`alert_uuid` for `uuid`) come first. */
  completionHint?: string;
  ariaRequired?: boolean;
  /** An error about the value from outside (parse error), shown instead of the Jinja check. */
  error?: string | null;
  describedBy?: string;
  testId?: string;
  /** `json` for object and array arguments: JSON highlighting, Jinja inside it still known. */
  language?: FieldLanguage;
  onBlur?: () => void;
  onEnter?: () => void;
  /** The block and the core's path of this field, so a problem clicked in Problems can focus it. */
  focusKey?: { node: string; field: string };
};

export function JinjaField(props: JinjaFieldProps) {
  const { value, multiline = false, error = null, language = 'jinja', placeholder } = props;
  const autoId = useId();
  const id = props.id ?? `${autoId}-input`;
  const messageId = `${id}-message`;
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const getCompletions = useCompletions();
  const [listOpen, setListOpen] = useState(false);
  const shownRef = useRef(false);

  // While the list is open the expression is being typed: its closing braces are not due yet.
  const issue = useMemo(() => (error === null && !listOpen && hasJinja(value) ? firstIssue(value) : null), [value, error, listOpen]);
  const invalid = error !== null || issue?.severity === 'error';
  const attributes: Record<string, string | undefined> = {
    id,
    'aria-label': props.ariaLabel,
    'aria-labelledby': props.labelledBy,
    'aria-required': props.ariaRequired ? 'true' : undefined,
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': [props.describedBy, error !== null || issue !== null ? messageId : null].filter(Boolean).join(' ') || undefined,
    'aria-multiline': multiline ? 'true' : 'false',
    'data-testid': props.testId,
  };
  const attributesKey = JSON.stringify(attributes);

  // The editor is built once; what the props may change later sits in compartments, and the
  // callbacks are read through a ref so that a new closure does not rebuild anything.
  const latest = useRef({ props, getCompletions });
  useLayoutEffect(() => {
    latest.current = { props, getCompletions };
  });
  const parts = useMemo(
    () => ({ history: new Compartment(), attributes: new Compartment(), lines: new Compartment(), language: new Compartment(), placeholder: new Compartment() }),
    [],
  );
  const applied = useRef<{ attributesKey: string; multiline: boolean; language: FieldLanguage; placeholder: string | undefined } | null>(null);
  const linesExtension = (isMultiline: boolean) => (isMultiline ? multiLine : singleLine(() => latest.current.props.onEnter?.()));

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (host === null) return;
    const state = EditorState.create({
      doc: value,
      extensions: [
        baseExtensions(),
        parts.history.of(history()),
        EditorView.cspNonce.of(styleNonce()),
        tokenClasses,
        jinjaRegions,
        jinjaAutocompletion(() => rankForField(latest.current.getCompletions(), latest.current.props.completionHint)),
        parts.attributes.of(contentAttributes(attributes)),
        parts.lines.of(linesExtension(multiline)),
        parts.language.of(fieldLanguage(language)),
        parts.placeholder.of(placeholderText(placeholder)),
        EditorView.updateListener.of((update) => {
          const open = listShown(update.state, shownRef.current);
          if (open !== shownRef.current) {
            shownRef.current = open;
            setListOpen(open);
          }
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(External))) {
            latest.current.props.onChange(update.state.doc.toString());
          }
        }),
        EditorView.domEventHandlers({
          blur: () => {
            latest.current.props.onBlur?.();
          },
        }),
      ],
    });
    const view = new EditorView({ state, parent: host });
    viewRef.current = view;
    applied.current = { attributesKey, multiline, language, placeholder };
    return () => {
      view.destroy();
      viewRef.current = null;
      shownRef.current = false;
      applied.current = null;
    };
    // Built once per mount: later prop changes go through the effects below.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [parts]);

  useLayoutEffect(() => {
    const view = viewRef.current;
    if (view === null) return;
    const current = view.state.doc.toString();
    if (current === value) return;
    // The field's own undo history ends here: its steps were typed into another text.
    view.dispatch({ changes: smallestChange(current, value), annotations: External.of(true), effects: parts.history.reconfigure([]) });
    view.dispatch({ effects: parts.history.reconfigure(history()) });
  // `parts` is made once per mount.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [value]);

  // Props that reconfigure the editor: one transaction for whatever changed since the last render.
  useLayoutEffect(() => {
    const view = viewRef.current;
    const before = applied.current;
    if (view === null || before === null) return;
    const effects = [];
    if (before.attributesKey !== attributesKey) effects.push(parts.attributes.reconfigure(contentAttributes(attributes)));
    if (before.multiline !== multiline) effects.push(parts.lines.reconfigure(linesExtension(multiline)));
    if (before.language !== language) effects.push(parts.language.reconfigure(fieldLanguage(language)));
    if (before.placeholder !== placeholder) effects.push(parts.placeholder.reconfigure(placeholderText(placeholder)));
    applied.current = { attributesKey, multiline, language, placeholder };
    if (effects.length > 0) view.dispatch({ effects });
  });

  // A problem clicked in the Problems panel: focus this field, the cursor on its span.
  const focusRequest = useFieldFocus();
  useEffect(() => {
    const view = viewRef.current;
    const key = props.focusKey;
    if (view === null || focusRequest === null || key === undefined || focusRequest.node !== key.node) return;
    const target = focusTargets(focusRequest.field, key.field);
    if (target === null) return;
    const { doc } = view.state;
    const { line, column } = focusRequest;
    const at = target === 'exact' && line !== null ? (errorRange(doc, { line, column: column ?? 1 })?.from ?? doc.length) : doc.length;
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
    view.dom.scrollIntoView({ block: 'center' });
    fieldFocusStore.getState().done();
  }, [focusRequest, props.focusKey]);

  const toggleList = () => {
    const view = viewRef.current;
    if (view === null) return;
    if (shownRef.current) {
      closeCompletion(view);
      return;
    }
    // From outside the field, the reference goes at the end of its text.
    if (!view.hasFocus) view.dispatch({ selection: { anchor: view.state.doc.length } });
    view.focus();
    startCompletion(view);
  };

  const rows = multiline ? (props.rows ?? 3) : 1;
  const className = ['jinja-field__editor', multiline ? 'jinja-field__editor--multiline' : '', hasJinja(value) ? 'has-jinja' : '', invalid ? 'is-invalid' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className="jinja-field">
      <div className="jinja-field__control">
        <div ref={hostRef} className={className} data-field-language={language} style={{ '--jinja-field-rows': rows } as CSSProperties} />
        <button
          type="button"
          className="jinja-field__insert"
          title="Insert a reference to an upstream value (Ctrl+Space)"
          aria-label="Insert a reference to an upstream value"
          data-testid="jinja-insert"
          onMouseDown={(e) => e.preventDefault()}
          onClick={toggleList}
        >
          {'{ }'}
        </button>
        {hasJinja(value) && (
          <button
            type="button"
            className="jinja-field__insert jinja-field__test"
            title="Test this expression in the Jinja tester, on the last run's data"
            aria-label="Test this expression in the Jinja tester"
            data-action="test-expression"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => testerStore.getState().show(value)}
          >
            Test
          </button>
        )}
      </div>
      {error !== null ? (
        <p id={messageId} className="field__error" role="alert" data-testid="field-error">
          {error}
        </p>
      ) : (
        issue !== null && (
          <p id={messageId} className={issue.severity === 'error' ? 'field__error' : 'field__warning'} data-testid="jinja-issue">
            {issue.message}
          </p>
        )
      )}
    </div>
  );
}

/**
 * Whether the completion list is on screen: it has options, or it had and is being
 * refreshed after a keystroke (CodeMirror's "pending", which also follows any keystroke
 * when no list is up, so it only counts when the list was already shown).
 */
function listShown(state: EditorState, wasShown: boolean): boolean {
  return currentCompletions(state).length > 0 || (wasShown && completionStatus(state) === 'pending');
}

/** For a label's `onClick`: focuses the field whose editable element has this id (`for` only reaches form controls). */
export function focusEditor(id: string): void {
  const target = document.getElementById(id);
  if (target !== null) EditorView.findFromDOM(target)?.focus();
}
