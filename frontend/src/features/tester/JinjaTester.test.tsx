import { currentCompletions } from '@codemirror/autocomplete';
import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { renderJinjaTemplate, type JinjaOutcome } from '../../ipc';
import { historyKey } from './history';
import { JinjaTester } from './JinjaTester';

vi.mock('../../ipc', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../ipc')>()), renderJinjaTemplate: vi.fn() }));

type JinjaResult = JinjaOutcome;
const renderMock = vi.mocked(renderJinjaTemplate);
/** JSON text as the tester sends it for a value given as `initialData`. */
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

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
    expect(renderMock).toHaveBeenCalledWith('{{ urgency.value }}', pretty({ urgency: { value: 70 } }), false);
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
    await waitFor(() => expect(renderMock).toHaveBeenCalledWith('{{ x }}', '', false));
    fireEvent.click(document.querySelector('[data-field="tester-strict"]')!);
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ x }}', '', true));
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
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ a }}', '{"a": 1}', false));
  });

  it('takes pasted data from a paste event', async () => {
    render(<JinjaTester playbookId="pb" initialExpression="{{ urgency.value }}" />);
    act(() => {
      fireEvent.paste(dataArea(), { clipboardData: { getData: () => '{"urgency": {"value": 70}}' } });
    });
    expect(dataArea().value).toBe('{"urgency": {"value": 70}}');
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ urgency.value }}', '{"urgency": {"value": 70}}', false));
  });

  it('sends the data as written: key order and numbers untouched', async () => {
    const text = '{"d": {"zeta": 1, "10": 2}, "z": -0.0}';
    render(<JinjaTester playbookId="pb" initialExpression="{% for k in d %}{{ k }}{% endfor %}" initialData={text} />);
    await waitFor(() => expect(renderMock).toHaveBeenCalledWith('{% for k in d %}{{ k }}{% endfor %}', text, false));
    expect(dataArea().value).toBe(text);
  });

  it('takes a pasted expression from a paste event', async () => {
    render(<JinjaTester playbookId="pb" initialData={{ urgency: { value: 70 } }} />);
    act(() => {
      fireEvent.paste(expressionElement(), { clipboardData: { getData: (type: string) => (type === 'text/plain' ? '{{ urgency.value }}' : '') } });
    });
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ urgency.value }}', pretty({ urgency: { value: 70 } }), false));
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

  it('fills the data from a stored run, given as CODE JSON text', async () => {
    const code = '{\n  "node": {\n    "0": { "alert_uuid": "u-1" }\n  }\n}';
    const loadRunData = vi.fn((_runId: string) => Promise.resolve<unknown>(code));
    const runs = [
      { id: 'r1', label: 'Run 1' },
      { id: 'r2', label: 'Run 2' },
    ];
    render(<JinjaTester playbookId="pb" runs={runs} loadRunData={loadRunData} initialExpression="{{ node.0.alert_uuid }}" />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Run whose values to use' }), { target: { value: 'r2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use run' }));
    await waitFor(() => expect(dataArea().value).toBe(code));
    expect(loadRunData).toHaveBeenCalledWith('r2');
    await waitFor(() => expect(renderMock).toHaveBeenLastCalledWith('{{ node.0.alert_uuid }}', code, false));
  });

  it('pretty-prints run data given as a value', async () => {
    const loadRunData = vi.fn(() => Promise.resolve<unknown>({ store: { n: 1 } }));
    render(<JinjaTester playbookId="pb" runs={[{ id: 'r1', label: 'Run 1' }]} loadRunData={loadRunData} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use run' }));
    await waitFor(() => expect(dataArea().value).toBe(pretty({ store: { n: 1 } })));
  });

  it('completes paths found in the data, and filters after a pipe', async () => {
    render(<JinjaTester playbookId="pb" initialData={{ node: { '0': { alert_uuid: 'u-1' } }, urgency: { value: 70 } }} />);
    await waitFor(() => expect(renderMock).toHaveBeenCalled());
    act(() => {
      const view = editor();
      view.dispatch({ changes: { from: 0, insert: '{{ urg' }, selection: { anchor: 6 }, userEvent: 'input.type' });
    });
    const labels = () => currentCompletions(editor().state).map((c) => c.label);
    await waitFor(() => expect(labels()).toEqual(['urgency', 'urgency.value']), { timeout: 3000 });

    act(() => {
      const view = editor();
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '{{ node.0.alert_uuid | json' }, selection: { anchor: 27 }, userEvent: 'input.type' });
    });
    await waitFor(() => expect(labels()[0]).toBe('jsonpath'), { timeout: 3000 });
    expect(currentCompletions(editor().state)[0]).toMatchObject({ detail: '(path, return_all=False)' });
  });

  it('closes on Escape', () => {
    const onClose = vi.fn();
    render(<JinjaTester playbookId="pb" onClose={onClose} />);
    fireEvent.keyDown(dataArea(), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('says when the renderer cannot be reached, or refuses the data', async () => {
    renderMock.mockRejectedValue({ code: 'unknown', message: 'no backend' });
    const { unmount } = render(<JinjaTester playbookId="pb" initialExpression="{{ a }}" />);
    await waitFor(() => expect(output()).toHaveAttribute('data-state', 'error'));
    expect(output().textContent).toBe('The renderer could not be reached: no backend');
    unmount();

    renderMock.mockRejectedValue({ code: 'invalid_input', message: 'data: invalid JSON at line 1, column 9' });
    render(<JinjaTester playbookId="pb" initialExpression="{{ a }}" />);
    await waitFor(() => expect(output().textContent).toBe('The data was refused: data: invalid JSON at line 1, column 9'));
  });
});
