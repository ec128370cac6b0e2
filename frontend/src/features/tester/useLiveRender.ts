/**
 * Live rendering for the tester: a short pause after the last change of template, data or
 * strictness, then one `render_jinja` call in the Rust core. Every call carries a sequence
 * number and only the answer to the latest one is shown, so a slow answer to an old
 * template never overwrites a newer result. The previous result stays on screen while the
 * next one is on its way; `slow` turns on when an answer takes a while.
 *
 * The data goes as JSON text, exactly as written: its key order (which `{% for %}` over a
 * dict shows) and numbers like `-0.0` reach the renderer untouched, and nothing is
 * re-serialised on each keystroke.
 *
 * Not here: the renderer (crates/jinja through `render_jinja`), what is shown
 * (./OutputView.tsx).
 */
import { useEffect, useRef, useState } from 'react';

import { renderJinjaTemplate, type JinjaOutcome } from '../../ipc';

export const RENDER_DELAY_MS = 150;
export const SLOW_MS = 300;

/** `data` is JSON text of an object (blank for none), already checked by the caller. */
export type RenderRequest = { template: string; data: string; strict: boolean };

export type RenderState = {
  result: JinjaOutcome | null;
  /** The template `result` is for. */
  template: string | null;
  /** The call itself failed (data the core refused, no backend, a bug): what to show. */
  failure: string | null;
  /** A render is due or on its way. */
  pending: boolean;
  /** The answer is taking longer than `SLOW_MS`. */
  slow: boolean;
};

const INITIAL: RenderState = { result: null, template: null, failure: null, pending: false, slow: false };

/** Renders `request` (nothing while it is null, e.g. the data is not valid JSON). */
export function useLiveRender(request: RenderRequest | null): RenderState {
  const [state, setState] = useState<RenderState>(INITIAL);
  const sequence = useRef(0);
  const template = request?.template;
  const data = request?.data;
  const strict = request?.strict;

  useEffect(() => {
    const seq = ++sequence.current;
    if (template === undefined || data === undefined || strict === undefined) {
      setState((s) => ({ ...s, pending: false, slow: false }));
      return;
    }
    setState((s) => (s.pending ? s : { ...s, pending: true }));
    let slowTimer: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      slowTimer = setTimeout(() => {
        if (seq === sequence.current) setState((s) => ({ ...s, slow: true }));
      }, SLOW_MS);
      renderJinjaTemplate(template, data, strict).then(
        (result) => {
          if (seq === sequence.current) setState({ result, template, failure: null, pending: false, slow: false });
        },
        (error: unknown) => {
          if (seq === sequence.current) setState({ result: null, template, failure: renderFailure(error), pending: false, slow: false });
        },
      ).finally(() => clearTimeout(slowTimer));
    }, RENDER_DELAY_MS);
    return () => {
      clearTimeout(timer);
      clearTimeout(slowTimer);
    };
  }, [template, data, strict]);

  return state;
}

/** The message of an `IpcError` ({code, message}) or of anything else thrown. */
export function failureText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** A failed render call in words: data the core refused (`invalid_input`), or no answer. */
function renderFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : null;
  return code === 'invalid_input' ? `The data was refused: ${failureText(error)}` : `The renderer could not be reached: ${failureText(error)}`;
}
