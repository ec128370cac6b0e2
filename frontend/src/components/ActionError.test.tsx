import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ActionError } from './ActionError';

describe('an action error', () => {
  it('keeps the technical detail of a network failure folded under "Details"', () => {
    render(<ActionError testId="e" error={{ code: 'platform_unreachable', message: 'cannot reach api.sekoia.io: the name does not resolve — check the region or your connection', details: 'error sending request: dns error: failed to lookup address information' }} />);
    expect(screen.getByTestId('e').textContent).toContain('the name does not resolve');
    const details = screen.getByTestId('e-details');
    expect(details.tagName).toBe('DETAILS');
    expect(details.textContent).toContain('failed to lookup address information');
  });

  it('has no "Details" when there are none', () => {
    render(<ActionError testId="e" error={{ code: 'refused', message: 'no' }} />);
    expect(screen.queryByTestId('e-details')).toBeNull();
  });
});
