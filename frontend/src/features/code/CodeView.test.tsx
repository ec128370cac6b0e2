import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { CodeView, EMPTY_MESSAGE } from './CodeView';

const code = {
  node: {
    '0': { alert_uuid: 'a1b2-c3', rule: { name: 'Brute force' } },
    '3': { results: { items: [{ id: 7 }], 'content-type': 'application/json' } },
  },
  arguments: { '3': { uuid: 'a1b2-c3' } },
  store: {},
};

let writeText: ReturnType<typeof vi.fn>;

beforeEach(() => {
  writeText = vi.fn(() => Promise.resolve());
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard');
});

const panel = () => document.querySelector<HTMLElement>('[data-panel="code"]')!;
const row = (reference: string) => panel().querySelector<HTMLElement>(`[data-jinja-path="${reference}"]`);
const findRow = (reference: string) =>
  waitFor(() => {
    const found = row(reference);
    if (found === null) throw new Error(`no row ${reference}`);
    return found;
  });
const references = () => [...panel().querySelectorAll<HTMLElement>('[data-jinja-path]')].map((e) => e.dataset.jinjaPath);

describe('CodeView', () => {
  it('says that no run is shown when there is no CODE JSON', async () => {
    render(<CodeView code={null} />);
    expect(await screen.findByText(EMPTY_MESSAGE)).toBeInTheDocument();
    expect(panel()).toHaveAttribute('data-state', 'empty');
  });

  it('shows the caller still loading', () => {
    render(<CodeView code={null} loading />);
    expect(screen.getByText(/Loading the run’s values/)).toBeInTheDocument();
  });

  it('puts on every row the Jinja reference it copies', async () => {
    render(<CodeView code={code} />);
    await findRow('{{ node.0 }}');
    expect(references()).toEqual([
      '{{ node }}',
      '{{ node.0 }}',
      '{{ node.0.alert_uuid }}',
      '{{ node.0.rule }}',
      '{{ node.3 }}',
      '{{ node.3.results }}',
      '{{ arguments }}',
      "{{ arguments['3'] }}",
      "{{ arguments['3'].uuid }}",
      '{{ store }}',
    ]);
  });

  it('expands and collapses a row, and everything at once', async () => {
    render(<CodeView code={code} />);
    expect(await findRow('{{ node.0.alert_uuid }}')).toHaveAttribute('data-kind', 'string');
    expect(row('{{ node.0 }}')).toHaveAttribute('aria-expanded', 'true');
    fireEvent.click(within(row('{{ node.0 }}')!).getByRole('button', { name: 'Collapse 0' }));
    await waitFor(() => expect(row('{{ node.0.alert_uuid }}')).toBeNull());
    expect(row('{{ node.0 }}')).toHaveAttribute('aria-expanded', 'false');

    fireEvent.click(within(await findRow('{{ node.3.results }}')).getByRole('button', { name: 'Expand results' }));
    expect(await findRow("{{ node.3.results['items'] }}")).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(await findRow("{{ node.3.results['items'][0].id }}")).toBeInTheDocument();
    expect(row("{{ node.3.results['content-type'] }}")).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    await waitFor(() => expect(references()).toEqual(['{{ node }}', '{{ arguments }}', '{{ store }}']));
  });

  it('counts matches and moves through them with Enter and Shift+Enter, opening their ancestors', async () => {
    render(<CodeView code={code} />);
    await findRow('{{ node }}');
    const box = screen.getByRole('searchbox', { name: 'Search keys and values' });
    fireEvent.change(box, { target: { value: 'A1B2' } });
    const count = () => panel().querySelector('[data-field="code-match-count"]')!.textContent;
    await waitFor(() => expect(count()).toBe('1 of 2'));
    await waitFor(() => expect(row('{{ node.0.alert_uuid }}')).toHaveAttribute('data-current', 'true'));
    expect(row('{{ node.0.alert_uuid }}')).toHaveAttribute('data-match', 'true');

    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(count()).toBe('2 of 2'));
    await waitFor(() => expect(row("{{ arguments['3'].uuid }}")).toHaveAttribute('data-current', 'true'));
    expect(row('{{ node.0.alert_uuid }}')).not.toHaveAttribute('data-current');

    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(count()).toBe('1 of 2'));
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    await waitFor(() => expect(count()).toBe('2 of 2'));

    fireEvent.change(box, { target: { value: 'nothing like this' } });
    await waitFor(() => expect(count()).toBe('No match'));
  });

  it('copies the Jinja reference of a clicked key or value, and says so', async () => {
    const onNotice = vi.fn();
    render(<CodeView code={code} onNotice={onNotice} />);
    await findRow('{{ node }}');
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    const uuid = await findRow('{{ node.0.alert_uuid }}');
    fireEvent.click(within(uuid).getByRole('button', { name: 'alert_uuid' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('{{ node.0.alert_uuid }}'));
    expect(await screen.findByText('Copied {{ node.0.alert_uuid }}')).toBeInTheDocument();
    expect(onNotice).toHaveBeenCalledWith('Copied {{ node.0.alert_uuid }}');

    fireEvent.click(within(row('{{ node.3.results }}')!).getByRole('button', { name: '{ 2 keys }' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('{{ node.3.results }}'));
  });

  it('copies a value: a string raw, anything else as JSON', async () => {
    render(<CodeView code={code} />);
    await findRow('{{ node }}');
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    fireEvent.click(within(await findRow('{{ node.0.alert_uuid }}')).getByRole('button', { name: 'Copy value' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('a1b2-c3'));
    fireEvent.click(within(row('{{ node.0.rule }}')!).getByRole('button', { name: 'Copy value' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('{\n  "name": "Brute force"\n}'));
  });

  it('copies the whole CODE JSON: the text given, else pretty JSON', async () => {
    const text = JSON.stringify(code);
    const { rerender } = render(<CodeView code={null} codeText={text} />);
    await findRow('{{ node }}');
    fireEvent.click(screen.getByRole('button', { name: 'Copy CODE JSON' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(text));

    rerender(<CodeView code={{ store: { a: 1 } }} />);
    await findRow('{{ store.a }}');
    fireEvent.click(screen.getByRole('button', { name: 'Copy CODE JSON' }));
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith('{\n  "store": {\n    "a": 1\n  }\n}'));
  });

  it('keeps the document (and its folding) while the same text comes again', async () => {
    const text = JSON.stringify(code);
    const { rerender } = render(<CodeView code={null} codeText={text} />);
    fireEvent.click(within(await findRow('{{ node }}')).getByRole('button', { name: 'Collapse node' }));
    await waitFor(() => expect(row('{{ node.0 }}')).toBeNull());
    rerender(<CodeView code={{ another: 'object' }} codeText={text} />);
    await new Promise((r) => setTimeout(r, 50));
    expect(row('{{ node.0 }}')).toBeNull();
    expect(row('{{ node }}')).toHaveAttribute('aria-expanded', 'false');
  });

  it('draws only the rows in view of a long document', async () => {
    const big = { store: { list: Array.from({ length: 5000 }, (_, i) => ({ id: i })) } };
    render(<CodeView code={big} />);
    await findRow('{{ store.list[0] }}');
    expect(panel().querySelector('[role="tree"]')).toHaveAttribute('data-total-rows', '5002');
    expect(references().length).toBeLessThan(100);
    expect(row('{{ store.list[4999] }}')).toBeNull();
  });

  it('scrolls a match far down the list into view', async () => {
    const big = { store: { list: Array.from({ length: 5000 }, (_, i) => `item-${i}`) } };
    render(<CodeView code={big} />);
    await findRow('{{ store }}');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'item-4321' } });
    expect(await findRow('{{ store.list[4321] }}')).toHaveAttribute('data-current', 'true');
    expect(panel().querySelector<HTMLElement>('[role="tree"]')!.scrollTop).toBeGreaterThan(0);
  });

  it('shows the document as pretty JSON lines in raw mode', async () => {
    render(<CodeView code={{ store: { a: 1 } }} />);
    await findRow('{{ store }}');
    fireEvent.click(screen.getByRole('button', { name: 'Raw JSON' }));
    await waitFor(() => expect(panel().querySelectorAll('.code-raw__text')).toHaveLength(5));
    expect([...panel().querySelectorAll('.code-raw__text')].map((e) => e.textContent)).toEqual(['{', '  "store": {', '    "a": 1', '  }', '}']);
    expect(screen.getByText(/^5 lines of JSON/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Raw JSON' })).toHaveAttribute('aria-pressed', 'true');
  });

  it('says when the CODE JSON text cannot be read', async () => {
    render(<CodeView code={null} codeText="{ not json" />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/^The CODE JSON could not be read/);
  });
});
