// Entry of `npm run start:web`: runs src/main/webHost/startWeb.ts from an esbuild bundle in out/web, rebuilt
// only when one of its source files changed. Loading one bundle takes ~0.2 s where transpiling
// every module on the fly with tsx takes ~0.6 s, and start-up time is part of the workstation's
// cold-start budget. `node --import tsx src/main/webHost/startWeb.ts` runs the same code unbundled.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The native SQLite module crashes (segfault) on Node 20: say so plainly instead.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `The workstation needs Node >= 22.12; this is Node ${process.versions.node}.\n` +
      'Run it with `npm run start:web` (which finds or installs Node 22), or `source scripts/env.sh` first.',
  );
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'web');
const bundle = join(outDir, 'startWeb.mjs');
const inputsFile = join(outDir, 'startWeb.inputs.json');

function isFresh() {
  try {
    const builtAt = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return inputs.every((input) => statSync(join(root, input)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

async function rebuild() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/main/webHost/startWeb.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    write: false,
    metafile: true,
    logLevel: 'error',
    // Native, build-time-only and optional modules stay outside the bundle.
    external: ['better-sqlite3-multiple-ciphers', 'vite', 'esbuild', 'bufferutil', 'utf-8-validate'],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  mkdirSync(outDir, { recursive: true });
  // Written aside and renamed: several hosts may start at once (end-to-end tests) and none may
  // load a half-written bundle.
  const suffix = `.${process.pid}.tmp`;
  for (const file of result.outputFiles) {
    writeFileSync(file.path + suffix, file.contents);
    renameSync(file.path + suffix, file.path);
  }
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/'));
  // Dependencies are not tracked one by one: a changed lockfile rebuilds.
  inputs.push('package-lock.json');
  writeFileSync(inputsFile + suffix, JSON.stringify(inputs));
  renameSync(inputsFile + suffix, inputsFile);
}

if (!isFresh()) await rebuild();
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
