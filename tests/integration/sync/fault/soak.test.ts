// The fault-injection suite in CI: at least 1,000 random fault cycles with three workstations
// registering appeals concurrently, and an executor and a feedback operator taking lifecycle steps;
// `npm run soak` runs 10,000 (scripts/soak.ts).
import { runSoak } from './runSoak';

const seed = Number(process.env['SOAK_SEED'] ?? Date.now() % 2 ** 31);
const cycles = Number(process.env['SOAK_CYCLES'] ?? 1_000);

it(`never loses, duplicates or strands an appeal through ${cycles} fault cycles (seed ${seed})`, async () => {
  console.log(`soak seed ${seed} (replay with SOAK_SEED=${seed})`);
  const report = await runSoak({ cycles, workstations: 3, seed, log: (line) => console.log(line) });
  console.log(JSON.stringify({ ...report, violations: report.violations.slice(0, 20) }, null, 2));
  expect(report.acknowledged).toBeGreaterThan(cycles);
  expect(report.faults['crash'] ?? 0).toBeGreaterThan(0);
  expect(report.faults['serverRestarts'] ?? 0).toBeGreaterThan(0);
  expect(report.violations.slice(0, 20)).toEqual([]);
  expect(report.serverAppeals).toBe(report.acknowledged);
  // Executors' answers and feedback outcomes were in the mix, each checked exactly once on the server.
  expect(report.lifecycle?.answers ?? 0).toBeGreaterThan(0);
  expect(report.lifecycle?.outcomes ?? 0).toBeGreaterThan(0);
}, 300_000);
