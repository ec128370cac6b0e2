import { describe, expect, it } from 'vitest';

import { focusTargets } from './fieldFocusStore';

describe('a problem clicked in Problems finds its field', () => {
  it('matches the field itself, or a value inside an object argument', () => {
    expect(focusTargets('arguments.uuid', 'arguments.uuid')).toBe('exact');
    expect(focusTargets('arguments.headers.Authorization', 'arguments.headers')).toBe('inside');
    expect(focusTargets('arguments.list[1]', 'arguments.list')).toBe('inside');
    expect(focusTargets('arguments.uuids', 'arguments.uuid')).toBeNull();
    expect(focusTargets('cases[0].left', 'cases[0].right')).toBeNull();
  });
});
