import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';

import type { Completion } from '../jinja/completions';
import { CompletionContext } from './completionContext';
import { JinjaField } from './JinjaField';

const completions: Completion[] = [
  { path: 'node.0.alert_uuid', type: 'string', source: '0 · Alert Created', description: '' },
  { path: 'node.2.urgency', type: 'object', source: '2 · Get Alert', description: '' },
  { path: 'node.2.urgency.current_value', type: 'integer', source: '2 · Get Alert', description: '' },
];

function Harness({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <CompletionContext.Provider value={() => completions}>
      <JinjaField value={value} onChange={setValue} ariaLabel="field" testId="field" />
      <output data-testid="value">{value}</output>
    </CompletionContext.Provider>
  );
}

function type(input: HTMLInputElement, text: string) {
  fireEvent.change(input, { target: { value: text, selectionStart: text.length } });
}

describe('JinjaField', () => {
  it('opens the list inside {{ and inserts the chosen path, closing the braces', () => {
    render(<Harness />);
    const input = screen.getByTestId<HTMLInputElement>('field');
    type(input, '{{ node.2.cur');
    const options = screen.getAllByTestId('completion-option');
    expect(options.map((o) => o.getAttribute('data-path'))).toEqual(['node.2.urgency.current_value']);
    fireEvent.click(options[0]);
    expect(screen.getByTestId('value').textContent).toBe('{{ node.2.urgency.current_value }}');
    expect(screen.queryByTestId('jinja-completions')).toBeNull();
  });

  it('works from the keyboard: arrows, Enter, Escape', () => {
    render(<Harness />);
    const input = screen.getByTestId<HTMLInputElement>('field');
    type(input, 'Alert {{ node.');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByTestId('value').textContent).toBe('Alert {{ node.2.urgency }}');
    type(input, 'Alert {{ node.2.urgency }} {{ ');
    expect(screen.getByTestId('jinja-completions')).toBeInTheDocument();
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByTestId('jinja-completions')).toBeNull();
  });

  it('opens on Ctrl+Space outside an expression and wraps the path in braces', () => {
    render(<Harness initial="Hello " />);
    const input = screen.getByTestId<HTMLInputElement>('field');
    input.setSelectionRange(6, 6);
    fireEvent.keyDown(input, { key: ' ', ctrlKey: true });
    fireEvent.click(screen.getAllByTestId('completion-option')[0]);
    expect(screen.getByTestId('value').textContent).toBe('Hello {{ node.0.alert_uuid }}');
  });

  it('shows unbalanced delimiters inline', () => {
    render(<Harness initial="{{ node.1.x %}" />);
    expect(screen.getByTestId('jinja-issue').textContent).toMatch(/closed with “%}”: use “}}”/);
    expect(screen.getByTestId('field')).toHaveAttribute('aria-invalid', 'true');
  });
});
