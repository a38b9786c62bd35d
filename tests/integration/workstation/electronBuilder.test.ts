// Packaging cannot run here (no Electron binary, ENVIRONMENT.md), so the configuration is checked
// instead: valid for electron-builder's own schema, and shipping what the app needs at run time
// (bundles, native module outside the asar, resources/) and no source.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';

const root = resolve('.');
const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Configuration;
const packageJson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string };

/** electron-builder's rule for `files`: a path ships when the last pattern matching it is positive. */
function ships(path: string): boolean {
  let included = false;
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

const targetsOf = (platform: { target?: unknown } | null | undefined) =>
  ((platform?.target ?? []) as (string | { target: string })[]).map((t) =>
    typeof t === 'string' ? t : t.target,
  );

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(
      validateConfiguration(config, { isEnabled: false, add: () => undefined } as never),
    ).resolves.toBe(undefined);
  });

  it('names the app and its folders', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBeTruthy();
    expect(config.directories).toMatchObject({ buildResources: 'build', output: 'release' });
  });

  it('unpacks the native SQLite module from the asar archive and does not rebuild it', () => {
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3-multiple-ciphers/**');
    expect(config.npmRebuild).toBe(false);
  });

  it('ships resources/ where the app looks for it (process.resourcesPath/resources)', () => {
    expect(config.extraResources).toContainEqual(
      expect.objectContaining({ from: 'resources/', to: 'resources' }),
    );
    const main = readFileSync(resolve(root, 'src/main/app/electronMain.ts'), 'utf8');
    expect(main).toContain("join(process.resourcesPath, 'resources')");
    expect(existsSync(resolve(root, 'resources/icons/icon.png'))).toBe(true);
  });

  it('ships the bundles and package.json but no source, tests or scripts', () => {
    for (const path of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json',
    ]) {
      expect(ships(path), path).toBe(true);
    }
    for (const path of [
      'src/main/index.ts',
      'src/renderer/main.tsx',
      'tests/integration/workstation/webHost.test.ts',
      'scripts/startWeb.mjs',
      'vite.config.ts',
      'out/main/index.js.map',
      'electron-builder.yml',
      'node_modules/better-sqlite3-multiple-ciphers/deps/sqlite3/sqlite3.c',
    ]) {
      expect(ships(path), path).toBe(false);
    }
  });

  it('builds AppImage and deb, an NSIS installer and a dmg', () => {
    expect(targetsOf(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetsOf(config.win)).toContain('nsis');
    expect(targetsOf(config.mac)).toContain('dmg');
  });

  it('has an icon large enough for every platform', () => {
    const png = readFileSync(resolve(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('turns off the Electron fuses the app does not use', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('npm run build:electron', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [resolve(root, 'scripts/buildElectron.mjs')], {
      cwd: root,
      stdio: 'pipe',
    });
  });

  it('writes the entry file package.json names, as an ES module', () => {
    expect(packageJson.main).toBe('out/main/index.js');
    const main = readFileSync(resolve(root, packageJson.main), 'utf8');
    expect(main).toMatch(/from "electron"/);
    expect(main).toMatch(/from "better-sqlite3-multiple-ciphers"/);
    execFileSync(process.execPath, ['--check', resolve(root, packageJson.main)]);
  });

  it('writes a CommonJS preload that requires nothing but electron', () => {
    const preload = readFileSync(resolve(root, 'out/preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toContain('zod');
  });
});
