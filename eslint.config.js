// Lint rules, including the layering between process types (ARCHITECTURE.md, "Import rules").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// A pattern may be a list: gitignore-style, so `!` takes a path back out (e.g. `src/shared/sync`
// out of the `sync/` feature's folder).
const layer = (files, patterns, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: patterns.map((group) => ({ group: [group].flat(), message })) },
    ],
  },
});

// Inside src/main (src/main/README.md): a flat config rule is replaced, not merged, by a later one,
// so each folder's layer below repeats the rules every file of main keeps.
const MAIN_FEATURES = [
  'agent',
  'appeals',
  'auth',
  'calls',
  'consultations',
  'executors',
  'lifecycle',
  'live',
  'lookup',
  'settings',
  'softphone',
  'suggest',
  'sync',
  'worklists',
];
const MAIN_HOSTS = ['app', 'ipc', 'webHost', 'windows'];
// src/shared has folders named like features (sync/, softphone/), and test support (test/) may be
// shared by the tests of any folder.
const outsideShared = (pattern) => [pattern, '!**/shared/**', '!**/test', '!**/test/**'];
const mainBase = ['**/renderer/**', '**/server/**'];
/** Deeper than a feature's index.ts: its repository, service and helpers are its own. */
const intoFeatures = MAIN_FEATURES.map((f) => outsideShared(`**/${f}/**`));
const anyFeature = MAIN_FEATURES.flatMap((f) => [outsideShared(`**/${f}`), outsideShared(`**/${f}/**`)]);
const hosts = (...names) => names.map((h) => outsideShared(`**/${h}/**`));
const compositionRoot = ['**/workstation', '**/handlers'];
const mainFeatureFiles = MAIN_FEATURES.map((f) => `src/main/${f}/**`);

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
  layer(['src/main/**'], mainBase, 'src/main shares only src/shared with others.'),
  layer(
    ['src/main/core/**'],
    [...mainBase, 'electron', ...anyFeature, ...hosts(...MAIN_HOSTS), ...compositionRoot],
    'src/main/core imports only src/shared and security/: no feature, host, composition root or electron.',
  ),
  layer(
    ['src/main/security/**', 'src/main/ipc/**'],
    [...mainBase, 'electron', ...anyFeature, ...hosts(...MAIN_HOSTS, 'core', 'security'), ...compositionRoot],
    'src/main/security and src/main/ipc are pure: they import only src/shared (and their own files).',
  ),
  layer(
    mainFeatureFiles,
    [...mainBase, 'electron', ...intoFeatures, ...hosts(...MAIN_HOSTS), ...compositionRoot],
    'A feature of src/main imports src/shared, core/ and security/, and another feature only through its index.ts; never electron, a host or the composition root.',
  ),
  layer(
    ['src/main/workstation.ts', 'src/main/handlers.ts'],
    [...mainBase, 'electron', ...intoFeatures, ...hosts(...MAIN_HOSTS)],
    'The composition root builds features through their index.ts, with core/ and security/; never electron or a host.',
  ),
  layer(
    ['src/main/webHost/**'],
    [...mainBase, 'electron', ...intoFeatures, ...hosts('app', 'windows')],
    'The web host is plain Node: the composition root, ipc/, core/ and security/, never electron or app/.',
  ),
  layer(
    ['src/main/app/**', 'src/main/windows/**'],
    [...mainBase, ...intoFeatures, ...hosts('webHost')],
    'The Electron hosts reach features only through the composition root (src/main/workstation.ts).',
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
