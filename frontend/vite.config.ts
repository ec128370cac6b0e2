import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** The desktop app's CSP (src-tauri/tauri.conf.json), with `'self'` for the preview's fetches. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The token Tauri replaces with a fresh nonce in the pages it serves (index.html carries one). */
const STYLE_NONCE_TOKEN = '__TAURI_STYLE_NONCE__';

/**
 * `vite preview` serves the built app the way Tauri does, so that browser tests catch any
 * inline script or style the webview would refuse: every response carries the app's CSP,
 * and in the page each style-nonce token becomes a fresh nonce that `style-src` allows
 * (CodeMirror's `<style>` element gets through with it, nothing else does).
 */
function tauriLikeCsp(): Plugin {
  return {
    name: 'playbook-studio:tauri-like-csp',
    configurePreviewServer(server) {
      const indexFile = path.resolve(server.config.root, server.config.build.outDir, 'index.html');
      server.middlewares.use((req, res, next) => {
        const page = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
        if (!page) {
          res.setHeader('Content-Security-Policy', CSP);
          next();
          return;
        }
        readFile(indexFile, 'utf8').then((html) => {
          const nonces: string[] = [];
          const body = html.replaceAll(STYLE_NONCE_TOKEN, () => {
            nonces.push(randomBytes(12).toString('hex'));
            return nonces[nonces.length - 1];
          });
          const styleSrc = ["style-src 'self'", ...nonces.map((n) => `'nonce-${n}'`)].join(' ');
          res.setHeader('Content-Security-Policy', CSP.replace("style-src 'self'", styleSrc));
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.end(body);
        }, next);
      });
    },
  };
}

// Tauri loads `dist/` from the root of its own origin, so the default base ('/') is right.
// The dev server port must match `build.devUrl` in src-tauri/tauri.conf.json.
export default defineConfig({
  plugins: [react(), tauriLikeCsp()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    target: 'es2021',
    // Everything stays in files next to index.html: the app's CSP allows no inline
    // script or style, and fonts/images as data: URIs are not needed.
    assetsInlineLimit: 0,
    sourcemap: false,
    // A desktop app loads its bundle from disk; one ~1.1 MB chunk is fine: React Flow, and
    // CodeMirror with its grammars (~550 kB, of which ~145 kB is lang-jinja's default HTML
    // base language with CSS and JavaScript, which the panel does not use but cannot drop).
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // The summary reporter prints `N passed, M failed` as the very last line for CI.
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
