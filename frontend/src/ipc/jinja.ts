/**
 * The Jinja tester's command: render a template on JSON data with the platform's Jinja2
 * semantics, in the Rust core (`render_jinja`, over `studio_core::jinja::render`).
 *
 * A template that fails is a result (`ok: false` with the error's kind and 1-based line and
 * column), not a rejected promise; the promise rejects only with an `IpcError` (no backend,
 * a bug). The types are written by hand until the command's payload derives `ts_rs::TS`;
 * then they come from ./bindings/ like the others.
 *
 * Not here: debouncing, history, display (features/tester/).
 */
import { invoke } from '@tauri-apps/api/core';

export type JinjaError = {
  /** The error's kind as the core names it (`syntax`, `undefined`, `type`, `limit`...). */
  kind: string;
  line: number | null;
  column: number | null;
  message: string;
};

export type JinjaResult =
  | {
      ok: true;
      /** Exactly the text Jinja2 renders. */
      output: string;
      /** The template's typed value when it is exactly one `{{ expr }}` (`typed`), else null. */
      value: unknown | null;
      typed: boolean;
    }
  | { ok: false; error: JinjaError };

/**
 * Renders `template` with `data`, a JSON object whose top-level keys are the variables (a
 * run's CODE JSON `{node, arguments, store}` or any pasted document). `strict` makes an
 * undefined variable an error instead of an empty string.
 */
export function renderJinja(template: string, data: unknown, strict: boolean): Promise<JinjaResult> {
  return invoke<JinjaResult>('render_jinja', { template, data, strict });
}
