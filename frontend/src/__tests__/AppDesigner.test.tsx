import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { App } from '../App';
import { getCatalog, getPlaybook, listPlaybooks, validatePlaybook, type PlaybookSummary } from '../ipc';
import { builtinCatalog } from '../test/fixtures';

vi.mock('../ipc', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../ipc')>()),
  listPlaybooks: vi.fn(),
  getPlaybook: vi.fn(),
  getCatalog: vi.fn(),
  validatePlaybook: vi.fn(),
  savePlaybook: vi.fn(),
  listVersions: vi.fn(async () => []),
}));

const summary: PlaybookSummary = { id: 'pb-1', name: 'Triage', description: 'd', tags: [], node_count: 1, version: 1, updated_at: new Date().toISOString(), remote_uuid: null };

// The designer's code loads lazily: loaded once here, the tests time the app, not the
// module transform.
beforeAll(async () => {
  await import('../features/designer/DesignerPage');
}, 30_000);

beforeEach(() => {
  vi.mocked(listPlaybooks).mockResolvedValue([summary]);
  vi.mocked(getCatalog).mockResolvedValue(builtinCatalog());
  vi.mocked(validatePlaybook).mockResolvedValue([]);
  vi.mocked(getPlaybook).mockResolvedValue({
    summary,
    content: {
      name: 'Triage',
      nodes: { '0': { type: 'trigger', name: 'Alert Created', module_uuid: 'm', trigger_uuid: 't', outputs: { default: [] }, position: { x: 0, y: 0 } } },
    },
  });
});

describe('opening a playbook', () => {
  it('a click on a row opens the designer, and "Playbooks" comes back', async () => {
    render(<App />);
    const row = await screen.findByTestId('playbook-row');
    fireEvent.click(within(row).getByTestId('playbook-name'));
    expect(await screen.findByTestId('designer')).toBeInTheDocument();
    expect(getPlaybook).toHaveBeenCalledWith('pb-1');
    expect(screen.getByTestId('designer-title')).toHaveTextContent('Triage');
    await waitFor(() => expect(document.querySelector('[data-node-id="0"]')).not.toBeNull());
    expect(screen.getByTestId('palette')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('back-to-playbooks'));
    expect(await screen.findByTestId('playbook-list')).toBeInTheDocument();
  });

  it('Enter on a focused row opens it; the row buttons do not', async () => {
    render(<App />);
    const row = await screen.findByTestId('playbook-row');
    fireEvent.click(within(row).getByTestId('playbook-rename'));
    expect(screen.queryByTestId('designer')).toBeNull();
    fireEvent.keyDown(within(row).getByTestId('playbook-rename-input'), { key: 'Escape' });
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(await screen.findByTestId('designer')).toBeInTheDocument();
  });

  it('says so when the playbook cannot be opened', async () => {
    vi.mocked(getPlaybook).mockRejectedValueOnce({ code: 'not_found', message: 'No playbook with id pb-1' });
    render(<App />);
    fireEvent.keyDown(await screen.findByTestId('playbook-row'), { key: 'Enter' });
    expect(await screen.findByTestId('designer-load-failed')).toHaveTextContent('No playbook with id pb-1');
  });
});
