/**
 * The start page header's way to the Platform page: a "Platform" button whose dot and
 * label say how the connection is (not configured, connected, a problem). Reads the
 * settings when shown, and checks a stored key once per session.
 */
import { useEffect } from 'react';

import './platform.css';
import { platformStore, useConnectionStatus } from './platformStore';

export function PlatformStatus({ onOpen }: { onOpen: () => void }) {
  const { status } = useConnectionStatus();

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
