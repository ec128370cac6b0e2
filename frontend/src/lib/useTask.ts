/**
 * One user action that calls the core: whether it is running, how it ended (its result or
 * its `IpcError`), and `run` which ignores a second start while the first is running.
 */
import { useCallback, useRef, useState } from 'react';

import { toIpcError, type IpcError } from '../ipc';

export type Task<T> = {
  busy: boolean;
  error: IpcError | null;
  result: T | null;
  /** Runs `action`; resolves to its result, or `undefined` when it failed or another run is going on. */
  run(action: () => Promise<T>): Promise<T | undefined>;
  /** Forgets the last result and error. */
  reset(): void;
};

export function useTask<T>(): Task<T> {
  const [state, setState] = useState<{ busy: boolean; error: IpcError | null; result: T | null }>({ busy: false, error: null, result: null });
  const running = useRef(false);

  const run = useCallback(async (action: () => Promise<T>) => {
    if (running.current) return undefined;
    running.current = true;
    setState({ busy: true, error: null, result: null });
    try {
      const result = await action();
      setState({ busy: false, error: null, result });
      return result;
    } catch (e) {
      setState({ busy: false, error: toIpcError(e), result: null });
      return undefined;
    } finally {
      running.current = false;
    }
  }, []);

  const reset = useCallback(() => setState((s) => (s.busy ? s : { busy: false, error: null, result: null })), []);

  return { ...state, run, reset };
}
