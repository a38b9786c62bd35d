// Counts every request the tier sends (by status class, with its latency) and keeps every broken
// expectation instead of stopping at the first, so one run reports all that is still wrong.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ANSWER_WITHIN_MS } from './settings';
import { emptyClasses, summaryLine, type Failure, type FileStats, type Outcome } from './summary';

export { cut, show, statusClass, type Failure, type Outcome } from './summary';

/** Where each test file leaves its counts for the closing summary (globalSetup.ts). */
function statsDir(): string | null {
  try {
    return inject('fuzzStatsDir') ?? null;
  } catch {
    return null;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    fuzzStatsDir: string;
  }
}

export class Recorder {
  requests = 0;
  readonly byClass = emptyClasses();
  readonly latenciesMs: number[] = [];
  readonly failures: Failure[] = [];

  constructor(readonly part: string) {}

  record(outcome: Outcome, ms: number): void {
    this.requests++;
    this.byClass[outcome]++;
    this.latenciesMs.push(ms);
  }

  fail(failure: Failure): void {
    this.failures.push(failure);
  }

  /** A mark to pass to `report` later: the failures after it belong to one test. */
  mark(): number {
    return this.failures.length;
  }

  /** The failures since `mark`, grouped (same target, label kind, problem and answer) and counted. */
  report(mark = 0): string[] {
    const groups = new Map<string, { failure: Failure; count: number }>();
    for (const f of this.failures.slice(mark)) {
      const kind = f.label.replace(/ as .*$/, '').replace(/@.*$/, '');
      const key = `${f.target}|${kind}|${f.problem}|${f.got}|${f.serverError ?? ''}`;
      const group = groups.get(key);
      if (group) group.count++;
      else groups.set(key, { failure: f, count: 1 });
    }
    return [...groups.values()].map(
      ({ failure: f, count }) =>
        `${f.target} [${f.label}] ${f.problem}: got ${f.got}` +
        `${f.serverError ? ` (server: ${f.serverError})` : ''} x${count}\n    input: ${f.input}`,
    );
  }

  /** Fails the test with every broken expectation since `mark`, grouped. */
  expectNone(mark = 0): void {
    const lines = this.report(mark);
    if (lines.length > 0) {
      const total = this.failures.length - mark;
      throw new Error(`${total} broken expectations in ${lines.length} groups:\n${lines.join('\n')}`);
    }
  }

  /** Prints this file's line and leaves its counts for the tier's closing summary. */
  flush(): void {
    const stats: FileStats = {
      part: this.part,
      requests: this.requests,
      byClass: this.byClass,
      latenciesMs: this.latenciesMs,
      failures: this.failures.length,
    };
    console.info(summaryLine(`fuzz ${this.part}`, stats));
    const dir = statsDir();
    if (dir) writeFileSync(join(dir, `${this.part}.json`), JSON.stringify(stats));
  }
}

export type Timed<T> =
  | { kind: 'answer'; value: T; ms: number }
  | { kind: 'hang'; ms: number }
  | { kind: 'crash'; error: Error; ms: number };

/** Waits up to ANSWER_WITHIN_MS for `run`; a hang is reported, not waited out. */
export async function timed<T>(run: () => Promise<T>, within = ANSWER_WITHIN_MS): Promise<Timed<T>> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), within);
  });
  try {
    const result = await Promise.race([run().then((value) => ({ value })), deadline]);
    const ms = performance.now() - start;
    return result === 'hang' ? { kind: 'hang', ms } : { kind: 'answer', value: result.value, ms };
  } catch (error) {
    return { kind: 'crash', error: error as Error, ms: performance.now() - start };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight, in order of start. */
export async function eachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}
