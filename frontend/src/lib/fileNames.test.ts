import { describe, expect, it } from 'vitest';

import { exportFileName } from './fileNames';

describe('exportFileName', () => {
  it('is the playbook name with .json', () => {
    expect(exportFileName('Phishing triage')).toBe('Phishing triage.json');
    expect(exportFileName('Report.JSON')).toBe('Report.JSON');
  });

  it('replaces what file systems refuse and trims what they drop', () => {
    expect(exportFileName('Alerts: high/critical?')).toBe('Alerts- high-critical.json');
    expect(exportFileName('  ..hidden. ')).toBe('hidden.json');
    expect(exportFileName('tab\there\nand line')).toBe('tab-here-and line.json');
  });

  it('falls back to "playbook" and stays short', () => {
    expect(exportFileName('')).toBe('playbook.json');
    expect(exportFileName('///')).toBe('playbook.json');
    expect(exportFileName('x'.repeat(300))).toBe(`${'x'.repeat(120)}.json`);
  });
});
