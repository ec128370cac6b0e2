/**
 * The Jinja tester as a drawer over the designer: opened from the header, Ctrl/⌘+J, or a
 * block's Jinja field ("Test", with its expression). Its data starts as the CODE JSON of the
 * run shown (as the core wrote it), and "Use run" offers the playbook's recent runs.
 */
import { useEffect, useState } from 'react';

import { getRunCode } from '../../ipc';
import { testerStore, useTester } from '../designer/stores/testerStore';
import { JinjaTester } from '../tester/JinjaTester';
import { useRun } from './runStore';
import { runsListStore, useRunsList } from './runsListStore';

export function TesterDrawer({ playbookId }: { playbookId: string }) {
  const open = useTester((s) => s.open);
  const request = useTester((s) => s.request);
  const expression = useTester((s) => s.expression);
  const runId = useRun((s) => (s.shown?.live ? null : (s.shown?.runId ?? null)));
  const runs = useRunsList((s) => s.runs);
  const [data, setData] = useState<{ request: number; text: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    void runsListStore.getState().open(playbookId);
  }, [open, playbookId]);

  // Ctrl/⌘+J opens or closes the tester (not while a dialog has the keyboard).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'j' || !(event.ctrlKey || event.metaKey) || event.defaultPrevented) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"]') !== null) return;
      event.preventDefault();
      testerStore.getState().toggle();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    if (!open) return;
    let live = true;
    if (runId === null) setData({ request, text: '' });
    else getRunCode(runId).then((text) => live && setData({ request, text }), () => live && setData({ request, text: '' }));
    return () => {
      live = false;
    };
    // Only a new request reloads the data: the user's edits stay while the run changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are chosen (see the comment above)
  }, [open, request]);

  if (!open || data === null || data.request !== request) return null;
  const choices = runs.slice(0, 20).map((r) => ({ id: r.id, label: `${r.status} · ${new Date(r.started_at).toLocaleString()}` }));
  return (
    <div className="tester-drawer" data-testid="tester-drawer">
      <JinjaTester
        key={request}
        playbookId={playbookId}
        initialExpression={expression ?? ''}
        initialData={data.text}
        runs={choices}
        loadRunData={(id) => getRunCode(id)}
        onClose={() => testerStore.getState().close()}
      />
    </div>
  );
}
