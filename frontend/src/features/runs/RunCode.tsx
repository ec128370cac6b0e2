/**
 * The CODE view of the run shown, over the canvas: its CODE JSON (each node's results and
 * rendered arguments, the store) as the core wrote it, in the tree of features/code.
 */
import { useEffect, useState } from 'react';

import { getRunCode, toIpcError } from '../../ipc';
import { CodeView } from '../code/CodeView';
import { useRun } from './runStore';

/** Closed from the run bar's CODE toggle. */
export function RunCode(_props: { playbookId: string }) {
  const runId = useRun((s) => (s.shown?.live ? null : (s.shown?.runId ?? null)));
  const live = useRun((s) => s.shown?.live ?? false);
  const [code, setCode] = useState<{ runId: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (runId === null) return;
    let current = true;
    setError(null);
    getRunCode(runId).then(
      (text) => current && setCode({ runId, text }),
      (e) => current && setError(toIpcError(e).message),
    );
    return () => {
      current = false;
    };
  }, [runId]);

  const text = code !== null && code.runId === runId ? code.text : undefined;
  return (
    <div className="run-code" data-testid="run-code">
      {error !== null ? (
        <p className="field__error" role="alert">
          The run's values could not be read: {error}
        </p>
      ) : live ? (
        <p className="run-code__wait">The CODE view opens when the run ends.</p>
      ) : (
        <CodeView code={null} codeText={text} loading={text === undefined} />
      )}
    </div>
  );
}
