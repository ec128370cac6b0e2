/**
 * The tester's data: a plain textarea (`data-field="tester-data"`) for the JSON the
 * template reads, the line and column where it stops being JSON, and "Use run" to fill it
 * with a stored run's CODE JSON.
 *
 * A textarea rather than an editor on purpose: it takes megabytes of pasted CODE JSON
 * without lag, and every way of filling it works: typing, a real paste, a synthetic paste
 * event (inserted here, since the browser does not act on untrusted events), and a value set
 * from script followed by an `input` event (read here, where React's own change tracking
 * would not see it).
 *
 * Not here: parsing (./jsonData.ts), fetching a run (the caller's `loadRunData`).
 */
import { useEffect, useRef, useState, type ClipboardEvent } from 'react';

import { problemText, type DataProblem } from './jsonData';
import { failureText } from './useLiveRender';

export type RunChoice = { id: string; label: string };

type DataEditorProps = {
  id: string;
  value: string;
  onChange: (text: string) => void;
  problem: DataProblem | null;
  runs?: RunChoice[];
  loadRunData?: (runId: string) => Promise<unknown>;
};

export function DataEditor({ id, value, onChange, problem, runs, loadRunData }: DataEditorProps) {
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  const caret = useRef<number | null>(null);

  // Values set from script: read from the element on every input event.
  useEffect(() => {
    const area = areaRef.current;
    if (area === null) return;
    const onInput = () => latest.current(area.value);
    area.addEventListener('input', onInput);
    return () => area.removeEventListener('input', onInput);
  }, []);

  // After an inserted paste, the caret goes after the pasted text.
  useEffect(() => {
    const area = areaRef.current;
    if (area === null || caret.current === null) return;
    area.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value]);

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isTrusted) return; // the browser inserts it, with its own undo
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text === '') return;
    event.preventDefault();
    const area = event.currentTarget;
    const start = area.selectionStart ?? area.value.length;
    const end = area.selectionEnd ?? start;
    caret.current = start + text.length;
    onChange(area.value.slice(0, start) + text + area.value.slice(end));
  };

  const messageId = `${id}-problem`;
  return (
    <div className="tester__data">
      {runs !== undefined && runs.length > 0 && loadRunData !== undefined && <RunPicker runs={runs} loadRunData={loadRunData} onLoaded={onChange} />}
      <textarea
        ref={areaRef}
        id={id}
        className="input tester__data-input"
        data-field="tester-data"
        spellCheck={false}
        autoComplete="off"
        placeholder={'{ "node": { "0": { "alert_uuid": "…" } } }  or a pasted alert: { "urgency": { "value": 70 } }'}
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? messageId : undefined}
        onChange={(e) => onChange(e.target.value)}
        onPaste={onPaste}
      />
      {problem !== null && (
        <p id={messageId} className="field__error" data-field="tester-data-error" role="alert">
          Data is not usable: {problemText(problem)}
        </p>
      )}
    </div>
  );
}

type RunPickerProps = { runs: RunChoice[]; loadRunData: (runId: string) => Promise<unknown>; onLoaded: (text: string) => void };

/** "Use run": fills the data with the chosen run's CODE JSON (text as given, a value pretty-printed). */
function RunPicker({ runs, loadRunData, onLoaded }: RunPickerProps) {
  const [runId, setRunId] = useState(runs[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = runs.some((r) => r.id === runId) ? runId : (runs[0]?.id ?? '');

  const use = () => {
    setBusy(true);
    setError(null);
    loadRunData(chosen).then(
      (data) => {
        setBusy(false);
        onLoaded(typeof data === 'string' ? data : JSON.stringify(data ?? {}, null, 2));
      },
      (e: unknown) => {
        setBusy(false);
        setError(`The run's values could not be read: ${failureText(e)}`);
      },
    );
  };

  return (
    <div className="tester__runs">
      <select className="input tester__run-select" aria-label="Run whose values to use" data-field="tester-run" value={chosen} onChange={(e) => setRunId(e.target.value)}>
        {runs.map((run) => (
          <option key={run.id} value={run.id}>
            {run.label}
          </option>
        ))}
      </select>
      <button type="button" className="button button--small" data-action="tester-use-run" disabled={busy || chosen === ''} onClick={use}>
        {busy ? 'Loading…' : 'Use run'}
      </button>
      {error !== null && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
