/**
 * The nonce that lets CodeMirror's runtime `<style>` element through the app's CSP.
 *
 * The CSP allows no inline style, but CodeMirror writes its base styles (layout of the
 * editor, cursor, tooltips) into a `<style>` element it creates. index.html carries a
 * `<meta property="csp-nonce">` whose `nonce` attribute holds Tauri's style-nonce token:
 * when Tauri serves the page it replaces every occurrence of that token with a fresh random
 * nonce and adds `'nonce-…'` to `style-src` (the UI tests' preview server does the same, see
 * vite.config.ts). The editors hand that nonce to CodeMirror (`EditorView.cspNonce`).
 *
 * When the token was not replaced (`vite dev`, unit tests) there is no nonce: an empty string.
 */

/** Tauri's tokens start with two underscores; a real nonce never does. */
const UNREPLACED = /^__\w+__$/;

export function readStyleNonce(root: ParentNode = document): string {
  const meta = root.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  if (meta === null) return '';
  // Browsers hide a nonce attribute's value once the page is parsed; the property keeps it.
  const nonce = meta.nonce || meta.getAttribute('nonce') || '';
  return UNREPLACED.test(nonce) ? '' : nonce;
}

let cached: string | null = null;

/** The page's style nonce, read once (it does not change while the page lives). */
export function styleNonce(): string {
  cached ??= typeof document === 'undefined' ? '' : readStyleNonce(document);
  return cached;
}
