/**
 * The canvas in its RUN view: the run bar above it, the timeline below it, and the CODE
 * view in its place when asked for. Without a run shown, only the canvas. Keeps the run's
 * stale marks in step with the document's edits.
 */
import { useEffect, useState, type ReactNode } from 'react';

import { documentStore } from '../designer/stores/documentStore';
import { PlatformLogsPanel } from './PlatformLogs';
import { RunBar } from './RunBar';
import { runStore, useRun } from './runStore';
import { Timeline } from './Timeline';
import { RunCode } from './RunCode';
import './runs.css';

type RunPanelsProps = { playbookId: string; onShowNode(id: string): void; children: ReactNode };

export function RunPanels({ playbookId, onShowNode, children }: RunPanelsProps) {
  const shown = useRun((s) => s.shown !== null);
  const remote = useRun((s) => s.shown?.origin === 'platform');
  const [code, setCode] = useState(false);
  const [logs, setLogs] = useState(false);

  useEffect(() => documentStore.subscribe((s) => runStore.getState().updateStale(s.content)), []);
  useEffect(() => {
    if (!shown) setCode(false);
    if (!shown || !remote) setLogs(false);
  }, [shown, remote]);

  return (
    <div className={`run-panels${shown ? ' run-panels--run' : ''}`}>
      {shown && <RunBar codeShown={code} onToggleCode={() => setCode((c) => !c)} logsShown={logs} onToggleLogs={() => setLogs((l) => !l)} onClose={() => runStore.getState().clear()} />}
      {shown && remote && logs && <PlatformLogsPanel playbookId={playbookId} />}
      <div className="run-panels__main">
        {children}
        {shown && code && <RunCode playbookId={playbookId} />}
      </div>
      {shown && <Timeline onShowNode={onShowNode} />}
    </div>
  );
}
