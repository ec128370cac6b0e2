/**
 * The Jinja tester panel: JSON data (a run's CODE JSON, or any JSON object whose top-level
 * keys become variables), an expression, and what the platform's Jinja2 renders from them,
 * live, through the Rust core. Also: strict undefined, the typed value of a
 * one-expression template, the error's position underlined, and the last expressions tested
 * on this playbook.
 *
 * The data is checked here (line and column of a JSON error, completions from its paths) and
 * sent to the core as the text written, so key order and numbers are the document's.
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
import { useCallback, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';

import type { JinjaOutcome } from '../../ipc';
import { DataEditor, type RunChoice } from './DataEditor';
import { dataPaths } from './dataPaths';
import { ExpressionEditor } from './ExpressionEditor';
import type { ErrorPosition } from './errorSpan';
import { useTesterHistory } from './history';
import { parseData, type ParsedData } from './jsonData';
import { OutputView } from './OutputView';
import { useLiveRender, type RenderRequest, type RenderState } from './useLiveRender';
import './tester.css';

export type JinjaTesterProps = {
  playbookId: string;
  initialExpression?: string;
  /** JSON text (kept as written), or a value (pretty-printed). */
  initialData?: unknown;
  /** Stored runs offered by "Use run", newest first. */
  runs?: RunChoice[];
  /** The CODE JSON of a run (called by "Use run"): JSON text as `getRunCode` gives it, or a value. */
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
  const { text: settledText, parsed } = useDebouncedParse(dataText);
  const history = useTesterHistory(playbookId);

  const data = parsed.ok ? parsed.value : null;
  // The text goes to the core as written (key order, numbers); parsing here only checks it.
  const dataOk = parsed.ok;
  const request = useMemo<RenderRequest | null>(() => (dataOk ? { template: expression, data: settledText, strict } : null), [expression, settledText, dataOk, strict]);
  const render = useLiveRender(request);

  // Completions come from the last data that parsed, so a typo in the data does not empty them.
  const [pathsData, setPathsData] = useState<Record<string, unknown>>(() => data ?? {});
  if (data !== null && data !== pathsData) setPathsData(data);
  const paths = useMemo(() => dataPaths(pathsData), [pathsData]);
  const getPaths = useCallback(() => paths, [paths]);

  const result = render.template === expression ? render.result : null;
  const errorAt = useMemo<ErrorPosition | null>(() => {
    if (render.result === null || render.result.ok || render.result.error.line === null) return null;
    return { line: render.result.error.line, column: render.result.error.column ?? 1 };
  }, [render.result]);

  const keepIfTested = useRecordWhenTested(result, expression, history.record);
  const close = () => {
    keepIfTested();
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

      <OutputSection id={label('output')} render={render} dataUsable={parsed.ok} />

      <HistoryList entries={history.entries} onUse={setExpression} onClear={history.clear} />
    </section>
  );
}

function OutputSection({ id, render, dataUsable }: { id: string; render: RenderState; dataUsable: boolean }) {
  return (
    <div className="tester__section">
      <div className="tester__output-header">
        <span id={id} className="field__label">
          Output
        </span>
        {render.slow && (
          <span className="tester__rendering" role="status">
            rendering…
          </span>
        )}
      </div>
      <OutputView render={render} blocked={dataUsable ? null : 'Fix the data to render.'} labelId={id} />
    </div>
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

/**
 * Keeps `expression` in the history once it rendered without error and stayed unchanged for
 * `HISTORY_SETTLE_MS`; the function returned keeps it at once (on close) under the same rule.
 */
function useRecordWhenTested(result: JinjaOutcome | null, expression: string, record: (expression: string) => void): () => void {
  const rendered = result !== null && result.ok;
  useEffect(() => {
    if (!rendered) return;
    const timer = setTimeout(() => record(expression), HISTORY_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [rendered, result, expression, record]);
  return () => {
    if (rendered) record(expression);
  };
}

/** The data text a moment after the last keystroke, parsed (pasted megabytes are parsed once). */
function useDebouncedParse(text: string): { text: string; parsed: ParsedData } {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    if (settled === text) return;
    const timer = setTimeout(() => setSettled(text), DATA_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, settled]);
  const parsed = useMemo(() => parseData(settled), [settled]);
  return { text: settled, parsed };
}
