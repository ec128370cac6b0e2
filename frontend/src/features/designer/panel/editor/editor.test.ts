import { describe, expect, it } from 'vitest';

import { maskNumericPaths } from './numericPaths';
import { readStyleNonce } from './styleNonce';

describe('maskNumericPaths', () => {
  it('turns the dot before a numeric key into an operator, keeping the length', () => {
    expect(maskNumericPaths('{{ node.1.urgency }}')).toBe('{{ node~1.urgency }}');
    expect(maskNumericPaths('{{ x[0].2 }} {{ f().3 }}')).toBe('{{ x[0]~2 }} {{ f()~3 }}');
    expect(maskNumericPaths('{{ node.12.a.3 }}')).toBe('{{ node~12.a~3 }}');
  });

  it('leaves numbers, names and plain dots alone', () => {
    for (const text of ['{{ 1.5 }}', '{"n": 10.25}', '{{ node.x.y }}', 'version 1.2 and .5', '{{ x . 1 }}']) {
      expect(maskNumericPaths(text)).toBe(text);
    }
  });
});

describe('readStyleNonce', () => {
  const page = (html: string) => {
    const doc = document.implementation.createHTMLDocument('');
    doc.head.innerHTML = html;
    return doc;
  };

  it('reads the nonce Tauri wrote in place of its token', () => {
    expect(readStyleNonce(page('<meta property="csp-nonce" nonce="8461094671325">'))).toBe('8461094671325');
  });

  it('gives nothing while the token is still there (vite dev) or without the tag', () => {
    expect(readStyleNonce(page('<meta property="csp-nonce" nonce="__TAURI_STYLE_NONCE__">'))).toBe('');
    expect(readStyleNonce(page(''))).toBe('');
  });
});
