// ESLint: TypeScript's recommended rules and React's rules of hooks, on the app's sources,
// its tests and the UI test scripts. CI fails on any problem (`npm run lint`).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/ipc/bindings/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // `_name` marks a value deliberately left unused (a destructured field dropped).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['e2e/**/*.mjs', '*.js', '*.mjs'],
    languageOptions: { globals: { navigator: 'readonly', getComputedStyle: 'readonly', MutationObserver: 'readonly', structuredClone: 'readonly', process: 'readonly', console: 'readonly', window: 'readonly', document: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', CSS: 'readonly', requestAnimationFrame: 'readonly', performance: 'readonly' } },
  },
);
