import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

import { comparePlaybook, getPlaybook, platformPush, type PlatformComparison, type PlaybookSummary } from '../../ipc';
import { PlaybookList } from './PlaybookList';

vi.mock('../../ipc', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../ipc')>()),
  comparePlaybook: vi.fn(),
  getPlaybook: vi.fn(),
  platformPush: vi.fn(),
  platformPull: vi.fn(),
}));

const pushed: PlaybookSummary = { id: 'pb-1', name: 'Triage', description: '', tags: [], node_count: 2, version: 1, updated_at: new Date().toISOString(), remote_uuid: 'rm-1' };
const local: PlaybookSummary = { ...pushed, id: 'pb-2', name: 'Local only', remote_uuid: null };
const same: PlatformComparison = { local_id: 'pb-1', remote_uuid: 'rm-1', same: true, name_differs: false, description_differs: false, only_local: [], only_remote: [], changed: [] };

function renderList(onPushed = vi.fn()) {
  render(<PlaybookList playbooks={[pushed, local]} visible={[pushed, local]} loadFailed={false} query="" onClearQuery={() => {}} onRetry={() => {}} onPushed={onPushed} />);
  return within(screen.getAllByTestId('playbook-row')[0]);
}

beforeEach(() => {
  vi.mocked(comparePlaybook).mockReset().mockResolvedValue(same);
  vi.mocked(getPlaybook)
    .mockReset()
    .mockResolvedValue({ summary: pushed, content: { nodes: { '0': { name: 'Alert Created' }, '1': { name: 'Get Alert' } } } });
  vi.mocked(platformPush).mockReset();
});

describe('Compare on a playbook row', () => {
  it('is offered only on pushed playbooks', () => {
    renderList();
    const [first, second] = screen.getAllByTestId('playbook-row');
    expect(within(first).getByRole('button', { name: 'Compare Triage with the platform version' })).toBeInTheDocument();
    expect(within(second).queryByTestId('playbook-compare-button')).toBeNull();
  });

  it('says "same" in a status, and Escape closes the panel with the focus back on the button', async () => {
    const row = renderList();
    const button = row.getByTestId('playbook-compare-button');
    fireEvent.click(button);
    const region = await row.findByRole('region', { name: 'Compared with the platform' });
    expect(await within(region).findByText('Same as the platform version')).toBeInTheDocument();
    expect(within(region).getByRole('status')).toHaveAttribute('data-same', 'true');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAttribute('aria-controls', region.id);
    expect(comparePlaybook).toHaveBeenCalledWith('pb-1');

    fireEvent.keyDown(region, { key: 'Escape' });
    expect(row.queryByRole('region')).toBeNull();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('names blocks from the local document, or "block <id>" when it cannot be read', async () => {
    vi.mocked(comparePlaybook).mockResolvedValue({ ...same, same: false, changed: ['1'], only_remote: ['4'] });
    const row = renderList();
    fireEvent.click(row.getByTestId('playbook-compare-button'));
    expect(await row.findByText('Changed: Get Alert')).toBeInTheDocument();
    expect(row.getByText('Only on the platform: block 4')).toBeInTheDocument();

    fireEvent.click(row.getByTestId('playbook-compare-close'));
    vi.mocked(getPlaybook).mockRejectedValue({ code: 'not_found', message: 'gone' });
    fireEvent.click(row.getByTestId('playbook-compare-button'));
    expect(await row.findByText('Changed: block 1')).toBeInTheDocument();
  });

  it('a push that ends after the panel was closed leaves it closed, and the list reloads', async () => {
    vi.mocked(comparePlaybook).mockResolvedValue({ ...same, same: false, changed: ['1'] });
    let finishPush: (value: { remote_uuid: string; created: boolean }) => void = () => {};
    vi.mocked(platformPush).mockReturnValue(new Promise((resolve) => (finishPush = resolve)));
    const onPushed = vi.fn();
    const row = renderList(onPushed);
    fireEvent.click(row.getByTestId('playbook-compare-button'));
    fireEvent.click(await row.findByRole('button', { name: 'Push this version' }));
    expect(row.getByTestId('playbook-compare-push')).toHaveAttribute('aria-busy', 'true');
    fireEvent.click(row.getByTestId('playbook-compare-close'));
    finishPush({ remote_uuid: 'rm-1', created: false });
    await waitFor(() => expect(onPushed).toHaveBeenCalledTimes(1));
    expect(row.queryByRole('region')).toBeNull();
    expect(comparePlaybook).toHaveBeenCalledTimes(1);
  });
});
