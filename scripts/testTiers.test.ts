// Every test file in the tree belongs to a tier of vitest.config.ts: a colocated test in a folder
// that no tier includes would pass silently by never running.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import config from '../vitest.config';

const root = path.resolve(import.meta.dirname, '..');
/** Folders that hold no tests of ours: installed, generated or built. */
const notOurs = new Set([
  'node_modules',
  '.tools',
  '.git',
  'out',
  'dist',
  'release',
  'coverage',
  '.data',
  '.bench',
]);

const TEST_FILE = /\.(test|spec)\.(ts|tsx|mts|js|mjs)$/;

/** Test files under `dir`, relative to the root with forward slashes; dot folders such as .ci too. */
function testFiles(dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return notOurs.has(entry.name) ? [] : testFiles(file);
    return TEST_FILE.test(entry.name) ? [file] : [];
  });
}

const tiers = (config.test?.projects ?? []).flatMap((project) =>
  typeof project === 'object' && 'test' in project && project.test
    ? [{ name: project.test.name, include: project.test.include ?? [] }]
    : [],
);

describe('the test tiers', () => {
  it('run every test file in the tree, each in one tier', () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(0);
    const tiersOf = (file: string) =>
      tiers.filter((tier) => tier.include.some((glob) => path.matchesGlob(file, glob))).map((t) => t.name);
    const misplaced = files
      .map((file) => ({ file, tiers: tiersOf(file) }))
      .filter((f) => f.tiers.length !== 1);
    expect(misplaced).toEqual([]);
  });
});
