import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Tauri loads `dist/` from the root of its own origin, so the default base ('/') is right.
// The dev server port must match `build.devUrl` in src-tauri/tauri.conf.json.
export default defineConfig({
  plugins: [react()],
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
    // A desktop app loads its bundle from disk; one ~550 kB chunk (React Flow included) is fine.
    chunkSizeWarningLimit: 800,
  },
  // `vite preview` serves the built app with the desktop app's CSP (src-tauri/tauri.conf.json),
  // so browser tests catch any inline style or script the webview would refuse.
  preview: {
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // The summary reporter prints `N passed, M failed` as the very last line for CI.
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
