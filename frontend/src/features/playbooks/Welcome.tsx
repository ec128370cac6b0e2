/**
 * The start page of an empty home: four ways to a first playbook, the quickest being the
 * sample (the triage template created and run in mock mode: a green run without any account).
 */
import { BusyButton } from '../../components/BusyButton';
import { shortcutLabel } from '../../lib/useModShortcut';

type WelcomeProps = {
  onTemplates: () => void;
  onImport: () => void;
  onCreateEmpty: () => void;
  onSample: () => void;
  sampleBusy: boolean;
};

export function Welcome({ onTemplates, onImport, onCreateEmpty, onSample, sampleBusy }: WelcomeProps) {
  return (
    <div className="welcome" data-testid="empty-state" data-panel="welcome">
      <p className="list-state__title">Welcome to Playbook Studio</p>
      <p className="list-state__hint">No playbooks yet: pick a way to start. Everything works offline.</p>
      <ul className="welcome__choices">
        <li>
          <BusyButton className="welcome__choice welcome__choice--primary" busy={sampleBusy} busyLabel="Creating the sample…" data-action="run-sample" onClick={onSample}>
            <strong>Run a sample</strong>
            <span>Creates a triage playbook from a template and runs it with a test alert, nothing sent anywhere.</span>
          </BusyButton>
        </li>
        <li>
          <button type="button" className="welcome__choice" data-action="welcome-templates" onClick={onTemplates}>
            <strong>Start from a template</strong>
            <span>Alert triage, enrichment, notifications, webhooks… ready to adjust.</span>
          </button>
        </li>
        <li>
          <button type="button" className="welcome__choice" data-action="welcome-import" onClick={onImport}>
            <strong>Import a playbook file</strong>
            <span>An SPL JSON file exported from Sekoia.io or kept in Git ({shortcutLabel('o')}).</span>
          </button>
        </li>
        <li>
          <button type="button" className="welcome__choice" data-action="welcome-empty" onClick={onCreateEmpty}>
            <strong>Create an empty playbook</strong>
            <span>Name it, then draw it from the palette ({shortcutLabel('n')}).</span>
          </button>
        </li>
      </ul>
    </div>
  );
}
