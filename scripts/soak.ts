// The long fault soak: the CI fault suite (tests/integration/sync/fault) at 10,000 cycles.
//   npm run soak          SOAK_CYCLES=N to change the count, SOAK_SEED=S to replay a run,
//                         SOAK_WORKSTATIONS=N for more workstations (default 3),
//                         SOAK_POISON=share of writes that are poison mutations (default 0.01; 0: none),
//                         SOAK_LIFECYCLE=share of writes that are lifecycle steps (default 0.2; 0: none):
//                         an executor's answer or a feedback outcome, each applied exactly once.
// Poison (tests/integration/sync/fault/soakPoison.ts): NUL or a lone surrogate in text, a creation time
// that is not a date, a received date outside the calendar, an official number past any sequence,
// queued in a workstation's outbox or pushed beside it with its token and device id. Each must end
// rejected, never applied, never waiting, never holding up the valid changes queued after it.
// Exits 1 when an invariant does not hold.
import { runSoak } from '../tests/integration/sync/fault/runSoak';

const cycles = Number(process.env['SOAK_CYCLES'] ?? 10_000);
const workstations = Number(process.env['SOAK_WORKSTATIONS'] ?? 3);
const seed = Number(process.env['SOAK_SEED'] ?? Date.now() % 2 ** 31);
const poisonShare = Number(process.env['SOAK_POISON'] ?? 0.01);
console.log(
  `soak: ${cycles} cycles, ${workstations} workstations, seed ${seed} (replay with SOAK_SEED=${seed}), ` +
    `poison ${(poisonShare * 100).toFixed(1)}% of writes`,
);

const lifecycleShare = Number(process.env['SOAK_LIFECYCLE'] ?? 0.2);
const report = await runSoak({
  cycles,
  workstations,
  seed,
  poisonShare,
  lifecycleShare,
  log: (line) => console.log(line),
});
const held = (ok: boolean) => (ok ? 'holds' : 'FAILS');
const poisoned = report.violations.filter((v) => v.startsWith('poison '));
const lifecycleViolations = report.violations.filter((v) => /^(executor1|feedback|lifecycle) /.test(v));
const others = report.violations.filter((v) => !v.startsWith('poison ') && !lifecycleViolations.includes(v));
const lost = others.filter((v) => /not on the server|differs/.test(v)).length;
const duplicated = others.filter((v) => /twice|times|repeated|no operator saved/.test(v)).length;
const stranded = others.filter((v) => /outboxes not empty/.test(v)).length;
const diverged = others.filter((v) => /not converged|rejected/.test(v)).length;
const p = report.poison;
const counts = (o: Record<string, { injected: number; rejected: number }>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v.rejected}/${v.injected}`)
    .join(', ');
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
    ...(report.lifecycle
      ? [
          `lifecycle steps: executor answers ${report.lifecycle.answers}, feedback outcomes ${report.lifecycle.outcomes} ` +
            `(the center routed ${report.lifecycle.routed}, accepted ${report.lifecycle.accepted} on the server)`,
          `every lifecycle step on the server exactly once, none refused, drained: ${held(lifecycleViolations.length === 0)} ` +
            `(${report.lifecycle.drainMs ?? '-'} ms)`,
        ]
      : []),
    ...(p
      ? [
          `poison mutations injected ${p.injected}, rejected ${p.rejected} ` +
            `(${Object.entries(p.byEnd)
              .map(([end, n]) => `${end} ${n}`)
              .join(', ')}); valid appeals pushed after them ${p.companions}`,
          `  rejected/injected by kind: ${counts(p.byKind)}`,
          `  rejected/injected by route: ${counts(p.byRoute)}`,
          `every poison mutation rejected, never applied, waiting or holding up the rest: ${held(poisoned.length === 0)}`,
        ]
      : []),
  ].join('\n'),
);
// The soak's own violations first, then the poison's, so neither hides the other.
for (const v of [...others.slice(0, 30), ...lifecycleViolations.slice(0, 30), ...poisoned.slice(0, 30)])
  console.log(`  violation: ${v}`);
process.exit(report.violations.length === 0 ? 0 : 1);
