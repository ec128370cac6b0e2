import { acceptCompletion, currentCompletions, moveCompletionSelection, startCompletion } from '@codemirror/autocomplete';
import { undo, undoDepth } from '@codemirror/commands';
import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';

import type { Completion } from '../jinja/completions';
import { CompletionContext } from './completionContext';
import { smallestChange } from './editor/fieldSetup';
import { NO_UPSTREAM } from './editor/completionSource';
import { JinjaField, type JinjaFieldProps } from './JinjaField';

const completions: Completion[] = [
  { path: 'node.0.alert_uuid', type: 'string', source: '0 · Alert Created', description: '' },
  { path: 'node.2.urgency', type: 'object', source: '2 · Get Alert', description: '' },
  { path: 'node.2.urgency.current_value', type: 'integer', source: '2 · Get Alert', description: '' },
];

type HarnessProps = Partial<JinjaFieldProps> & { initial?: string; list?: Completion[] };

/** A field whose value lives in React state, like the panel's forms. */
function Harness({ initial = '', list = completions, ...rest }: HarnessProps) {
  const [value, setValue] = useState(initial);
  return (
    <CompletionContext.Provider value={() => list}>
      <JinjaField
        {...rest}
        value={value}
        onChange={(text) => {
          rest.onChange?.(text);
          setValue(text);
        }}
        ariaLabel="field"
        testId="field"
      />
      <output data-testid="value">{value}</output>
      <button type="button" data-testid="set-outside" onClick={() => setValue('Set from outside')}>
        set
      </button>
    </CompletionContext.Provider>
  );
}

function viewOf(testId = 'field'): EditorView {
  const view = EditorView.findFromDOM(screen.getByTestId(testId));
  if (view === null) throw new Error(`no editor for ${testId}`);
  return view;
}

/** Types `text` at the caret the way the browser's input does (the list may open by itself). */
function type(view: EditorView, text: string) {
  act(() => {
    const at = view.state.selection.main.head;
    view.dispatch({ changes: { from: at, insert: text }, selection: { anchor: at + text.length }, userEvent: 'input.type' });
  });
}

/** The text marked as template (other highlighting may cut the mark in several elements). */
const jinjaText = (content: HTMLElement) => [...content.querySelectorAll('.cm-jinja')].map((e) => e.textContent).join('');
const value = () => screen.getByTestId('value').textContent;
const listed = (view: EditorView) => currentCompletions(view.state).map((c) => c.label);
/** The list opens after CodeMirror's debounce; a loaded machine may take a while. */
const eventually = (check: () => void) => waitFor(check, { timeout: 3000 });
const interactionDelay = () => new Promise((r) => setTimeout(r, 100));

describe('JinjaField', () => {
  it('puts id, label, test id and the message link on the editable element', () => {
    render(<Harness id="my-field" initial="{{ node.1.x" describedBy="help" />);
    const content = screen.getByTestId('field');
    expect(content).toHaveClass('cm-content');
    expect(content).toHaveAttribute('id', 'my-field');
    expect(content).toHaveAttribute('contenteditable', 'true');
    expect(content).toHaveAttribute('aria-label', 'field');
    expect(content).toHaveAttribute('aria-multiline', 'false');
    expect(content.getAttribute('aria-describedby')).toBe('help my-field-message');
    expect(screen.getByTestId('jinja-issue').id).toBe('my-field-message');
  });

  it('opens the list inside {{ and inserts the chosen path, closing the braces', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const view = viewOf();
    type(view, '{{ node.2.cur');
    await eventually(() => expect(listed(view)).toEqual(['node.2.urgency.current_value']));
    // The braces are not due while the list is up, even while it refreshes after a keystroke.
    expect(screen.queryByTestId('jinja-issue')).toBeNull();
    type(view, 'r');
    expect(screen.queryByTestId('jinja-issue')).toBeNull();
    await eventually(() => expect(listed(view)).toEqual(['node.2.urgency.current_value']));
    await interactionDelay();
    act(() => void acceptCompletion(view));
    expect(value()).toBe('{{ node.2.urgency.current_value }}');
    expect(view.state.selection.main.head).toBe('{{ node.2.urgency.current_value }}'.length);
    expect(onChange).toHaveBeenLastCalledWith('{{ node.2.urgency.current_value }}');
    await eventually(() => expect(listed(view)).toEqual([]));
  });

  it('picks with the keyboard: arrows, then Enter', async () => {
    render(<Harness />);
    const view = viewOf();
    type(view, 'Alert {{ node.');
    await eventually(() => expect(listed(view)).toHaveLength(3));
    await interactionDelay();
    act(() => void moveCompletionSelection(true)(view));
    fireEvent.keyDown(view.contentDOM, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(value()).toBe('Alert {{ node.2.urgency }}');
  });

  it('opens on Ctrl+Space outside an expression and wraps the path in braces', async () => {
    render(<Harness initial="Hello " />);
    const view = viewOf();
    act(() => view.dispatch({ selection: { anchor: 6 } }));
    fireEvent.keyDown(view.contentDOM, { key: ' ', code: 'Space', keyCode: 32, ctrlKey: true });
    await eventually(() => expect(listed(view)).toHaveLength(3));
    await interactionDelay();
    act(() => void acceptCompletion(view));
    expect(value()).toBe('Hello {{ node.0.alert_uuid }}');
  });

  it('opens from the { } button, even right after a keystroke', async () => {
    render(<Harness />);
    const view = viewOf();
    act(() => view.focus());
    type(view, 'Urgency is ');
    fireEvent.click(screen.getByTestId('jinja-insert'));
    await eventually(() => expect(listed(view)).toHaveLength(3));
    fireEvent.click(screen.getByTestId('jinja-insert'));
    await eventually(() => expect(listed(view)).toEqual([]));
  });

  it('says so when there is nothing upstream', async () => {
    render(<Harness list={[]} />);
    const view = viewOf();
    act(() => void startCompletion(view));
    await eventually(() => expect(listed(view)).toEqual([NO_UPSTREAM]));
    await interactionDelay();
    act(() => void acceptCompletion(view));
    expect(value()).toBe('');
  });

  it('shows unbalanced delimiters inline', () => {
    render(<Harness initial="{{ node.1.x %}" />);
    expect(screen.getByTestId('jinja-issue').textContent).toMatch(/closed with “%}”: use “}}”/);
    expect(screen.getByTestId('field')).toHaveAttribute('aria-invalid', 'true');
  });

  it('highlights the Jinja parts, numeric paths included', () => {
    render(<Harness initial="Alert {{ node.x.y }} is {{ node.1.urgency | default(0) }} {% if a %}b{% endif %}" />);
    const content = screen.getByTestId('field');
    const texts = (cls: string) => [...content.querySelectorAll(`.${cls}`)].map((e) => e.textContent);
    expect(jinjaText(content)).toBe('{{ node.x.y }}{{ node.1.urgency | default(0) }}{% if a %}{% endif %}');
    expect(texts('tok-variableName')).toEqual(['node', 'node', 'a']);
    expect(texts('tok-propertyName')).toEqual(['x', 'y', 'urgency']);
    expect(texts('tok-number')).toEqual(['1', '0']);
    expect(texts('tok-variableName2')).toEqual(['default']);
    expect(texts('tok-keyword')).toEqual(['if', 'endif']);
  });

  it('highlights JSON around Jinja in a JSON field', () => {
    render(<Harness initial={'{"a": "{{ node.1.x }}", "n": 2}'} language="json" multiline />);
    const content = screen.getByTestId('field');
    expect(content.querySelector('.tok-propertyName')?.textContent).toBe('"a"');
    expect([...content.querySelectorAll('.tok-number')].map((e) => e.textContent)).toEqual(['1', '2']);
    expect(jinjaText(content)).toBe('{{ node.1.x }}');
  });

  it('follows a value changed from outside without calling onChange or moving the caret', () => {
    const onChange = vi.fn();
    render(<Harness initial="Set" onChange={onChange} />);
    const view = viewOf();
    act(() => view.dispatch({ selection: { anchor: 1 } }));
    fireEvent.click(screen.getByTestId('set-outside'));
    expect(view.state.doc.toString()).toBe('Set from outside');
    expect(view.state.selection.main.head).toBe(1);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('undoes typing inside the field, but not across a value set from outside', () => {
    render(<Harness initial="Set" />);
    const view = viewOf();
    act(() => view.dispatch({ selection: { anchor: 3 } }));
    type(view, ' me');
    expect(undoDepth(view.state)).toBe(1);
    fireEvent.click(screen.getByTestId('set-outside'));
    expect(undoDepth(view.state)).toBe(0);
    act(() => void undo(view));
    expect(value()).toBe('Set from outside');
  });

  it('keeps one line: Enter calls onEnter, pasted line breaks become spaces', () => {
    const onEnter = vi.fn();
    render(<Harness initial="a" onEnter={onEnter} />);
    const view = viewOf();
    act(() => view.dispatch({ selection: { anchor: 1 } }));
    fireEvent.keyDown(view.contentDOM, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(onEnter).toHaveBeenCalledTimes(1);
    expect(value()).toBe('a');
    act(() => view.dispatch({ changes: { from: 1, insert: '\nb\nc' }, userEvent: 'input.paste' }));
    expect(value()).toBe('a b c');
  });

  it('takes several lines when multiline', () => {
    render(<Harness initial="a" multiline />);
    const view = viewOf();
    expect(screen.getByTestId('field')).toHaveAttribute('aria-multiline', 'true');
    act(() => view.dispatch({ selection: { anchor: 1 } }));
    fireEvent.keyDown(view.contentDOM, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(value()).toBe('a\n');
  });

  it('calls onBlur when the editor loses focus', () => {
    const onBlur = vi.fn();
    render(<Harness onBlur={onBlur} />);
    const content = screen.getByTestId('field');
    fireEvent.focus(content);
    fireEvent.blur(content);
    expect(onBlur).toHaveBeenCalledTimes(1);
  });
});

describe('smallestChange', () => {
  it('replaces only the part that differs', () => {
    expect(smallestChange('Hello world', 'Hello brave world')).toEqual({ from: 6, to: 6, insert: 'brave ' });
    expect(smallestChange('abc', 'abc')).toEqual({ from: 3, to: 3, insert: '' });
    expect(smallestChange('aaa', 'aa')).toEqual({ from: 2, to: 3, insert: '' });
    expect(smallestChange('', 'x')).toEqual({ from: 0, to: 0, insert: 'x' });
  });
});
