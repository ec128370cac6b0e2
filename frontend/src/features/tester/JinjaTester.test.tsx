import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { renderJinja, type JinjaResult } from '../../ipc/jinja';
import { historyKey } from './history';
import { JinjaTester } from './JinjaTester';

vi.mock('../../ipc/jinja', () => ({ renderJinja: vi.fn() }));

const renderMock = vi.mocked(renderJinja);

/** A render answered at once with the template itself as output (easy to tell apart). */
const echo = (template: string): Promise<JinjaResult> => Promise.resolve({ ok: true, output: `out:${template}`, value: null, typed: false });

beforeEach(() => {
  renderMock.mockReset();
  renderMock.mockImplementation(echo);
  localStorage.clear();
});

afterEach(() => {
  localStorage.clear();
});

const output = () => document.querySelector<HTMLElement>('[data-field="tester-output"]')!;
const dataArea = () => document.querySelector<HTMLTextAreaElement>('[data-field="tester-data"]')!;
const expressionElement = () => document.querySelector<HTMLElement>('[data-field="tester-expression"]')!;

function editor(): EditorView {
  const view = EditorView.findFromDOM(expressionElement());
  if (view === null) throw new Error('no expression editor');
  return view;
}

/** Replaces the expression the way typing does. */
function typeExpression(text: string) {
  act(() => {
    const view = editor();
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' });
  });
}

/** Sets the textarea's value from script and fires `input`, as a WebDriver test does. */
function setDataByInputEvent(text: string) {
  act(() => {
    const area = dataArea();
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('JinjaTester', () => {
  it('renders the expression on the data after a short pause, once for a burst of typing', async () => {
    render(<JinjaTester playbookId="pb" initialData={{ urgency: { value: 70 } }} />);
    typeExpression('{{ urg');
    typeExpression('{{ urgency.value }}');
    await waitFor(() => expect(output()).toHaveTextContent('out:{{ urgency.value }}'));
    expect(renderMock).toHaveBeenCalledTimes(1);
    expect(renderMock).toHaveBeenCalledWith('{{ urgency.value }}', { urgency: { value: 70 } }, false);
    expect(output()).toHaveAttribute('data-state', 'ok');
  });

  it('shows exactly the rendered text, whitespace and all', async () => {
    renderMock.mockResolvedValue({ ok: true, output: '  two\nlines \n', value: null, typed: false });
    render(<JinjaTester playbookId="pb" initialExpression="x" />);
    await waitFor(() => expect(output().textContent).toBe('  two\nlines \n'));
    expect(document.querySelector('[data-field="tester-typed"]')).toBeNull();
  });

  it('drops the answer to an older template that arrives late', async () => {
    const answers: Array<(r: JinjaResult) => void> = [];
    renderMock.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    render(<JinjaTester playbookId="pb" initialExpression="{{ 'old' }}" />);
    await waitFor(() => expect(answers).toHaveLength(1));
    typeExpression("{{ 'new' }}");
    await waitFor(() => expect(answers).toHaveLength(2));
    act(() => answers[1]({ ok: true, output: 'new', value: null, typed: false }));
    await waitFor(() => expect(output().textContent).toBe('new'));
    act(() => answers[0]({ ok: true, output: 'old', value: null, typed: false }));
    await new Promise((r) => setTimeout(r, 50));
    expect(output().textContent).toBe('new');
  });

  it('says "rendering…" while a render takes long', async () => {
    renderMock.mockImplementation(() => new Promise(() => undefined));
    render(<JinjaTester playbookId="pb" initialExpression="{{ 1 }}" />);
    expect(await screen.findByText('rendering…', undefined, { timeout: 2000 })).toBeInTheDocument();
  });

  it('shows an error with its line and column, and underlines the span', async () => {
    renderMock.mockResolvedValue({ ok: false, error: { kind: 'unknown_filter', line: 1, column: 13, message: "No filter named 'nofilter'." } });
    render(<JinjaTester playbookId="pb" initialExpression="{{ node.0 | nofilter }}" />);
    await waitFor(() => expect(output()).toHaveAttribute('data-state', 'error'));
    expect(output().textContent).toBe("line 1, column 13: No filter named 'nofilter'.");
    expect(output()).toHaveAttribute('data-error-kind', 'unknown_filter');
    await waitFor(() => expect(expressionElement().querySelector('[data-error-span]')?.textContent).toBe('nofilter'));
    expect(expressionElement()).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a typed value apart from the text', async () => {
    renderMock.mockResolvedValue({ ok: true, output: '42', value: 42, typed: true });
    render(<JinjaTester playbookId="pb" initialExpression="{{ 40 + 2 }}" />);
    const typed = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('[data-field="tester-typed"]');
      if (found === null) throw new Error('no typed value');
      return found;
    });
    expect(typed.textContent).toBe('number 42');
    expect(output().textContent).toBe('42');
  });

  it('shows a typed list as pretty JSON', async () => {
    renderMock.mockResolvedValue({ ok: true, output: "['a', 'b']", value: ['a', 'b'], typed: true });
    render(<JinjaTester playbookId="pb" initialExpression="{{ tags }}" />);
    await waitFor(() => expect(document.querySelector('[data-field="tester-typed"]')?.textContent).toBe('list [\n  "a",\n  "b"\n]'));
    expect(output().textContent).toBe("['a', 'b']");
  });

  it('passes strict mode on', async () => {
    render(<JinjaTester playbookId="pb" initialExpression="{{ x }}" />);
    await waitFor(() => expect(renderMock).toHaveBeenCalledWith('{{ x }}', {}, false));
    fireEvent.click(document.querySelector('[data-field="tester-strict"]')!);
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ x }}', {}, true));
  });

  it('names the line and column of invalid data and renders nothing until it is fixed', async () => {
    render(<JinjaTester playbookId="pb" initialExpression="{{ a }}" />);
    await waitFor(() => expect(renderMock).toHaveBeenCalledTimes(1));
    setDataByInputEvent('{\n  "a": 1,\n}');
    expect(await screen.findByText("Data is not usable: line 3, column 1: a comma cannot come right before '}'")).toBeInTheDocument();
    await waitFor(() => expect(output()).toHaveAttribute('data-state', 'blocked'));
    expect(output().textContent).toBe('');
    expect(renderMock).toHaveBeenCalledTimes(1);

    setDataByInputEvent('{"a": 1}');
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ a }}', { a: 1 }, false));
  });

  it('takes pasted data from a paste event', async () => {
    render(<JinjaTester playbookId="pb" initialExpression="{{ urgency.value }}" />);
    act(() => {
      fireEvent.paste(dataArea(), { clipboardData: { getData: () => '{"urgency": {"value": 70}}' } });
    });
    expect(dataArea().value).toBe('{"urgency": {"value": 70}}');
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ urgency.value }}', { urgency: { value: 70 } }, false));
  });

  it('takes a pasted expression from a paste event', async () => {
    render(<JinjaTester playbookId="pb" initialData={{ urgency: { value: 70 } }} />);
    act(() => {
      fireEvent.paste(expressionElement(), { clipboardData: { getData: (type: string) => (type === 'text/plain' ? '{{ urgency.value }}' : '') } });
    });
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ urgency.value }}', { urgency: { value: 70 } }, false));
  });

  it('keeps an expression that rendered in the history, and reuses it with one click', async () => {
    render(<JinjaTester playbookId="pb-7" initialExpression="{{ node.0.alert_uuid }}" />);
    await waitFor(() => expect(JSON.parse(localStorage.getItem(historyKey('pb-7')) ?? '[]')).toEqual(['{{ node.0.alert_uuid }}']), { timeout: 3000 });

    typeExpression('{{ other }}');
    await waitFor(() => expect(output().textContent).toBe('out:{{ other }}'));
    fireEvent.click(screen.getByRole('button', { name: '{{ node.0.alert_uuid }}' }));
    expect(editor().state.doc.toString()).toBe('{{ node.0.alert_uuid }}');
    await waitFor(() => expect(output().textContent).toBe('out:{{ node.0.alert_uuid }}'));
  });

  it('does not keep an expression that failed, unless asked with Ctrl+Enter', async () => {
    renderMock.mockResolvedValue({ ok: false, error: { kind: 'syntax', line: 1, column: 4, message: 'unexpected end' } });
    render(<JinjaTester playbookId="pb-8" initialExpression="{{ " />);
    await waitFor(() => expect(output()).toHaveAttribute('data-state', 'error'));
    await new Promise((r) => setTimeout(r, 1400));
    expect(localStorage.getItem(historyKey('pb-8'))).toBeNull();
    fireEvent.keyDown(expressionElement(), { key: 'Enter', ctrlKey: true });
    expect(JSON.parse(localStorage.getItem(historyKey('pb-8')) ?? '[]')).toEqual(['{{ ']);
  });

  it('shows the history stored for the playbook', () => {
    localStorage.setItem(historyKey('pb-9'), JSON.stringify(['{{ a }}', '{{ b }}']));
    render(<JinjaTester playbookId="pb-9" />);
    expect(screen.getByRole('button', { name: '{{ a }}' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '{{ b }}' })).toBeInTheDocument();
  });

  it('fills the data from a stored run', async () => {
    const loadRunData = vi.fn(() => Promise.resolve({ node: { '0': { alert_uuid: 'u-1' } } }));
    render(<JinjaTester playbookId="pb" runs={[{ id: 'r1', label: 'Run 1' }]} loadRunData={loadRunData} initialExpression="{{ node.0.alert_uuid }}" />);
    fireEvent.click(screen.getByRole('button', { name: 'Use run' }));
    await waitFor(() => expect(dataArea().value).toBe(JSON.stringify({ node: { '0': { alert_uuid: 'u-1' } } }, null, 2)));
    expect(loadRunData).toHaveBeenCalledWith('r1');
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ node.0.alert_uuid }}', { node: { '0': { alert_uuid: 'u-1' } } }, false));
  });

  it('closes on Escape', () => {
    const onClose = vi.fn();
    render(<JinjaTester playbookId="pb" onClose={onClose} />);
    fireEvent.keyDown(dataArea(), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('says when the renderer cannot be reached', async () => {
    renderMock.mockRejectedValue({ code: 'unknown', message: 'no backend' });
    render(<JinjaTester playbookId="pb" initialExpression="{{ a }}" />);
    await waitFor(() => expect(output()).toHaveAttribute('data-state', 'error'));
    expect(output().textContent).toBe('The renderer could not be reached: no backend');
  });
});
