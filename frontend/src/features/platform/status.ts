/**
 * The connection state shown in the start page's header and the Platform page, from what
 * is known: the stored settings and the last check (or its failure).
 */
import type { ConnectionReport, IpcError, PlatformSettings } from '../../ipc';
import { errorView } from '../../lib/errorView';

export type ConnectionKind = 'loading' | 'not_configured' | 'unchecked' | 'checking' | 'connected' | 'problem';

export type ConnectionStatus = { kind: ConnectionKind; label: string; detail: string };

export type ConnectionFacts = {
  settings: PlatformSettings | null;
  settingsError: IpcError | null;
  report: ConnectionReport | null;
  checkError: IpcError | null;
  checking: boolean;
};

/** Whether there is a platform to talk to: a URL and a key in the keychain. */
export function isConfigured(settings: PlatformSettings | null): settings is PlatformSettings & { base_url: string } {
  return settings !== null && settings.base_url !== null && settings.has_api_key;
}

export function connectionStatus({ settings, settingsError, report, checkError, checking }: ConnectionFacts): ConnectionStatus {
  if (settingsError !== null) return { kind: 'problem', label: 'Problem', detail: `The platform settings could not be read: ${settingsError.message}` };
  if (settings === null) return { kind: 'loading', label: 'Platform', detail: 'Reading the platform settings…' };
  if (!isConfigured(settings)) {
    return { kind: 'not_configured', label: 'Not configured', detail: 'No platform connection: choose a region and store an API key.' };
  }
  const where = hostOf(settings.base_url);
  if (checking) return { kind: 'checking', label: 'Checking…', detail: `Checking the connection to ${where}…` };
  if (checkError !== null) {
    const view = errorView(checkError);
    return { kind: 'problem', label: 'Problem', detail: view.title !== null ? `${view.title}: ${view.detail}` : view.detail };
  }
  if (report === null) return { kind: 'unchecked', label: 'Not checked', detail: `API key stored for ${where}; the connection was not checked yet.` };
  if (!report.authenticated) return { kind: 'problem', label: 'Key refused', detail: `${where} does not accept the stored API key.` };
  if (report.missing.length > 0) {
    const n = report.missing.length;
    return { kind: 'problem', label: `${n} ${n === 1 ? 'permission' : 'permissions'} missing`, detail: `The API key lacks: ${report.missing.join(', ')}.` };
  }
  return { kind: 'connected', label: 'Connected', detail: `Connected to ${where} with every permission the app needs.` };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
