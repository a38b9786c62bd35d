// Benchmarks print each figure beside its target. They are measurements, not tests: a missed
// target is reported, and the run still completes so every figure is seen.
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  target: string;
  /** null when there is no target to compare with (e.g. size on disk). */
  pass: boolean | null;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function printRows(title: string, rows: readonly BenchRow[]): void {
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  console.log(`\n${title}`);
  const width = Math.max(...rows.map((r) => r.name.length), 10);
  for (const r of rows) {
    const verdict = r.pass === null ? '' : r.pass ? 'ok' : 'MISSED';
    console.log(
      `  ${r.name.padEnd(width)}  ${`${fmt(r.value)} ${r.unit}`.padStart(14)}   target ${r.target.padEnd(10)} ${verdict}`,
    );
  }
}
