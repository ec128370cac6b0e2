/**
 * The start page header's way to the Platform page: a "Platform" button whose dot and
 * label say how the connection is (not configured, connected, a problem). Reads the
 * settings when shown, and checks a stored key once per session.
 */
import { useEffect } from 'react';

import './platform.css';
import { platformStore, usePlatform } from './platformStore';
import { connectionStatus } from './status';

export function PlatformStatus({ onOpen }: { onOpen: () => void }) {
  const settings = usePlatform((s) => s.settings);
  const settingsError = usePlatform((s) => s.settingsError);
  const report = usePlatform((s) => s.report);
  const checkError = usePlatform((s) => s.checkError);
  const checking = usePlatform((s) => s.checking);
  const status = connectionStatus({ settings, settingsError, report, checkError, checking });

  useEffect(() => {
    void platformStore.getState().loadSettings({ autoCheck: true });
  }, []);

  return (
    <button
      type="button"
      className={`button button--ghost platform-status platform-status--${status.kind}`}
      data-testid="platform-status"
      data-status={status.kind}
      title={status.detail}
      aria-label={`Platform: ${status.label}. ${status.detail} Open the Platform settings.`}
      onClick={onOpen}
    >
      <span className="platform-status__dot" aria-hidden="true" />
      <span>Platform</span>
      <span className="platform-status__label">{status.label}</span>
    </button>
  );
}
