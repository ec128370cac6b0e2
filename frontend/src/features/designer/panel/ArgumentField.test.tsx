import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { ArgumentField } from './ArgumentField';
import type { FieldSpec } from './schemaForm';

const spec = (over: Partial<FieldSpec>): FieldSpec => ({
  name: 'filters',
  label: 'Filters',
  kind: 'json',
  required: false,
  description: 'What to keep',
  multiline: false,
  secret: false,
  extra: false,
  ...over,
});

describe('ArgumentField', () => {
  it('edits an object argument in a JSON editor named by its label', () => {
    const onCommit = vi.fn();
    render(<ArgumentField spec={spec({})} value={{ status: 'open' }} onCommit={onCommit} />);
    const content = screen.getByTestId('argument-filters');
    expect(content.closest('[data-field-language]')).toHaveAttribute('data-field-language', 'json');
    expect(content).toHaveAttribute('aria-multiline', 'true');
    const label = document.getElementById(content.getAttribute('aria-labelledby') ?? '');
    expect(label?.textContent).toContain('Filters');
    expect(content.querySelector('.tok-propertyName')?.textContent).toBe('"status"');

    const view = EditorView.findFromDOM(content)!;
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '{"status": "{{ node.1.status }}"}' }, userEvent: 'input.type' }));
    expect(onCommit).toHaveBeenLastCalledWith({ status: '{{ node.1.status }}' });

    act(() => view.dispatch({ changes: { from: 0, insert: '[' }, userEvent: 'input.type' }));
    expect(screen.getByTestId('field-error').textContent).toMatch(/Invalid JSON/);
    expect(content).toHaveAttribute('aria-invalid', 'true');
  });

  it('keeps strings in a Jinja editor, and a click on the label focuses it', () => {
    render(<ArgumentField spec={spec({ name: 'uuid', label: 'UUID', kind: 'string' })} value="{{ node.0.alert_uuid }}" onCommit={() => {}} />);
    const content = screen.getByTestId('argument-uuid');
    expect(content.closest('[data-field-language]')).toHaveAttribute('data-field-language', 'jinja');
    expect(content).toHaveAttribute('aria-multiline', 'false');
    fireEvent.click(screen.getByText('UUID'));
    expect(document.activeElement).toBe(content);
  });
});
