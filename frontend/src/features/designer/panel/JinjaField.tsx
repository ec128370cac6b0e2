/**
 * A text field that knows Jinja: a completion list of upstream `node.<id>.<field>` paths
 * and `store.<key>` keys (opens inside `{{ … }}`, with Ctrl+Space, or from the `{ }`
 * button; inserts at the caret), and an inline message for unbalanced delimiters.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';

import { caretContext, filterCompletions, insertCompletion, type Completion } from '../jinja/completions';
import { firstIssue, hasJinja } from '../jinja/delimiters';
import { useCompletions } from './completionContext';

export type JinjaFieldProps = {
  id?: string;
  value: string;
  onChange: (text: string) => void;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  ariaLabel?: string;
  ariaRequired?: boolean;
  /** An error about the value from outside (parse error), shown instead of the Jinja check. */
  error?: string | null;
  describedBy?: string;
  testId?: string;
  onBlur?: () => void;
  onEnter?: () => void;
};

/** The list: what is typed, the highlighted option, and whether it was opened by hand (Ctrl+Space, { }). */
type Open = { query: string; active: number; manual: boolean } | null;

export function JinjaField(props: JinjaFieldProps) {
  const { value, onChange, multiline = false, error = null } = props;
  const autoId = useId();
  const id = props.id ?? `${autoId}-input`;
  const listId = `${id}-completions`;
  const messageId = `${id}-message`;
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const getCompletions = useCompletions();
  const [open, setOpen] = useState<Open>(null);
  const [all, setAll] = useState<Completion[]>([]);

  const shown = useMemo(() => (open === null ? [] : filterCompletions(all, open.query)), [all, open]);
  // While the list is open the expression is being typed: its closing braces are not due yet.
  const issue = useMemo(() => (error === null && open === null && hasJinja(value) ? firstIssue(value) : null), [value, error, open]);

  useLayoutEffect(() => {
    if (pendingCaret.current !== null && inputRef.current !== null) {
      inputRef.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  }, [value]);

  const openAt = (text: string, caret: number, manual: boolean) => {
    const ctx = caretContext(text, caret);
    if (!manual && !ctx.inExpression) {
      setOpen(null);
      return;
    }
    if (open === null) setAll(getCompletions());
    setOpen({ query: ctx.query, active: 0, manual });
  };

  const accept = (completion: Completion) => {
    const input = inputRef.current;
    const caret = input?.selectionStart ?? value.length;
    const result = insertCompletion(value, caret, completion.path);
    pendingCaret.current = result.caret;
    setOpen(null);
    onChange(result.text);
    input?.focus();
  };

  const handleChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const text = event.target.value;
    onChange(text);
    const caret = event.target.selectionStart ?? text.length;
    if (open?.manual && /\s$/.test(text.slice(0, caret))) setOpen(null);
    else if (open?.manual || open !== null || /\{\{\s*[\w.[\]'"]*$|\{%[^%]*$/.test(text.slice(0, caret))) openAt(text, caret, open?.manual ?? false);
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      openAt(value, event.currentTarget.selectionStart ?? value.length, true);
      return;
    }
    if (open !== null && shown.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const delta = event.key === 'ArrowDown' ? 1 : -1;
        setOpen({ ...open, active: (open.active + delta + shown.length) % shown.length });
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        accept(shown[Math.min(open.active, shown.length - 1)]);
        return;
      }
    }
    if (event.key === 'Escape' && open !== null) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(null);
      return;
    }
    if (event.key === 'Enter' && !multiline) props.onEnter?.();
  };

  const common = {
    ref: inputRef,
    id,
    className: `input input--jinja${multiline ? ' input--multiline' : ''}${hasJinja(value) ? ' has-jinja' : ''}`,
    value,
    placeholder: props.placeholder,
    spellCheck: false,
    autoComplete: 'off',
    'aria-label': props.ariaLabel,
    'aria-required': props.ariaRequired || undefined,
    'aria-invalid': error !== null || issue?.severity === 'error' || undefined,
    'aria-describedby': [props.describedBy, error !== null || issue !== null ? messageId : null].filter(Boolean).join(' ') || undefined,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open !== null,
    'aria-controls': open !== null ? listId : undefined,
    'aria-activedescendant': open !== null && shown.length > 0 ? `${listId}-${open.active}` : undefined,
    role: 'combobox',
    'data-testid': props.testId,
    onChange: handleChange,
    onKeyDown: handleKeyDown,
    onBlur: () => {
      setOpen(null);
      props.onBlur?.();
    },
  };

  return (
    <div className="jinja-field">
      <div className="jinja-field__control">
        {multiline ? <textarea {...common} rows={props.rows ?? 3} /> : <input {...common} type="text" />}
        <button
          type="button"
          className="jinja-field__insert"
          title="Insert a reference to an upstream value (Ctrl+Space)"
          aria-label="Insert a reference to an upstream value"
          data-testid="jinja-insert"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            const input = inputRef.current;
            input?.focus();
            const caret = input?.selectionStart ?? value.length;
            if (open !== null) setOpen(null);
            else openAt(value, caret, true);
          }}
        >
          {'{ }'}
        </button>
      </div>
      {open !== null && (
        <ul id={listId} className="completions" role="listbox" aria-label="References" data-testid="jinja-completions">
          {shown.length === 0 && (
            <li className="completions__empty" role="presentation">
              {all.length === 0 ? 'No upstream block yet: link a block to this one to use its results.' : `Nothing matches “${open.query}”.`}
            </li>
          )}
          {shown.map((c, i) => (
            <li
              key={c.path}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === open.active}
              className={`completions__option${i === open.active ? ' is-active' : ''}`}
              data-testid="completion-option"
              data-path={c.path}
              title={c.description || undefined}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setOpen({ ...open, active: i })}
              onClick={() => accept(c)}
            >
              <code className="completions__path">{c.path}</code>
              {c.type !== '' && <span className="completions__type">{c.type}</span>}
              <span className="completions__source">{c.source}</span>
            </li>
          ))}
        </ul>
      )}
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
