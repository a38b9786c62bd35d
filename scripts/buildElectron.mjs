// Bundles the Electron main process and the preload (the renderer is built by `vite build`).
//   out/main/index.js      ESM, Node platform; electron and the native SQLite module stay external
//   out/preload/index.cjs  CommonJS: a sandboxed preload can only require('electron')
// Usage: node scripts/buildElectron.mjs [--watch]
import { build, context } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: true,
  target: 'node22',
  logLevel: 'info',
  legalComments: 'none',
  absWorkingDir: root,
};

const main = {
  ...common,
  entryPoints: ['src/main/index.ts'],
  outfile: 'out/main/index.js',
  platform: 'node',
  format: 'esm',
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
  // Bundled CommonJS dependencies (pino, ws) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

const preload = {
  ...common,
  entryPoints: ['src/preload/index.ts'],
  outfile: 'out/preload/index.cjs',
  platform: 'browser',
  format: 'cjs',
  target: 'chrome140',
  external: ['electron'],
};

rmSync(join(root, 'out', 'main'), { recursive: true, force: true });
rmSync(join(root, 'out', 'preload'), { recursive: true, force: true });

if (watch) {
  for (const options of [main, preload]) await (await context(options)).watch();
} else {
  await Promise.all([build(main), build(preload)]);
}
