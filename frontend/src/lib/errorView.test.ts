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

  it('lists an invalid file’s problems, one per line, without list markers', () => {
    const view = errorView({
      code: 'invalid_playbook',
      message: 'a.json is not a valid playbook (2 problems):\n  - line 3, column 7: nodes: expected an object\n\nline 9, column 1: trailing comma\n',
    });
    expect(view.title).toBe('The file is not a valid playbook');
    expect(view.detail).toBe('a.json is not a valid playbook (2 problems):');
    expect(view.problems).toEqual(['line 3, column 7: nodes: expected an object', 'line 9, column 1: trailing comma']);
  });

  it('takes the file the core names on every problem line out as the detail', () => {
    const view = errorView({
      code: 'invalid_playbook',
      message: '/home/me/x.json: line 1, column 9: not valid JSON\n/home/me/x.json: node 2: outputs: required',
    });
    expect(view.detail).toBe('2 problems in /home/me/x.json:');
    expect(view.problems).toEqual(['line 1, column 9: not valid JSON', 'node 2: outputs: required']);
    expect(errorView({ code: 'invalid_playbook', message: 'a: one\nb: two' })).toMatchObject({ detail: '2 problems:', problems: ['a: one', 'b: two'] });
    expect(errorView({ code: 'invalid_playbook', message: '/x.json: line 2, column 1: bad' }).detail).toBe('/x.json: line 2, column 1: bad');
  });

  it('has no title for codes it does not know, and never an empty detail', () => {
    expect(errorView({ code: 'store_unavailable', message: 'disk full' })).toEqual({ title: null, detail: 'disk full', problems: [], hint: null });
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
