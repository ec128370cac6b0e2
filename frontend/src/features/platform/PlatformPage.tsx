/**
 * The Platform page: the connection (region or URL, API key), its permissions, the
 * catalogue sync, and the platform's playbooks to pull. Reached from the start page's
 * header; "Playbooks" (or Escape) goes back.
 */
import { useEffect } from 'react';

import { ActionError } from '../../components/ActionError';
import { useEscapeBack } from '../../lib/useEscapeBack';
import { CatalogSection } from './CatalogSection';
import { CheckSection } from './CheckSection';
import { ConnectionSection } from './ConnectionSection';
import './platform.css';
import { platformStore, useConnectionStatus, usePlatform } from './platformStore';
import { RemotePlaybooks } from './RemotePlaybooks';

type PlatformPageProps = {
  onBack: () => void;
  /** Opens a local playbook (one just pulled) in the designer. */
  onOpenPlaybook: (id: string) => void;
};

export function PlatformPage({ onBack, onOpenPlaybook }: PlatformPageProps) {
  const settings = usePlatform((s) => s.settings);
  const settingsError = usePlatform((s) => s.settingsError);
  const { status, configured } = useConnectionStatus();

  useEffect(() => {
    void platformStore.getState().loadSettings({ autoCheck: true });
  }, []);

  useEscapeBack(onBack);

  return (
    <div className="app platform-page" data-testid="platform-page">
      <header className="app-header">
        <button type="button" className="button button--ghost" onClick={onBack} data-testid="platform-back">
          <span aria-hidden="true">←</span> Playbooks
        </button>
        <div>
          <h1 className="app-header__title">Platform</h1>
          <p className="app-header__subtitle">Connect to Sekoia.io, sync the catalogue, push and pull playbooks</p>
        </div>
        <p className={`platform-page__status platform-status--${status.kind}`} role="status" data-testid="platform-page-status" data-status={status.kind}>
          <span className="platform-status__dot" aria-hidden="true" />
          {status.detail}
        </p>
      </header>

      {settingsError !== null ? (
        <main className="platform-main">
          <ActionError error={settingsError} testId="platform-settings-error">
            <button type="button" className="button button--small" onClick={() => void platformStore.getState().loadSettings()}>
              Try again
            </button>
          </ActionError>
        </main>
      ) : settings === null ? (
        <main className="platform-main">
          <div className="list-state" aria-busy="true">
            <p className="list-state__title">Reading the platform settings…</p>
          </div>
        </main>
      ) : (
        <main className="platform-main">
          <div className="platform-main__column">
            <ConnectionSection settings={settings} />
            <CheckSection configured={configured} />
            <CatalogSection configured={configured} />
          </div>
          <RemotePlaybooks configured={configured} onOpen={onOpenPlaybook} />
        </main>
      )}
    </div>
  );
}
