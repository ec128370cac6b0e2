/**
 * The test backend's side of runs, for the Playwright specs: the runs list is empty and
 * the run dialog gets a sample event and default settings; there are no templates. Running is not simulated here:
 * runs are exercised against the real core by the WebDriver tests (tests/e2e/runs.e2e.mjs).
 */
import type { MockCommand } from './backend';
import { MockError } from './mockError';

const SETTINGS = { rate_limit: null, action_timeout_seconds: null, default_rate_limit: 120, default_action_timeout_seconds: 120 };

export function handleRuns(command: MockCommand): { result: unknown } | undefined {
  switch (command) {
    case 'list_runs':
      return { result: { runs: [], total: 0 } };
    case 'get_run_defaults':
      return { result: { event: { alert_uuid: '3f1c2b7a-8d4e-4f5a-9b6c-1d2e3f4a5b6c' }, last_used: false, from_template: false, pins: {}, settings: SETTINGS } };
    case 'set_run_settings':
      return { result: SETTINGS };
    case 'list_templates':
      // The gallery is exercised against the real core (tests/e2e/templates.e2e.mjs).
      return { result: [] };
    case 'app_ready':
    case 'watch_opened':
      return { result: null };
    case 'listener_status':
      return { result: null };
    case 'stop_listener':
      return { result: false };
    case 'start_listener':
    case 'start_run':
    case 'rerun_run':
    case 'platform_run':
      throw new MockError('refused', 'The test backend does not run playbooks (the WebDriver tests do, on the real core).');
    default:
      return undefined;
  }
}
