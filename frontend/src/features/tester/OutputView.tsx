/**
 * The tester's result: the rendered text in `data-field="tester-output"`, exactly as Jinja2
 * renders it (nothing added, whitespace kept); the typed value of a one-expression template
 * apart in `data-field="tester-typed"`; an error in the output itself with
 * `data-state="error"`, its text naming the line and column.
 *
 * Not here: when rendering happens (./useLiveRender.ts).
 */
import type { JinjaOutcome } from '../../ipc';
import type { RenderState } from './useLiveRender';

type JinjaError = Extract<JinjaOutcome, { ok: false }>['error'];

/** "line 1, column 12: unexpected '}'" (or less, when the position is not known). */
export function errorText(error: JinjaError): string {
  if (error.line === null) return error.message;
  if (error.column === null) return `line ${error.line}: ${error.message}`;
  return `line ${error.line}, column ${error.column}: ${error.message}`;
}

/** The kind shown before a typed value: the JSON type the argument receives (a list for an array). */
export function typedKind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value;
}

/** The typed value as JSON (strings quoted, so that "42" and 42 differ at a glance). */
export function typedText(value: unknown): string {
  return JSON.stringify(value ?? null, null, 2) ?? 'null';
}

type OutputViewProps = { render: RenderState; blocked: string | null; labelId: string };

export function OutputView({ render, blocked, labelId }: OutputViewProps) {
  const { result, failure } = render;
  let state = 'idle';
  let text = '';
  if (blocked !== null) state = 'blocked';
  else if (failure !== null) {
    state = 'error';
    text = failure;
  } else if (result !== null && !result.ok) {
    state = 'error';
    text = errorText(result.error);
  } else if (result !== null) {
    state = 'ok';
    text = result.output;
  }
  const typed = blocked === null && failure === null && result !== null && result.ok && result.typed;
  return (
    <div className="tester__result">
      <pre
        className="tester__output"
        data-field="tester-output"
        data-state={state}
        data-error-kind={result !== null && !result.ok && blocked === null ? result.error.kind : undefined}
        aria-labelledby={labelId}
        aria-live="polite"
        role={state === 'error' ? 'alert' : undefined}
      >
        {text}
      </pre>
      {blocked !== null && <p className="tester__hint">{blocked}</p>}
      {state === 'ok' && text === '' && <p className="tester__hint">The template renders an empty string.</p>}
      {typed && (
        <div className="tester__typed" data-field="tester-typed" data-kind={typedKind(result.value)}>
          <span className="tester__typed-kind">{typedKind(result.value)}</span> <code className="tester__typed-value">{typedText(result.value)}</code>
        </div>
      )}
    </div>
  );
}
