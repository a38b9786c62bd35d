// The fault soak: a real server (embedded PostgreSQL) behind the fault proxy, several real
// workstations registering appeals, and random fault cycles (network modes, connection resets,
// workstation crashes mid-push, server restarts mid-transaction, replayed pushes). The seed makes
// the fault schedule repeatable: SOAK_SEED replays a run.
import { startFaultProxy, type FaultMode } from './faultProxy';
import { checkInvariants } from './soakInvariants';
import { createPoisonInjector, POISON_HEADER, type PoisonInjector, type PoisonReport } from './soakPoison';
import { SOAK_PASSWORD, startSoakServer } from './soakServer';
import { startStations, type Station, type Stations } from './soakStations';
import { startLifecycleMix, type LifecycleMix, type LifecycleReport } from './soakLifecycle';
import { seededRandom } from '../../../../src/shared/seededRandom';
export { seededRandom };

export interface SoakOptions {
  cycles: number;
  workstations: number;
  seed: number;
  /**
   * The share of writes that are poison mutations (soakPoison.ts), each of which must end
   * rejected without holding up the rest; default 0 (none).
   */
  poisonShare?: number;
  /**
   * The share of writes that are lifecycle steps (soakLifecycle.ts): an executor's answer or a
   * feedback operator's callback outcome, each of which must reach the server exactly once.
   * Default 0.2; 0: none.
   */
  lifecycleShare?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seed: number;
  cycles: number;
  workstations: number;
  durationMs: number;
  acknowledged: number;
  serverAppeals: number;
  faults: Record<string, number>;
  replayStatuses: Record<string, number>;
  serverResponses: number;
  serverErrors: number;
  drainMs: number | null;
  convergeMs: number | null;
  /** null when no poison was asked for. */
  poison: PoisonReport | null;
  /** null when no lifecycle steps were asked for. */
  lifecycle: Omit<LifecycleReport, 'violations'> | null;
  violations: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Fault = FaultMode | 'reset' | 'crash' | 'restart' | 'replay';

/** Cumulative weights; the network modes dominate, the heavy faults are rarer. */
const SCHEDULE: [Fault, number][] = [
  ['restart', 0.015],
  ['crash', 0.035],
  ['replay', 0.085],
  ['reset', 0.12],
  ['drop', 0.27],
  ['delay', 0.45],
  ['blackhole', 0.6],
  ['cut', 0.78],
  ['pass', 1],
];

export async function runSoak(o: SoakOptions): Promise<SoakReport> {
  const log = o.log ?? (() => undefined);
  // Two streams: the fault schedule draws a fixed number of values per cycle, so a seed replays the
  // same schedule however the timing of the concurrent parts (registrations, sync) turns out.
  const random = seededRandom(o.seed);
  const operators = seededRandom(o.seed ^ 0x0a11ce);
  // Its own stream too, so the other two draw the same values with or without poison.
  const poisonRandom = seededRandom(o.seed ^ 0x9015011);
  const poisonShare = o.poisonShare ?? 0;
  // Its own stream as well: the lifecycle's draws leave the fault schedule as it was.
  const lifecycleRandom = seededRandom(o.seed ^ 0x11fec7c1);
  const lifecycleShare = o.lifecycleShare ?? 0.2;
  const pick = <T>(items: readonly T[], from = random): T => items[Math.floor(from() * items.length)]!;
  const started = Date.now();
  const server = await startSoakServer();
  const proxy = await startFaultProxy({ targetPort: server.port() });
  const faults: Record<string, number> = {};
  const replayStatuses: Record<string, number> = {};
  let stations: Stations | null = null;
  let poison: PoisonInjector | null = null;
  let lifecycle: LifecycleMix | null = null;
  try {
    stations = await startStations(o.workstations, SOAK_PASSWORD, {
      serverUrl: proxy.url,
      random: seededRandom(o.seed ^ 0x5eed),
    });
    const list = stations.list;
    poison = poisonShare > 0 ? createPoisonInjector(stations, { serverUrl: proxy.url }) : null;
    // Behind the same proxy as the operators; the center's side goes to the server directly.
    lifecycle =
      lifecycleShare > 0
        ? await startLifecycleMix(
            SOAK_PASSWORD,
            { serverUrl: proxy.url, random: seededRandom(o.seed ^ 0x5eed11fe) },
            () => `http://127.0.0.1:${server.port()}`,
          )
        : null;
    const registerSome = async (ms: number) => {
      // Operators keep registering whatever the network does; now and then a write is poison.
      const until = Date.now() + ms;
      do {
        const s = pick(list, operators);
        if (lifecycle && lifecycleRandom() < lifecycleShare) await lifecycle.write(lifecycleRandom);
        else if (!(poison && poisonRandom() < poisonShare && poison.inject(s, poisonRandom)))
          await stations!.register(s, 1);
        await sleep(5 + Math.floor(operators() * 15));
      } while (Date.now() < until);
    };

    for (let cycle = 1; cycle <= o.cycles; cycle++) {
      const r = random();
      const fault = SCHEDULE.find(([, w]) => r < w)![0];
      faults[fault] = (faults[fault] ?? 0) + 1;
      const ms = 10 + Math.floor(random() * 50);
      const delayMs = 5 + Math.floor(random() * 60);
      const target = pick(list);
      switch (fault) {
        case 'restart':
          proxy.setMode('pass');
          await Promise.all([registerSome(ms), server.restart().then(() => proxy.setTarget(server.port()))]);
          break;
        case 'crash':
          proxy.setMode('pass');
          if (lifecycle && lifecycleRandom() < 0.25) await lifecycle.crash(lifecycleRandom);
          else await crashMidPush(stations, target, proxy, ms);
          break;
        case 'replay': {
          const captured = proxy.captured();
          const which = random();
          if (captured.length > 0) {
            const status = String(await proxy.replay(captured[Math.floor(which * captured.length)]!));
            replayStatuses[status] = (replayStatuses[status] ?? 0) + 1;
          }
          await registerSome(ms);
          break;
        }
        case 'reset':
          proxy.resetAll();
          await registerSome(ms);
          break;
        case 'pass':
        case 'drop':
        case 'delay':
        case 'blackhole':
        case 'cut':
          proxy.setMode(fault, fault === 'delay' ? delayMs : 0);
          await registerSome(ms);
          break;
        default:
          throw new Error(`unknown fault ${fault satisfies never}`);
      }
      // The center routes new appeals to the executor and accepts its answers now and then.
      if (lifecycle && cycle % 5 === 0) await lifecycle.dispatch();
      if (cycle % 250 === 0 || cycle === o.cycles)
        log(`cycle ${cycle}/${o.cycles}: ${acknowledgedCount(list)} appeals acknowledged`);
    }

    // Heal: the network passes, crashed workstations come back.
    proxy.setMode('pass');
    for (const s of list) await stations.reopen(s);
    await lifecycle?.reopenAll();
    // Poison pushes still unanswered get their last chance now the network is back.
    await poison?.settle(10_000);
    const checked = await checkInvariants(stations, server.admin, server.errors, {
      drainWithinMs: 5_000,
      convergeWithinMs: 15_000,
      ...(poison ? { poison: { entityIds: poison.entityIds(), mutationIds: poison.mutationIds() } } : {}),
    });
    const poisoned = poison ? await poison.verify(server.admin) : null;
    const stepped = lifecycle ? await lifecycle.verify(server.admin, 5_000) : null;
    return {
      seed: o.seed,
      cycles: o.cycles,
      workstations: o.workstations,
      durationMs: Date.now() - started,
      acknowledged: acknowledgedCount(list),
      serverAppeals: checked.serverAppeals,
      faults: { ...faults, serverRestarts: server.restarts() },
      replayStatuses,
      serverResponses: server.responses(),
      serverErrors: server.errors.length,
      drainMs: checked.drainMs,
      convergeMs: checked.convergeMs,
      poison: poisoned,
      lifecycle: stepped && withoutViolations(stepped),
      violations: [...checked.violations, ...(poisoned?.violations ?? []), ...(stepped?.violations ?? [])],
    };
  } finally {
    await poison?.settle(0);
    lifecycle?.close();
    stations?.closeAll();
    await proxy.close();
    await server.close();
  }
}

const withoutViolations = ({ violations: _v, ...rest }: LifecycleReport) => rest;

const acknowledgedCount = (list: Station[]) => list.reduce((n, s) => n + s.acknowledged.size, 0);

/**
 * Registers on `s` and closes its store the moment its next push leaves for the server: the server
 * applies the batch, the answer lands on a dead workstation. Then the workstation starts again.
 */
async function crashMidPush(
  stations: Stations,
  s: Station,
  proxy: Awaited<ReturnType<typeof startFaultProxy>>,
  ms: number,
): Promise<void> {
  if (!s.w) await stations.reopen(s);
  let seen: () => void = () => undefined;
  const pushed = new Promise<void>((resolve) => (seen = resolve));
  proxy.onCapture((raw) => {
    const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('latin1').toLowerCase();
    if (head.includes(`\r\n${POISON_HEADER}:`)) return; // the soak's own push, not the workstation's
    const body = raw.subarray(raw.indexOf('\r\n\r\n') + 4).toString('utf8');
    if (body.includes(`"deviceId":"${s.deviceId}"`)) {
      stations.crash(s);
      seen();
    }
  });
  await stations.register(s, 2);
  await Promise.race([pushed, sleep(500)]);
  proxy.onCapture(null);
  stations.crash(s);
  await sleep(ms);
  await stations.reopen(s);
}
