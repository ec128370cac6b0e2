/**
 * The designer's Run button, its dialog and the Ctrl/⌘+Enter shortcut (runs again with the
 * last settings of this session, or opens the dialog the first time). Every run starts by
 * saving the pending edits, so it runs what the canvas shows.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

import type { StartRunInput } from '../../ipc';
import { useConnectionStatus } from '../platform/platformStore';
import { useDocument } from '../designer/stores/documentStore';
import { useListener } from './listenerStore';
import { lastRunInput, runLocally, runOnPlatform } from './runActions';
import { RunDialog } from './RunDialog';
import { WebhookBadge } from './WebhookBadge';
import { useRun } from './runStore';

type Options = { playbookId: string; flush(): Promise<boolean>; enabled: boolean };

export function useRunControls({ playbookId, flush, enabled }: Options): { runButton: ReactNode; dialog: ReactNode; dialogOpen: boolean } {
  const [open, setOpen] = useState(false);
  const live = useRun((s) => s.shown?.live ?? false);
  const remote = useDocument((s) => s.summary?.remote_uuid ?? null);
  const { configured } = useConnectionStatus();

  const runLocal = useCallback(
    async (input: StartRunInput) => {
      setOpen(false);
      await flush();
      void runLocally(input);
    },
    [flush],
  );

  const runRemote = useCallback(
    async (event: unknown, trigger: string | null) => {
      setOpen(false);
      await flush();
      void runOnPlatform(playbookId, event, trigger);
    },
    [flush, playbookId],
  );

  const state = useRef({ enabled, live, open, playbookId, runLocal });
  useEffect(() => {
    state.current = { enabled, live, open, playbookId, runLocal };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { enabled, live, open, playbookId, runLocal } = state.current;
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented || !enabled || open) return;
      event.preventDefault();
      if (live) return;
      const last = lastRunInput(playbookId);
      if (last !== undefined) void runLocal(last);
      else setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const listen = useCallback(
    async (input: StartRunInput) => {
      setOpen(false);
      await flush();
      void useListener.getState().start({ playbook_id: input.playbook_id, port: null, mock: input.mock, pins: input.pins, trigger: input.trigger });
    },
    [flush],
  );

  const runButton = (
    <>
    <WebhookBadge playbookId={playbookId} />
    <button
      type="button"
      className="button button--primary designer__run"
      onClick={() => setOpen(true)}
      disabled={live}
      data-action="run"
      title={live ? 'A run is playing' : 'Run the playbook (Ctrl/⌘+Enter runs again with the last settings)'}
    >
      <span aria-hidden="true">▶</span> Run
    </button>
    </>
  );
  const dialog = open ? (
    <RunDialog playbookId={playbookId} canRunOnPlatform={remote !== null && configured} onRun={(i) => void runLocal(i)} onRunOnPlatform={(e, t) => void runRemote(e, t)} onListen={(i) => void listen(i)} onClose={() => setOpen(false)} />
  ) : null;
  return { runButton, dialog, dialogOpen: open };
}
