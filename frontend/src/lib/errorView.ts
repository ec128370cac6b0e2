/**
 * What the UI shows for a failed command: a short title chosen by the error's `code`, the
 * core's message (its first line), the problems listed on its other lines, and what to do.
 *
 * The UI never parses the message for meaning: only `code` decides the title and hint, and
 * an invalid playbook's problems come structured.
 */
import type { Diagnostic, ErrorCode, IpcError } from '../ipc';

export type ErrorView = {
  /** A short summary for the code, or `null` when the code has none (the detail says it all). */
  title: string | null;
  /** The core's message, first line. */
  detail: string;
  /** The message's other lines, one problem each (list markers removed). */
  problems: string[];
  /** What the user can do about it, or `null`. */
  hint: string | null;
};

const BY_CODE: Partial<Record<ErrorCode, { title: string; hint: string | null }>> = {
  platform_not_configured: {
    title: 'Not connected to the platform',
    hint: 'Choose a region and store an API key in the Platform settings.',
  },
  platform_unauthorized: {
    title: 'The platform refused the API key',
    hint: 'Check that the key was copied whole and is not revoked or expired, then replace it in the Platform settings.',
  },
  platform_forbidden: {
    title: 'The API key lacks a permission',
    hint: 'Ask an administrator to grant the missing permission to the key’s role, or use another key.',
  },
  platform_unreachable: {
    title: 'The platform could not be reached',
    hint: 'Check the network connection and the region or URL in the Platform settings.',
  },
  platform_error: { title: 'The platform answered with an error', hint: 'Try again in a moment.' },
  vault_unavailable: {
    title: 'The OS keychain is not reachable',
    hint: 'Unlock or start your keyring service, then try again. The key is never written to a file instead.',
  },
  invalid_playbook: { title: 'The file is not a valid playbook', hint: 'Fix the problems listed, then import the file again.' },
  not_found: { title: 'Not found', hint: null },
  refused: { title: 'Not possible right now', hint: null },
  io: { title: 'The file could not be read or written', hint: 'Check the path and its permissions, then try again.' },
  invalid_input: { title: 'Invalid input', hint: null },
};

export function errorView(error: IpcError): ErrorView {
  const known = BY_CODE[error.code];
  return { title: known?.title ?? null, ...problemsOf(error), hint: known?.hint ?? null };
}

/**
 * An invalid playbook's problems come structured (`diagnostics`, with `path` for a file): one
 * line each, placed by line, column, node and field. Any other message: its first line is
 * the detail, its other lines (list markers removed) the problems.
 */
function problemsOf(error: IpcError): Pick<ErrorView, 'detail' | 'problems'> {
  const diagnostics = error.diagnostics ?? [];
  if (diagnostics.length > 0) {
    const count = diagnostics.length === 1 ? '1 problem' : `${diagnostics.length} problems`;
    return { detail: error.path ? `${count} in ${error.path}:` : `${count}:`, problems: diagnostics.map(placed) };
  }
  const lines = error.message
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-*•]\s+/, ''))
    .filter((line) => line !== '');
  return { detail: lines[0] ?? error.message, problems: lines.slice(1) };
}

/** `line 4, column 5: node 1: outputs: required`: a diagnostic with its place, as the CLI prints it. */
function placed(d: Diagnostic): string {
  const at = d.line !== null && d.column !== null ? `line ${d.line}, column ${d.column}: ` : '';
  return `${at}${d.node !== null ? `node ${d.node}: ` : ''}${d.field !== null ? `${d.field}: ` : ''}${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

/** Whether the error says the platform connection itself is wrong (not this one call). */
export function isConnectionProblem(error: IpcError): boolean {
  return error.code === 'platform_unauthorized' || error.code === 'platform_unreachable' || error.code === 'platform_not_configured';
}
