// Lint rules, including the layering between process types (ARCHITECTURE.md, "Import rules").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', '.tools', 'out', 'dist', 'release', 'coverage', '.data', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(
    ['src/shared/**'],
    ['**/main/**', '**/renderer/**', '**/preload/**', '**/server/**', 'node:*', 'electron'],
    'src/shared imports nothing outside itself (no Node, no Electron).',
  ),
  layer(
    ['src/preload/**'],
    ['**/main/**', '**/renderer/**', '**/server/**', 'node:*'],
    'src/preload imports only electron and src/shared.',
  ),
  layer(
    ['src/renderer/**'],
    ['**/main/**', '**/server/**', '**/preload/**', 'node:*', 'electron', 'better-sqlite3*'],
    'src/renderer never imports main, server, preload, Node built-ins or Electron.',
  ),
  layer(['src/main/**'], ['**/renderer/**', '**/server/**'], 'src/main shares only src/shared with others.'),
  layer(
    ['src/main/services/**', 'src/main/db/**', 'src/main/sync/**', 'src/main/webHost/**'],
    ['electron', '**/renderer/**', '**/server/**'],
    'Services, db, sync and the web host are plain Node: no electron import.',
  ),
  layer(
    ['src/server/**'],
    ['**/renderer/**', '**/main/**', 'electron'],
    'src/server shares only src/shared.',
  ),
  {
    files: ['scripts/**', 'bench/**', 'tests/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
