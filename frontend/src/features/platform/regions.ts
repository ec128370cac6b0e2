/**
 * The connection form's choice of where the platform's API is: one of the regions the core
 * lists, or a custom URL (a private instance, or a local test server).
 */
import type { PlatformRegion } from '../../ipc';

export const CUSTOM_REGION = 'custom';

/** The region whose base URL is `baseUrl` (trailing slashes ignored), else `custom`; the first region when none is stored. */
export function regionFor(baseUrl: string | null, regions: readonly PlatformRegion[]): string {
  if (baseUrl === null || baseUrl.trim() === '') return regions[0]?.id ?? CUSTOM_REGION;
  const wanted = trimUrl(baseUrl);
  return regions.find((r) => trimUrl(r.base_url) === wanted)?.id ?? CUSTOM_REGION;
}

export type ResolvedUrl = { ok: true; url: string } | { ok: false; error: string };

/**
 * The base URL the form stands for: the region's, or the custom URL checked and tidied
 * (trimmed, no trailing slash). A custom URL must be https, except on this computer
 * (http://localhost, 127.0.0.1, [::1]), and carry no credentials, query or fragment.
 */
export function resolveBaseUrl(region: string, customUrl: string, regions: readonly PlatformRegion[]): ResolvedUrl {
  if (region !== CUSTOM_REGION) {
    const found = regions.find((r) => r.id === region);
    return found ? { ok: true, url: trimUrl(found.base_url) } : { ok: false, error: `Unknown region ${region}.` };
  }
  const text = customUrl.trim();
  if (text === '') return { ok: false, error: 'Enter the URL of the platform’s API.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: 'Not a URL: it should look like https://app.example.com/api.' };
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, error: 'Use https:// (plain http is only allowed for localhost).' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, error: 'Leave credentials out of the URL: the API key goes in its own field.' };
  if (url.search !== '' || url.hash !== '') return { ok: false, error: 'Remove the query or fragment (after ? or #) from the URL.' };
  return { ok: true, url: trimUrl(`${url.origin}${url.pathname}`) };
}

function trimUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}
