import { describe, expect, it } from 'vitest';

import type { ConnectionReport, PlatformSettings } from '../../ipc';
import { connectionStatus, type ConnectionFacts } from './status';

const configured: PlatformSettings = { base_url: 'https://app.fra2.sekoia.io/api', has_api_key: true, regions: [] };
const facts = (overrides: Partial<ConnectionFacts>): ConnectionFacts => ({ settings: configured, settingsError: null, report: null, checkError: null, checking: false, ...overrides });
const report = (overrides: Partial<ConnectionReport>): ConnectionReport => ({ base_url: configured.base_url!, authenticated: true, permissions: [], missing: [], ...overrides });

describe('connectionStatus', () => {
  it('is not configured without a URL or a key', () => {
    expect(connectionStatus(facts({ settings: { ...configured, has_api_key: false } })).kind).toBe('not_configured');
    expect(connectionStatus(facts({ settings: { ...configured, base_url: null } })).kind).toBe('not_configured');
  });

  it('is loading before the settings arrive, and a problem when they cannot be read', () => {
    expect(connectionStatus(facts({ settings: null })).kind).toBe('loading');
    expect(connectionStatus(facts({ settings: null, settingsError: { code: 'store', message: 'x' } })).kind).toBe('problem');
  });

  it('is connected only after a check that found every permission', () => {
    expect(connectionStatus(facts({})).kind).toBe('unchecked');
    expect(connectionStatus(facts({ checking: true })).kind).toBe('checking');
    const ok = connectionStatus(facts({ report: report({}) }));
    expect(ok).toEqual({ kind: 'connected', label: 'Connected', detail: 'Connected to app.fra2.sekoia.io with every permission the app needs.' });
  });

  it('is a problem when the key is refused, lacks permissions or the check failed', () => {
    expect(connectionStatus(facts({ report: report({ authenticated: false }) })).label).toBe('Key refused');
    const missing = connectionStatus(facts({ report: report({ missing: ['Manage playbooks', 'View integrations'] }) }));
    expect([missing.kind, missing.label, missing.detail]).toEqual(['problem', '2 permissions missing', 'The API key lacks: Manage playbooks, View integrations.']);
    const failed = connectionStatus(facts({ checkError: { code: 'platform_unreachable', message: 'connection refused' } }));
    expect([failed.kind, failed.detail]).toEqual(['problem', 'The platform could not be reached: connection refused']);
  });
});
