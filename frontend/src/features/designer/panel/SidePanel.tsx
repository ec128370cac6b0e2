/**
 * The right-hand panel: the selected block's configuration (under its part of the run
 * shown, if any), the playbook's runs, its tests, or the version history.
 */
import type { SplPlaybook } from '../spl/types';
import { useEffect, useState } from 'react';

import { NodeRunPanel } from '../../runs/NodeRunPanel';
import { RunsPanel } from '../../runs/RunsPanel';
import { useRun } from '../../runs/runStore';
import { HistoryPanel } from '../history/HistoryPanel';
import { TestsPanel } from '../../tests/TestsPanel';
import { useDocument } from '../stores/documentStore';
import { useSelection } from '../stores/selectionStore';
import { BlockPanel } from './BlockPanel';
import { deleteSelection } from '../canvas/commands';
import './panel.css';

type Tab = 'block' | 'runs' | 'tests' | 'history';

export function SidePanel({ playbookId, onRestore }: { playbookId: string; onRestore: (version: number, content: SplPlaybook) => Promise<void> }) {
  const [tab, setTab] = useState<Tab>('block');
  const selected = useSelection((s) => s.nodes);
  const count = useDocument((s) => Object.keys(s.content.nodes).length);
  const only = selected.size === 1 ? [...selected][0] : null;
  const runShown = useRun((s) => s.shown !== null);
  // Selecting a block shows it, whichever tab was open.
  useEffect(() => {
    if (only !== null) setTab((t) => (t === 'history' || t === 'tests' ? t : 'block'));
  }, [only]);

  return (
    <aside className="side-panel" aria-label="Configuration">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" className="tabs__tab" aria-selected={tab === 'block'} onClick={() => setTab('block')} data-testid="tab-block">
          Block
        </button>
        <button type="button" role="tab" className="tabs__tab" aria-selected={tab === 'runs'} onClick={() => setTab('runs')} data-testid="tab-runs" data-action="show-runs">
          Runs
        </button>
        <button type="button" role="tab" className="tabs__tab" aria-selected={tab === 'tests'} onClick={() => setTab('tests')} data-testid="tab-tests" data-action="show-tests">
          Tests
        </button>
        <button type="button" role="tab" className="tabs__tab" aria-selected={tab === 'history'} onClick={() => setTab('history')} data-testid="tab-history">
          History
        </button>
      </div>
      <div className="side-panel__body" role="tabpanel">
        {tab === 'history' ? (
          <HistoryPanel playbookId={playbookId} onRestore={onRestore} />
        ) : tab === 'runs' ? (
          <RunsPanel playbookId={playbookId} />
        ) : tab === 'tests' ? (
          <TestsPanel playbookId={playbookId} />
        ) : only !== null ? (
          <>
            {runShown && <NodeRunPanel key={`run-${only}`} nodeId={only} />}
            <BlockPanel key={only} nodeId={only} />
          </>
        ) : selected.size > 1 ? (
          <div className="panel-empty">
            <p className="panel-empty__title">{selected.size} blocks selected</p>
            <p>Move them together, copy them ({'Ctrl/⌘+C'}) or delete them.</p>
            <button type="button" className="button button--danger" onClick={() => deleteSelection()}>
              Delete {selected.size} blocks
            </button>
          </div>
        ) : (
          <div className="panel-empty" data-testid="panel-empty">
            <p className="panel-empty__title">No block selected</p>
            <p>{count === 0 ? 'Add a trigger from the palette to start.' : 'Select a block on the canvas to configure it.'}</p>
          </div>
        )}
      </div>
    </aside>
  );
}
