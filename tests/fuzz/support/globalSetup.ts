// The fuzz project's global setup: a folder where each test file leaves its counts, and at the end
// one line on stdout summing them (requests, by status class, p99 latency) for the CI log.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { summaryLine, type FileStats, type Outcome } from './summary';
import { FUZZ_RUNS, FUZZ_SEED } from './settings';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-stats-'));
  project.provide('fuzzStatsDir', dir);
  const started = Date.now();
  return () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    const all: FileStats[] = files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as FileStats);
    rmSync(dir, { recursive: true, force: true });
    if (all.length === 0) return;
    const byClass = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, hang: 0, crash: 0 } as Record<Outcome, number>;
    for (const s of all) for (const k of Object.keys(byClass) as Outcome[]) byClass[k] += s.byClass[k] ?? 0;
    const total = {
      requests: all.reduce((n, s) => n + s.requests, 0),
      byClass,
      latenciesMs: all.flatMap((s) => s.latenciesMs),
      failures: all.reduce((n, s) => n + s.failures, 0),
    };
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(
      `\n${summaryLine(`FUZZ SUMMARY (seed ${FUZZ_SEED}, runs ${FUZZ_RUNS}, ${all.length} files, ${seconds} s)`, total)}\n`,
    );
  };
}
