/**
 * The CodeMirror pieces of a side-panel field, kept out of the React component: the
 * annotation that marks changes coming from the document (not typed), the single-line
 * behaviour, the attributes of the editable element, and the panel's look.
 *
 * Deliberately small: no line numbers, folding, bracket matching or search (`basicSetup`
 * is meant for code files; these are form fields). Undo/redo inside a field is the
 * field's own (`history`, cleared when the value changes from outside); outside a field,
 * the designer's shortcuts undo document edits.
 */
import { acceptCompletion } from '@codemirror/autocomplete';
import { defaultKeymap, historyKeymap } from '@codemirror/commands';
import { Annotation, EditorState, Prec, type ChangeSpec, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder } from '@codemirror/view';

/** Set on the transactions that bring the field in line with its `value` (undo, another block). */
export const External = Annotation.define<boolean>();

/** The edit that turns `from` into `to`, touching only what differs (so the caret maps through it). */
export function smallestChange(from: string, to: string): { from: number; to: number; insert: string } {
  let start = 0;
  const shorter = Math.min(from.length, to.length);
  while (start < shorter && from.charCodeAt(start) === to.charCodeAt(start)) start += 1;
  let end = 0;
  while (end < shorter - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end += 1;
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}

/** What every field has, whatever its props (the component adds `history()`, which it resets). */
export function baseExtensions(): Extension {
  return [
    Prec.high(keymap.of([{ key: 'Tab', run: acceptCompletion }])),
    keymap.of([...defaultKeymap, ...historyKeymap]),
    EditorState.tabSize.of(2),
    fieldTheme,
  ];
}

/**
 * One line, like an `<input>`: Enter runs `onEnter` (the completion list takes it first
 * when open) and pasted line breaks become spaces.
 */
export function singleLine(onEnter: () => void): Extension {
  return [
    Prec.high(
      keymap.of([
        {
          key: 'Enter',
          run: () => {
            onEnter();
            return true;
          },
        },
      ]),
    ),
    EditorState.transactionFilter.of((tr) => {
      if (!tr.docChanged || tr.annotation(External)) return tr;
      const spaces: ChangeSpec[] = [];
      tr.changes.iterChanges((_fromA, _toA, fromB, _toB, inserted) => {
        const text = inserted.toString();
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) spaces.push({ from: fromB + i, to: fromB + i + 1, insert: ' ' });
      });
      return spaces.length === 0 ? tr : [tr, { changes: spaces, sequential: true }];
    }),
  ];
}

/** Several lines, wrapped; the editor grows with its text (up to a maximum set in CSS). */
export const multiLine: Extension = EditorView.lineWrapping;

export function placeholderText(text: string | undefined): Extension {
  return text ? placeholder(text) : [];
}

/**
 * The attributes of the editable element (`.cm-content`): `id`, `aria-*` and `data-testid`
 * go there so that labels, error messages and tests find the field.
 */
export function contentAttributes(attrs: Record<string, string | undefined>): Extension {
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined) defined[name] = value;
  return EditorView.contentAttributes.of(defined);
}

/**
 * The panel's look, from the variables of src/styles.css. Written as a CodeMirror theme
 * (delivered through the page's style nonce, see ./styleNonce.ts) so that it overrides the
 * base theme rule for rule; token colours are in ../jinjaField.css.
 */
const fieldTheme = EditorView.theme(
  {
    '&': {
      backgroundColor: 'var(--bg-input)',
      color: 'var(--text)',
      border: '1px solid var(--border-strong)',
      borderRadius: 'var(--radius-small)',
      fontSize: '12.5px',
      transition: 'border-color 120ms ease',
    },
    '&:hover': { borderColor: '#3a4d6a' },
    '&.cm-focused': { outline: 'none', borderColor: 'var(--accent)', boxShadow: '0 0 0 1px var(--accent)' },
    // The right margin keeps the text (and a long placeholder) clear of the `{ }` button.
    '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.45', marginRight: '38px' },
    '.cm-content': {
      padding: '8px 4px 8px 10px',
      caretColor: 'var(--text)',
      minHeight: 'calc(var(--jinja-field-rows, 1) * 1.45em + 16px)',
    },
    '.cm-line': { padding: '0' },
    '.cm-placeholder': { color: 'var(--text-faint)' },
    '.cm-tooltip.cm-tooltip-autocomplete': {
      padding: '4px',
      background: '#0f1827',
      border: '1px solid var(--border-strong)',
      borderRadius: 'var(--radius-small)',
      boxShadow: '0 12px 28px rgba(0, 0, 0, 0.5)',
    },
    '.cm-tooltip.cm-tooltip-autocomplete > ul': {
      fontFamily: 'var(--font)',
      minWidth: '260px',
      maxWidth: 'min(460px, 90vw)',
      maxHeight: '260px',
    },
    '.cm-tooltip.cm-tooltip-autocomplete > ul > li': {
      display: 'grid',
      gridTemplateColumns: 'minmax(0, 1fr) auto',
      gap: '0 8px',
      padding: '5px 8px',
      borderRadius: '4px',
      lineHeight: '1.35',
    },
    '.cm-tooltip.cm-tooltip-autocomplete > ul > li[aria-selected]': { background: '#1a2d49', color: 'var(--text)' },
    '.cm-completionLabel': {
      fontFamily: 'var(--mono)',
      fontSize: '12px',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    '.cm-completionDetail': { marginLeft: '0', fontStyle: 'normal', fontSize: '11px', color: 'var(--accent)' },
    '.jinja-completion__source': { gridColumn: '1 / -1', fontSize: '11px', color: 'var(--text-faint)' },
    '.jinja-completion--empty': { cursor: 'default' },
    '.jinja-completion--empty .cm-completionLabel': { fontFamily: 'var(--font)', whiteSpace: 'normal', color: 'var(--text-muted)' },
    '.cm-tooltip.cm-completionInfo': {
      maxWidth: '280px',
      padding: '6px 8px',
      background: '#0f1827',
      border: '1px solid var(--border-strong)',
      borderRadius: 'var(--radius-small)',
      color: 'var(--text-muted)',
      fontSize: '12px',
    },
  },
  { dark: true },
);
