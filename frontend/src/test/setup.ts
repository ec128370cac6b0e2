/**
 * Vitest setup (jsdom): DOM matchers, cleanup between tests, and the browser APIs that
 * jsdom lacks but the UI relies on (React Flow measures with ResizeObserver and reads the
 * viewport zoom through DOMMatrixReadOnly; CodeMirror measures text through Range rects).
 */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});

class ResizeObserverStub implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

/** Only the scale (m22) is read by React Flow; it is taken from a `scale(...)` transform. */
class DOMMatrixReadOnlyStub {
  readonly m22: number;
  constructor(init?: string | number[]) {
    const scale = typeof init === 'string' ? /scale\(\s*([-\d.e]+)/.exec(init)?.[1] : undefined;
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = ResizeObserverStub;
}
if (!('DOMMatrixReadOnly' in globalThis)) {
  Object.defineProperty(globalThis, 'DOMMatrixReadOnly', {
    value: DOMMatrixReadOnlyStub,
    configurable: true,
    writable: true,
  });
}

// jsdom lays nothing out: a Range has no rectangles. CodeMirror asks for them when it
// measures; empty ones are enough for it to carry on.
if (typeof Range !== 'undefined' && !('getClientRects' in Range.prototype)) {
  const emptyRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Object.defineProperty(Range.prototype, 'getClientRects', { value: emptyRects, configurable: true });
  Object.defineProperty(Range.prototype, 'getBoundingClientRect', { value: () => new DOMRect(0, 0, 0, 0), configurable: true });
}
