/**
 * The Jinja tester panel: JSON data (a run's CODE JSON, or any JSON object whose top-level
 * keys become variables), an expression, and what the platform's Jinja2 renders from them,
 * live, through the Rust core. Also: strict undefined, the typed value of a
 * one-expression template, the error's position underlined, and the last expressions tested
 * on this playbook.
 *
 * An expression counts as tested (and enters the history) when it rendered without error
 * and stayed unchanged for a moment, or at once with Ctrl/⌘+Enter. Escape closes the panel
 * (after the completion list, which takes the first Escape).
 *
 * `initialExpression` and `initialData` are read when the panel mounts: give it a new `key`
 * to start over with others.
 *
 * Not here: the editors (./ExpressionEditor.tsx, ./DataEditor.tsx), the output
 * (./OutputView.tsx), the render loop (./useLiveRender.ts), the history's storage
 * (./history.ts).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';

import { DataEditor, type RunChoice } from './DataEditor';
import { dataPaths } from './dataPaths';
import { ExpressionEditor } from './ExpressionEditor';
import type { ErrorPosition } from './errorSpan';
import { useTesterHistory } from './history';
import { parseData, type ParsedData } from './jsonData';
import { OutputView } from './OutputView';
import { useLiveRender, type RenderRequest } from './useLiveRender';
import './tester.css';

export type JinjaTesterProps = {
  playbookId: string;
  initialExpression?: string;
  initialData?: unknown;
  /** Stored runs offered by "Use run", newest first. */
  runs?: RunChoice[];
  /** The CODE JSON of a run (called by "Use run"). */
  loadRunData?: (runId: string) => Promise<unknown>;
  onClose?: () => void;
};

/** How long a rendered expression stays unchanged before it enters the history. */
export const HISTORY_SETTLE_MS = 1200;
const DATA_DELAY_MS = 100;

function initialDataText(data: unknown): string {
  if (data === undefined || data === null) return '';
  return typeof data === 'string' ? data : JSON.stringify(data, null, 2);
}

export function JinjaTester({ playbookId, initialExpression = '', initialData, runs, loadRunData, onClose }: JinjaTesterProps) {
  const ids = useId();
  const [expression, setExpression] = useState(initialExpression);
  const [dataText, setDataText] = useState(() => initialDataText(initialData));
  const [strict, setStrict] = useState(false);
  const parsed = useDebouncedParse(dataText);
  const history = useTesterHistory(playbookId);

  const data = parsed.ok ? parsed.value : null;
  const request = useMemo<RenderRequest | null>(() => (data === null ? null : { template: expression, data, strict }), [expression, data, strict]);
  const render = useLiveRender(request);

  const paths = useLastGood(useMemo(() => (data === null ? null : dataPaths(data)), [data]), []);
  const getPaths = useCallback(() => paths, [paths]);

  const result = render.template === expression ? render.result : null;
  const errorAt = useMemo<ErrorPosition | null>(() => {
    if (render.result === null || render.result.ok || render.result.error.line === null) return null;
    return { line: render.result.error.line, column: render.result.error.column ?? 1 };
  }, [render.result]);

  // Tested: rendered fine and left alone for a moment.
  useEffect(() => {
    if (result === null || !result.ok) return;
    const timer = setTimeout(() => history.record(expression), HISTORY_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [result, expression, history.record]);

  const close = () => {
    if (result !== null && result.ok) history.record(expression);
    onClose?.();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || onClose === undefined) return;
    event.preventDefault();
    close();
  };

  const label = (name: string) => `${ids}-${name}`;
  return (
    <section className="tester" data-panel="jinja-tester" aria-labelledby={label('title')} onKeyDown={onKeyDown}>
      <header className="tester__header">
        <h2 id={label('title')} className="tester__title">
          Jinja tester
        </h2>
        {onClose !== undefined && (
          <button type="button" className="button button--small button--ghost" data-action="close-jinja-tester" aria-label="Close the Jinja tester" title="Close (Esc)" onClick={close}>
            Close
          </button>
        )}
      </header>

      <div className="tester__section">
        <label className="field__label" htmlFor={label('data')}>
          Data
        </label>
        <p className="tester__hint">A run’s CODE JSON, or any JSON object: its top-level keys are the variables.</p>
        <DataEditor id={label('data')} value={dataText} onChange={setDataText} problem={parsed.ok ? null : parsed.problem} runs={runs} loadRunData={loadRunData} />
      </div>

      <div className="tester__section">
        <span id={label('expression')} className="field__label">
          Expression
        </span>
        <ExpressionEditor
          value={expression}
          onChange={setExpression}
          paths={getPaths}
          errorAt={errorAt}
          invalid={errorAt !== null}
          labelledBy={label('expression')}
          onSubmit={() => history.record(expression)}
        />
        <label className="tester__strict">
          <input type="checkbox" data-field="tester-strict" checked={strict} onChange={(e) => setStrict(e.target.checked)} />
          Strict: an undefined variable is an error
        </label>
      </div>

      <div className="tester__section">
        <div className="tester__output-header">
          <span id={label('output')} className="field__label">
            Output
          </span>
          {render.slow && (
            <span className="tester__rendering" role="status">
              rendering…
            </span>
          )}
        </div>
        <OutputView render={render} blocked={parsed.ok ? null : 'Fix the data to render.'} labelId={label('output')} />
      </div>

      <HistoryList entries={history.entries} onUse={setExpression} onClear={history.clear} />
    </section>
  );
}

function HistoryList({ entries, onUse, onClear }: { entries: string[]; onUse: (expression: string) => void; onClear: () => void }) {
  if (entries.length === 0) return null;
  return (
    <div className="tester__section">
      <div className="tester__output-header">
        <span className="field__label">Recently tested</span>
        <button type="button" className="button button--small button--ghost" data-action="clear-tester-history" onClick={onClear}>
          Clear
        </button>
      </div>
      <ul className="tester__history" data-field="tester-history">
        {entries.map((entry) => (
          <li key={entry}>
            <button type="button" className="tester__history-entry" title="Test this expression again" onClick={() => onUse(entry)}>
              {entry}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The data parsed a moment after the last keystroke (pasted megabytes are parsed once). */
function useDebouncedParse(text: string): ParsedData {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    if (settled === text) return;
    const timer = setTimeout(() => setSettled(text), DATA_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, settled]);
  return useMemo(() => parseData(settled), [settled]);
}

/** `value`, or the last value that was not null (completions survive a typo in the data). */
function useLastGood<T>(value: T | null, fallback: T): T {
  const last = useRef<T>(fallback);
  if (value !== null) last.current = value;
  return value ?? last.current;
}
