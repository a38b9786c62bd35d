// The row of a bare baseline beside a project figure (bench/server/ingestBaseline.ts,
// firstSyncBaseline.ts).
import type { BenchRow } from '../report';

export const baseline = (name: string, value: number, unit: string): BenchRow => ({
  name,
  value,
  unit,
  target: 'baseline',
  pass: null,
});
