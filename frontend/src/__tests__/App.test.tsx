import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from '../App';
import { createPlaybook, listPlaybooks, type PlaybookSummary } from '../ipc';

// The real module minus the two calls that would reach Tauri; `toIpcError` stays real.
vi.mock('../ipc', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../ipc')>()),
  listPlaybooks: vi.fn(),
  createPlaybook: vi.fn(),
}));
// The designer has its own tests: here only which playbook it opens, and the way back.
vi.mock('../features/designer/DesignerPage', () => ({
  DesignerPage: ({ playbookId, onClose }: { playbookId: string; onClose: () => void }) => (
    <div data-testid="designer-stub" data-playbook-id={playbookId}>
      <button type="button" onClick={onClose}>
        back
      </button>
    </div>
  ),
}));

const list = vi.mocked(listPlaybooks);
const create = vi.mocked(createPlaybook);

function summary(overrides: Partial<PlaybookSummary> = {}): PlaybookSummary {
  return {
    id: 'pb-1',
    name: 'Phishing triage',
    description: 'Enrich reported emails and quarantine the malicious ones',
    tags: [],
    node_count: 5,
    version: 3,
    updated_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    remote_uuid: null,
    ...overrides,
  };
}

const phishing = summary();
const malware = summary({
  id: 'pb-2',
  name: 'Malware containment',
  description: 'Isolate the host through the EDR',
  node_count: 1,
  version: 1,
  tags: ['edr'],
});

function rows(): HTMLElement[] {
  return screen.queryAllByTestId('playbook-row');
}

function rowNames(): string[] {
  return rows().map((row) => within(row).getByTestId('playbook-name').textContent ?? '');
}

function nameInput(): HTMLInputElement {
  return screen.getByTestId('new-playbook-name');
}

function descriptionInput(): HTMLTextAreaElement {
  return screen.getByTestId('new-playbook-description');
}

function submitButton(): HTMLButtonElement {
  return screen.getByTestId('new-playbook-submit');
}

async function renderLoaded(playbooks: PlaybookSummary[]) {
  list.mockResolvedValueOnce(playbooks);
  render(<App />);
  if (playbooks.length === 0) await screen.findByTestId('empty-state');
  else await screen.findByTestId('playbook-list');
}

beforeEach(() => {
  list.mockReset();
  create.mockReset();
});

describe('start page', () => {
  it('shows the title', async () => {
    await renderLoaded([]);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Playbook Studio');
  });

  it('lists every playbook with its description, node count, version and update time', async () => {
    await renderLoaded([phishing, malware]);

    expect(rowNames()).toEqual(['Phishing triage', 'Malware containment']);
    const first = rows()[0];
    expect(first).toHaveAttribute('data-playbook-id', 'pb-1');
    expect(first).toHaveTextContent('Enrich reported emails and quarantine the malicious ones');
    expect(within(first).getByTestId('playbook-node-count')).toHaveTextContent('5 nodes');
    expect(within(first).getByTestId('playbook-version')).toHaveTextContent('v3');
    expect(within(first).getByTestId('playbook-updated')).toHaveTextContent('Updated 5 minutes ago');
    expect(within(rows()[1]).getByTestId('playbook-node-count')).toHaveTextContent('1 node');
    expect(screen.queryByTestId('empty-state')).not.toBeInTheDocument();
  });

  it('shows the empty state when there are no playbooks', async () => {
    await renderLoaded([]);

    expect(screen.getByTestId('empty-state')).toHaveTextContent('No playbooks yet');
    expect(screen.queryByTestId('playbook-list')).not.toBeInTheDocument();
    expect(screen.queryByTestId('no-match-state')).not.toBeInTheDocument();
  });

  it('welcomes an empty home with four ways in; "Create an empty playbook" focuses the name', async () => {
    await renderLoaded([]);
    const welcome = screen.getByTestId('empty-state');
    for (const label of ['Run a sample', 'Start from a template', 'Import a playbook file', 'Create an empty playbook']) {
      expect(within(welcome).getByRole('button', { name: new RegExp(label) })).toBeInTheDocument();
    }
    fireEvent.click(within(welcome).getByRole('button', { name: /Create an empty playbook/ }));
    expect(nameInput()).toHaveFocus();
  });

  it('lists the shortcuts with "?" on the start page, but not while typing', async () => {
    await renderLoaded([phishing]);
    fireEvent.keyDown(nameInput(), { key: '?' });
    expect(screen.queryByTestId('help-overlay')).not.toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: '?' });
    const help = await screen.findByTestId('help-overlay');
    expect(help).toHaveTextContent('Start page and gallery');
    expect(help).toHaveTextContent('Designer: editing');
  });
});

describe('creating a playbook', () => {
  it('sends the trimmed name and description, opens the new playbook, and the list has its row, the form reset', async () => {
    await renderLoaded([phishing]);
    const created = summary({ id: 'pb-new', name: 'Brute force response', description: 'Lock the account', node_count: 0, version: 1 });
    create.mockResolvedValueOnce(created);
    list.mockResolvedValueOnce([created, phishing]);

    fireEvent.change(nameInput(), { target: { value: '  Brute force response  ' } });
    fireEvent.change(descriptionInput(), { target: { value: '\n Lock the account \n' } });
    fireEvent.click(submitButton());

    const designer = await screen.findByTestId('designer-stub');
    expect(designer.getAttribute('data-playbook-id')).toBe('pb-new');
    list.mockResolvedValueOnce([created, phishing]);
    fireEvent.click(within(designer).getByText('back'));
    await waitFor(() => expect(rowNames()).toEqual(['Brute force response', 'Phishing triage']));
    expect(create).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledWith({ name: 'Brute force response', description: 'Lock the account' });
    expect(list).toHaveBeenCalledTimes(3);
    expect(screen.getByTestId('playbook-list').querySelector('[data-playbook-id="pb-new"]')).not.toBeNull();
    expect(nameInput()).toHaveValue('');
    expect(descriptionInput()).toHaveValue('');
    expect(submitButton()).toBeEnabled();
  });

  it('requires a name: shows the message and does not call the core', async () => {
    await renderLoaded([]);

    fireEvent.change(nameInput(), { target: { value: '   ' } });
    fireEvent.change(descriptionInput(), { target: { value: 'no name given' } });
    fireEvent.click(submitButton());

    expect(await screen.findByText('Name is required.')).toBeInTheDocument();
    expect(nameInput()).toHaveAttribute('aria-invalid', 'true');
    expect(nameInput()).toHaveFocus();
    expect(create).not.toHaveBeenCalled();
    expect(descriptionInput()).toHaveValue('no name given');

    fireEvent.change(nameInput(), { target: { value: 'Named now' } });
    expect(screen.queryByText('Name is required.')).not.toBeInTheDocument();
  });

  it('disables the submit button while the core is working', async () => {
    await renderLoaded([]);
    let finish!: (value: PlaybookSummary) => void;
    create.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    list.mockResolvedValueOnce([phishing]);

    fireEvent.change(nameInput(), { target: { value: 'Phishing triage' } });
    fireEvent.click(submitButton());

    await waitFor(() => expect(submitButton()).toBeDisabled());
    fireEvent.click(submitButton());
    expect(create).toHaveBeenCalledTimes(1);

    await act(async () => finish(phishing));
    // Created: the designer opens on it.
    expect((await screen.findByTestId('designer-stub')).getAttribute('data-playbook-id')).toBe(phishing.id);
  });

  it('shows the error and keeps the input when the core refuses', async () => {
    await renderLoaded([]);
    create.mockRejectedValueOnce({ code: 'invalid_input', message: 'A playbook named "Dup" already exists' });

    fireEvent.change(nameInput(), { target: { value: 'Dup' } });
    fireEvent.click(submitButton());

    const banner = await screen.findByTestId('error-banner');
    expect(banner).toHaveTextContent('A playbook named "Dup" already exists');
    expect(banner).toHaveAttribute('data-error-code', 'invalid_input');
    expect(nameInput()).toHaveValue('Dup');
    expect(submitButton()).toBeEnabled();
    expect(list).toHaveBeenCalledTimes(1);

    fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('error-banner')).not.toBeInTheDocument();
  });

  it('focuses the name field on Ctrl+N and Cmd+N', async () => {
    await renderLoaded([]);
    const search = screen.getByTestId('playbook-search');

    search.focus();
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    expect(nameInput()).toHaveFocus();

    search.focus();
    fireEvent.keyDown(window, { key: 'N', metaKey: true });
    expect(nameInput()).toHaveFocus();

    search.focus();
    fireEvent.keyDown(window, { key: 'n' });
    expect(search).toHaveFocus();
  });
});

describe('searching', () => {
  it('filters by name and by description, with a distinct no-match state', async () => {
    await renderLoaded([phishing, malware]);
    const search = screen.getByTestId('playbook-search');

    fireEvent.change(search, { target: { value: 'PHISH' } });
    expect(rowNames()).toEqual(['Phishing triage']);

    fireEvent.change(search, { target: { value: 'edr host' } });
    expect(rowNames()).toEqual(['Malware containment']);

    fireEvent.change(search, { target: { value: 'ransomware' } });
    expect(rows()).toHaveLength(0);
    expect(screen.getByTestId('no-match-state')).toHaveTextContent('No playbooks match “ransomware”');
    expect(screen.queryByTestId('empty-state')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(search).toHaveValue('');
    expect(rowNames()).toEqual(['Phishing triage', 'Malware containment']);
  });
});

describe('errors', () => {
  it('shows the IpcError message when the list cannot be loaded, and retries', async () => {
    list.mockRejectedValueOnce({ code: 'store', message: 'The database is locked' });
    render(<App />);

    expect(await screen.findByTestId('error-banner')).toHaveTextContent('The database is locked');
    expect(screen.getByTestId('load-failed-state')).toBeInTheDocument();
    expect(screen.queryByTestId('empty-state')).not.toBeInTheDocument();

    list.mockResolvedValueOnce([phishing]);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(rowNames()).toEqual(['Phishing triage']));
    expect(screen.queryByTestId('error-banner')).not.toBeInTheDocument();
  });

  it('shows a readable message for errors that are not IpcErrors', async () => {
    list.mockRejectedValueOnce(new TypeError('window.__TAURI_INTERNALS__ is undefined'));
    render(<App />);

    const banner = await screen.findByTestId('error-banner');
    expect(banner).toHaveTextContent('window.__TAURI_INTERNALS__ is undefined');
    expect(banner).toHaveAttribute('data-error-code', 'unknown');
  });
});
