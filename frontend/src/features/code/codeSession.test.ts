import { describe, expect, it } from 'vitest';

import { CodeSession } from './codeSession';

const text = JSON.stringify({ node: { '0': { alert_uuid: 'u-1' }, '2': { list: ['u-2', 'x'] } }, store: {} });

describe('CodeSession', () => {
  it('answers a parse error with the parser message', () => {
    const session = new CodeSession();
    const answer = session.handle({ type: 'load', text: '{"a": }' });
    expect(answer).toMatchObject({ ok: false });
  });

  it('reports a request before any document as an error envelope', () => {
    expect(new CodeSession().answer({ id: 3, request: { type: 'raw', from: 0, count: 5 } })).toEqual({ id: 3, error: 'No CODE JSON loaded.' });
  });

  it('serves a window of rows, with the index of a focused path', () => {
    const session = new CodeSession();
    session.handle({ type: 'load', text });
    const answer = session.handle({ type: 'view', expansion: { base: 'all', toggled: [] }, from: 2, count: 3, focus: ['node', '2', 'list', 1] });
    expect(answer).toMatchObject({ total: 8, from: 2, focusIndex: 6 });
    expect('rows' in answer && answer.rows.map((r) => r.path)).toEqual([
      ['node', '0', 'alert_uuid'],
      ['node', '2'],
      ['node', '2', 'list'],
    ]);
  });

  it('keeps the matches of the last search for navigation and row marks', () => {
    const session = new CodeSession();
    session.handle({ type: 'load', text });
    expect(session.handle({ type: 'search', query: 'u-' })).toMatchObject({ query: 'u-', count: 2, kept: 2 });
    expect(session.handle({ type: 'match', index: 1 })).toEqual({ index: 1, path: ['node', '2', 'list', 0] });
    expect(session.handle({ type: 'match', index: 2 })).toEqual({ index: 2, path: null });
    const view = session.handle({ type: 'view', expansion: { base: 'all', toggled: [] }, from: 0, count: 100, focus: null });
    const marked = 'rows' in view ? view.rows.filter((r) => r.match).map((r) => r.path) : [];
    expect(marked).toEqual([
      ['node', '0', 'alert_uuid'],
      ['node', '2', 'list', 0],
    ]);
  });

  it('shows multi-line text as written in raw mode, and compact text pretty-printed', () => {
    const session = new CodeSession();
    const written = '{\n    "node": {"10": 1, "2": -0.0}\n}\n';
    session.handle({ type: 'load', text: written });
    expect(session.handle({ type: 'raw', from: 0, count: 10 })).toEqual({ total: 3, from: 0, lines: ['{', '    "node": {"10": 1, "2": -0.0}', '}'] });
    session.handle({ type: 'load', text: '{"a":[1]}' });
    expect(session.handle({ type: 'rawText' })).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}' });
  });

  it('forgets the previous document, its matches and lines on load', () => {
    const session = new CodeSession();
    session.handle({ type: 'load', text });
    session.handle({ type: 'search', query: 'u-' });
    session.handle({ type: 'raw', from: 0, count: 1 });
    session.handle({ type: 'loadValue', value: { a: 1 } });
    expect(session.handle({ type: 'match', index: 0 })).toEqual({ index: 0, path: null });
    expect(session.handle({ type: 'raw', from: 0, count: 10 })).toEqual({ total: 3, from: 0, lines: ['{', '  "a": 1', '}'] });
    expect(session.handle({ type: 'value', path: ['a'] })).toEqual({ text: '1' });
    expect(session.handle({ type: 'value', path: ['b'] })).toEqual({ text: null });
  });
});
