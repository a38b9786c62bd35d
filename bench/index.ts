// `npm run bench`: every benchmark of the workstation, figures beside targets.
import { printRows, type BenchRow } from './report';

const suites: [string, () => Promise<BenchRow[]>][] = [
  ['Local store (1,000,000 appeals)', async () => (await import('./store')).runStoreBench()],
  ['Web host cold start', async () => (await import('./webColdStart')).runWebColdStartBench()],
];

const all: BenchRow[] = [];
for (const [title, run] of suites) {
  const rows = await run();
  printRows(title, rows);
  all.push(...rows);
}
const missed = all.filter((r) => r.pass === false);
console.log(
  `\n${all.length} figures, ${missed.length} missed their target${missed.length ? `: ${missed.map((r) => r.name).join(', ')}` : ''}`,
);
