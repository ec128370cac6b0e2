/**
 * What the UI shows for a failed command: a short title chosen by the error's `code`, the
 * core's message (its first line), the problems listed on its other lines, and what to do.
 *
 * The UI never parses the message for meaning: only `code` decides the title and hint.
 */
import type { IpcError } from '../ipc';

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

const BY_CODE: Record<string, { title: string; hint: string | null }> = {
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
  return { title: known?.title ?? null, ...splitMessage(error.message), hint: known?.hint ?? null };
}

/**
 * One line is the detail. Several lines are problems: after a heading line ending in ":",
 * or each line starting with the same "where: " (the core writes "<file>: line 3, column 7:
 * …" for every problem of a file), which then becomes the detail.
 */
function splitMessage(message: string): Pick<ErrorView, 'detail' | 'problems'> {
  const lines = message
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-*•]\s+/, ''))
    .filter((line) => line !== '');
  if (lines.length <= 1) return { detail: lines[0] ?? message, problems: [] };
  if (lines[0].endsWith(':')) return { detail: lines[0], problems: lines.slice(1) };
  const cut = lines[0].indexOf(': ');
  const where = cut > 0 ? lines[0].slice(0, cut + 2) : null;
  if (where !== null && lines.every((line) => line.startsWith(where) && line.length > where.length)) {
    return { detail: `${lines.length} problems in ${where.slice(0, -2)}:`, problems: lines.map((line) => line.slice(where.length)) };
  }
  return { detail: `${lines.length} problems:`, problems: lines };
}

/** Whether the error says the platform connection itself is wrong (not this one call). */
export function isConnectionProblem(error: IpcError): boolean {
  return error.code === 'platform_unauthorized' || error.code === 'platform_unreachable' || error.code === 'platform_not_configured';
}
