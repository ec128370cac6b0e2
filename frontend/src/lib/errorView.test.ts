import { describe, expect, it } from 'vitest';

import { errorView, isConnectionProblem } from './errorView';

describe('errorView', () => {
  it('titles a platform error by its code and keeps the core’s message', () => {
    const view = errorView({ code: 'platform_forbidden', message: 'The API key lacks the permission “Manage playbooks” (403).' });
    expect(view.title).toBe('The API key lacks a permission');
    expect(view.detail).toBe('The API key lacks the permission “Manage playbooks” (403).');
    expect(view.problems).toEqual([]);
    expect(view.hint).toMatch(/administrator/);
  });

  it('says what to do when a file cannot be read, and titles a refused request', () => {
    const unreadable = errorView({ code: 'io', message: '/tmp/p.json: No such file or directory (os error 2)' });
    expect(unreadable.title).toBe('The file could not be read or written');
    expect(unreadable.hint).toMatch(/permissions/);
    const refused = errorView({ code: 'refused', message: 'playbook p is not on the platform yet: push it first' });
    expect(refused.title).toBe('Not possible right now');
    expect(refused.detail).toBe('playbook p is not on the platform yet: push it first');
  });

  it('lists an invalid file’s problems from its structured diagnostics, placed as the CLI prints them', () => {
    const diag = (node: string | null, field: string | null, line: number | null, column: number | null, message: string) => ({ severity: 'error' as const, node, field, line, column, message });
    const view = errorView({
      code: 'invalid_playbook',
      message: 'anything: the UI does not read it',
      path: '/home/me/x.json',
      diagnostics: [diag(null, null, 1, 9, 'not valid JSON'), diag('2', 'outputs', null, null, 'required')],
    });
    expect(view.title).toBe('The file is not a valid playbook');
    expect(view.detail).toBe('2 problems in /home/me/x.json:');
    expect(view.problems).toEqual(['line 1, column 9: not valid JSON', 'node 2: outputs: required']);
    expect(errorView({ code: 'invalid_playbook', message: 'x', diagnostics: [diag('3', null, null, null, 'bad')] })).toMatchObject({ detail: '1 problem:', problems: ['node 3: bad'] });
  });

  it('shows a message’s first line as the detail and its other lines as problems, without list markers', () => {
    expect(errorView({ code: 'refused', message: 'cannot do it:\n  - one\n\ntwo\n' })).toMatchObject({ detail: 'cannot do it:', problems: ['one', 'two'] });
  });

  it('has no title for codes it does not know, and never an empty detail', () => {
    expect(errorView({ code: 'store', message: 'disk full' })).toEqual({ title: null, detail: 'disk full', problems: [], hint: null });
    expect(errorView({ code: 'unknown', message: '' }).detail).toBe('');
    expect(errorView({ code: 'vault_unavailable', message: 'no Secret Service' }).title).toBe('The OS keychain is not reachable');
  });

  it('tells connection problems from failures of one call', () => {
    expect(isConnectionProblem({ code: 'platform_unreachable', message: '' })).toBe(true);
    expect(isConnectionProblem({ code: 'platform_unauthorized', message: '' })).toBe(true);
    expect(isConnectionProblem({ code: 'platform_forbidden', message: '' })).toBe(false);
    expect(isConnectionProblem({ code: 'not_found', message: '' })).toBe(false);
  });
});
