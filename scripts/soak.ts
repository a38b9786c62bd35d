// The long fault soak: the CI fault suite (tests/integration/fault) at 10,000 cycles.
//   npm run soak          SOAK_CYCLES=N to change the count, SOAK_SEED=S to replay a run,
//                         SOAK_WORKSTATIONS=N for more workstations (default 3).
// Exits 1 when an invariant does not hold.
import { runSoak } from '../tests/integration/fault/runSoak';

const cycles = Number(process.env['SOAK_CYCLES'] ?? 10_000);
const workstations = Number(process.env['SOAK_WORKSTATIONS'] ?? 3);
const seed = Number(process.env['SOAK_SEED'] ?? Date.now() % 2 ** 31);
console.log(
  `soak: ${cycles} cycles, ${workstations} workstations, seed ${seed} (replay with SOAK_SEED=${seed})`,
);

const report = await runSoak({ cycles, workstations, seed, log: (line) => console.log(line) });
const held = (ok: boolean) => (ok ? 'holds' : 'FAILS');
const lost = report.violations.filter((v) => /not on the server|differs/.test(v)).length;
const duplicated = report.violations.filter((v) => /twice|times|repeated|no operator saved/.test(v)).length;
const stranded = report.violations.filter((v) => /outboxes not empty/.test(v)).length;
const diverged = report.violations.filter((v) => /not converged|rejected/.test(v)).length;
console.log(
  [
    `cycles ${report.cycles} in ${(report.durationMs / 1000).toFixed(1)} s; faults ${JSON.stringify(report.faults)}`,
    `replayed pushes answered ${JSON.stringify(report.replayStatuses)}; server responses ${report.serverResponses}`,
    `appeals acknowledged ${report.acknowledged}, on the server ${report.serverAppeals}`,
    `every acknowledged appeal on the server once, same content: ${held(lost === 0)}`,
    `zero duplicates: ${held(duplicated === 0)}`,
    `outboxes empty within 5 s of healing: ${held(stranded === 0)} (${report.drainMs ?? '-'} ms)`,
    `workstations converge to the server: ${held(diverged === 0)} (${report.convergeMs ?? '-'} ms)`,
    `zero 5xx for well-formed requests: ${held(report.serverErrors === 0)} (${report.serverErrors})`,
  ].join('\n'),
);
for (const v of report.violations.slice(0, 50)) console.log(`  violation: ${v}`);
process.exit(report.violations.length === 0 ? 0 : 1);
