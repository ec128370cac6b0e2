import { describe, expect, it } from 'vitest';

import { focusTargets, offsetOf } from './fieldFocusStore';

describe('a problem clicked in Problems finds its field and its span', () => {
  it('matches the field itself, or a value inside an object argument', () => {
    expect(focusTargets('arguments.uuid', 'arguments.uuid')).toBe('exact');
    expect(focusTargets('arguments.headers.Authorization', 'arguments.headers')).toBe('inside');
    expect(focusTargets('arguments.list[1]', 'arguments.list')).toBe('inside');
    expect(focusTargets('arguments.uuids', 'arguments.uuid')).toBeNull();
    expect(focusTargets('cases[0].left', 'cases[0].right')).toBeNull();
  });

  it('turns a 1-based line and column into an offset, clamped to the text', () => {
    const text = '{{ a }}\n{{ b | nosuch }}';
    expect(offsetOf(text, 1, 4)).toBe(3);
    expect(text.slice(offsetOf(text, 2, 8))).toBe('nosuch }}');
    expect(offsetOf(text, 9, 99)).toBe(text.length);
    expect(offsetOf(text, null, null)).toBe(text.length);
  });
});
