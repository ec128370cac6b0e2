import { describe, expect, it } from 'vitest';

import { CUSTOM_REGION, regionFor, resolveBaseUrl } from './regions';

const REGIONS = [
  { id: 'fra1', label: 'Europe (FRA1)', base_url: 'https://api.sekoia.io' },
  { id: 'fra2', label: 'Europe (FRA2)', base_url: 'https://app.fra2.sekoia.io/api' },
];

describe('regionFor', () => {
  it('finds the region of a stored URL, trailing slash or not', () => {
    expect(regionFor('https://app.fra2.sekoia.io/api/', REGIONS)).toBe('fra2');
    expect(regionFor('https://api.sekoia.io', REGIONS)).toBe('fra1');
  });

  it('is custom for any other URL, and the first region when none is stored', () => {
    expect(regionFor('https://soar.example.com/api', REGIONS)).toBe(CUSTOM_REGION);
    expect(regionFor(null, REGIONS)).toBe('fra1');
    expect(regionFor(null, [])).toBe(CUSTOM_REGION);
  });
});

describe('resolveBaseUrl', () => {
  it('gives a region’s URL', () => {
    expect(resolveBaseUrl('fra2', '', REGIONS)).toEqual({ ok: true, url: 'https://app.fra2.sekoia.io/api' });
    expect(resolveBaseUrl('nope', '', REGIONS).ok).toBe(false);
  });

  it('tidies a custom URL', () => {
    expect(resolveBaseUrl(CUSTOM_REGION, '  https://Soar.Example.com/api/ ', REGIONS)).toEqual({ ok: true, url: 'https://soar.example.com/api' });
    expect(resolveBaseUrl(CUSTOM_REGION, 'http://127.0.0.1:8080', REGIONS)).toEqual({ ok: true, url: 'http://127.0.0.1:8080' });
    expect(resolveBaseUrl(CUSTOM_REGION, 'http://localhost:9000/api', REGIONS)).toEqual({ ok: true, url: 'http://localhost:9000/api' });
  });

  it('refuses what is not a safe API URL, saying why', () => {
    const error = (text: string) => {
      const result = resolveBaseUrl(CUSTOM_REGION, text, REGIONS);
      return result.ok ? null : result.error;
    };
    expect(error('')).toMatch(/Enter the URL/);
    expect(error('app.example.com')).toMatch(/Not a URL/);
    expect(error('http://app.example.com/api')).toMatch(/https/);
    expect(error('ftp://app.example.com')).toMatch(/https/);
    expect(error('https://me:secret@app.example.com')).toMatch(/credentials/);
    expect(error('https://app.example.com/api?token=1')).toMatch(/query/);
  });
});
