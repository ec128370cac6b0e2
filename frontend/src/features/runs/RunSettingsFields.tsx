/**
 * The playbook's run settings, shown in the run dialog and saved as they change: the rate
 * limit (actions per minute; an action over it fails with a message saying so) and the
 * time one action may take. Empty means the default.
 */
import { useState } from 'react';

import { setRunSettings, toIpcError, type RunSettings } from '../../ipc';

type Props = { playbookId: string; settings: RunSettings | null; onChange(settings: RunSettings): void };

function parseLimit(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 'invalid';
}

export function RunSettingsFields({ playbookId, settings, onChange }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  if (settings === null) return null;

  const save = async (field: 'rate_limit' | 'action_timeout_seconds', text: string) => {
    const value = parseLimit(text);
    if (value === 'invalid') {
      setError(`${field === 'rate_limit' ? 'Rate limit' : 'Action timeout'}: a whole number above 0, or empty for the default.`);
      return;
    }
    if (value === settings[field]) return;
    setError(null);
    try {
      onChange(await setRunSettings(playbookId, { ...settings, [field]: value }));
      setSaved(true);
    } catch (e) {
      setError(toIpcError(e).message);
    }
  };

  return (
    <fieldset className="run-dialog__section run-settings" data-testid="run-settings">
      <legend className="field__label">Playbook run settings {saved && <span className="run-dialog__aside">saved</span>}</legend>
      <label className="run-settings__field">
        <span>Rate limit (actions per minute)</span>
        <input
          className="input"
          inputMode="numeric"
          defaultValue={settings.rate_limit ?? ''}
          placeholder={`${settings.default_rate_limit} (default)`}
          onBlur={(e) => void save('rate_limit', e.target.value)}
          data-field="run-rate-limit"
        />
      </label>
      <label className="run-settings__field">
        <span>Action timeout (seconds)</span>
        <input
          className="input"
          inputMode="numeric"
          defaultValue={settings.action_timeout_seconds ?? ''}
          placeholder={`${settings.default_action_timeout_seconds} (default)`}
          onBlur={(e) => void save('action_timeout_seconds', e.target.value)}
          data-field="run-action-timeout"
        />
      </label>
      <p className="run-dialog__hint run-settings__note">
        Empty: the defaults, {settings.default_rate_limit} actions a minute (our choice: the platform publishes no number) and{' '}
        {settings.default_action_timeout_seconds} s per action. An action over the limit fails and says it was rate limited.
      </p>
      {error !== null && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
