import { describe, expect, it } from 'vitest';

import { MAX_CONTENT_PX, OVERSCAN, ROW_HEIGHT, centeredScrollTop, contentHeight, isRowInView, rowTop, visibleRange } from './virtual';

describe('virtual rows', () => {
  it('draws the rows in view plus some above and below', () => {
    expect(visibleRange(0, 240, 1000)).toEqual({ from: 0, count: 11 + 2 * OVERSCAN });
    expect(visibleRange(100 * ROW_HEIGHT, 240, 1000)).toEqual({ from: 100 - OVERSCAN, count: 11 + 2 * OVERSCAN });
  });

  it('still draws a full window at the end of the list', () => {
    const { from, count } = visibleRange(990 * ROW_HEIGHT, 240, 1000);
    expect(from + count).toBeGreaterThanOrEqual(1000);
  });

  it('keeps natural row positions below the content limit', () => {
    expect(contentHeight(1000, 240)).toBe(1000 * ROW_HEIGHT);
    expect(rowTop(10, 0, 240, 1000)).toBe(10 * ROW_HEIGHT);
  });

  it('scales scrolling past the content limit and still reaches the last row', () => {
    const total = 2_000_000;
    const height = 480;
    expect(contentHeight(total, height)).toBe(MAX_CONTENT_PX);
    const bottom = MAX_CONTENT_PX - height;
    const { from, count } = visibleRange(bottom, height, total);
    expect(from + count).toBeGreaterThanOrEqual(total);
    expect(isRowInView(total - 1, bottom, height, total)).toBe(true);
  });

  it('centres a row it scrolls to, scaled or not', () => {
    for (const total of [1000, 2_000_000]) {
      const index = Math.floor(total * 0.7);
      const top = centeredScrollTop(index, 480, total);
      expect(isRowInView(index, top, 480, total)).toBe(true);
      expect(rowTop(index, top, 480, total) - top).toBeCloseTo(240 - ROW_HEIGHT / 2, 0);
    }
  });
});
