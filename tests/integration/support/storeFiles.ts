// Temporary folders, keys and file snapshots for tests against real store files.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const RESOURCES_DIR = join(REPO_ROOT, 'resources');

export const randomKey = (): Buffer => randomBytes(32);

/** A temp folder removed after the current test file. */
export function useTempDirs(prefix = 'store-'): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** The bytes of a store and its SQLite sidecars, to prove a refused file was not touched. */
export function snapshot(file: string): Record<string, Buffer | null> {
  const result: Record<string, Buffer | null> = {};
  for (const suffix of ['', '-wal', '-journal']) {
    const path = `${file}${suffix}`;
    result[suffix || 'main'] = existsSync(path) ? readFileSync(path) : null;
  }
  return result;
}
