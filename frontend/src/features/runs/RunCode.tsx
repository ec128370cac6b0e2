/**
 * The CODE view of the run shown: its CODE JSON (each node's results and rendered
 * arguments, the store), over the canvas.
 */
import { useEffect, useState } from 'react';

import { getRunCode, toIpcError } from '../../ipc';
import { useRun } from './runStore';

export function RunCode({ onClose }: { playbookId: string; onClose(): void }) {
  const runId = useRun((s) => (s.shown?.live ? null : (s.shown?.runId ?? null)));
  const [code, setCode] = useState<unknown | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (runId === null) return;
    let live = true;
    setCode(null);
    getRunCode(runId).then(
      (c) => live && setCode(c),
      (e) => live && setError(toIpcError(e).message),
    );
    return () => {
      live = false;
    };
  }, [runId]);

  return (
    <div className="run-code" data-testid="run-code">
      <button type="button" className="button button--small button--ghost run-code__close" onClick={onClose} aria-label="Back to the canvas">
        ✕
      </button>
      {error !== null ? <p className="field__error">{error}</p> : runId === null ? <p className="meta">The CODE view opens when the run ends.</p> : <pre data-panel="code">{code === null ? 'Loading…' : JSON.stringify(code, null, 2)}</pre>}
    </div>
  );
}
