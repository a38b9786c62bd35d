// The promises the fault suite holds the system to, checked once the network has healed.
import { isDeepStrictEqual } from 'node:util';
import type { Appeal } from '../../../../src/shared/domain/appeal';
import type { Pool } from '../../../../src/server/db/pool';
import { SERVER_ASSIGNED_APPEAL_FIELDS } from '../../../../src/shared/sync/protocol';
import { lastError, localAppeal, type Station, type Stations } from './soakStations';
import type { ServerError } from './soakServer';

/** Fields the server owns or advances; everything else must arrive exactly as the operator saved it. */
const SERVER_FIELDS = new Set<string>(SERVER_ASSIGNED_APPEAL_FIELDS);

export interface InvariantReport {
  drainMs: number | null;
  convergeMs: number | null;
  serverAppeals: number;
  violations: string[];
}

interface ServerRow {
  id: string;
  official_number: string | null;
  status: string;
  record: Appeal;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function checkInvariants(
  stations: Stations,
  admin: Pool,
  serverErrors: ServerError[],
  o: {
    drainWithinMs: number;
    convergeWithinMs: number;
    /**
     * Poison the soak injected (soakPoison.ts): checked there, so these appeals and rejections are
     * left out here. Everything else must still be applied, and nothing else rejected.
     */
    poison?: { entityIds: ReadonlySet<string>; mutationIds: ReadonlySet<string> };
  },
): Promise<InvariantReport> {
  const poisonEntities = o.poison?.entityIds ?? new Set<string>();
  const poisonMutations = o.poison?.mutationIds ?? new Set<string>();
  const violations: string[] = [];
  const healedAt = Date.now();

  // No stuck queue: every outbox drains on its own once the network is back.
  let drainMs: number | null = null;
  while (Date.now() - healedAt <= o.drainWithinMs) {
    const waiting = await Promise.all(stations.list.map((s) => stations.waiting(s)));
    if (waiting.every((n) => n === 0)) {
      drainMs = Date.now() - healedAt;
      break;
    }
    await sleep(20);
  }
  if (drainMs === null) {
    const waiting = await Promise.all(stations.list.map((s) => stations.waiting(s)));
    const errors = await Promise.all(stations.list.map((s) => lastError(s)));
    // How late, if at all: tells a slow drain from a stuck queue.
    let lateMs: number | null = null;
    while (lateMs === null && Date.now() - healedAt < 30_000) {
      await sleep(100);
      const still = await Promise.all(stations.list.map((s) => stations.waiting(s)));
      if (still.every((n) => n === 0)) lateMs = Date.now() - healedAt;
    }
    violations.push(
      `outboxes not empty ${o.drainWithinMs} ms after healing: ${waiting.join(', ')} (${errors.join('; ')}); ` +
        (lateMs === null ? 'still not empty after 30 s' : `empty after ${lateMs} ms`),
    );
  }

  const { rows } = await admin.query<ServerRow>(
    'SELECT id::text, official_number, status, record FROM appeals ORDER BY id',
  );
  const onServer = new Map<string, ServerRow>();
  for (const row of rows) {
    if (onServer.has(row.id)) violations.push(`appeal ${row.id} is on the server twice`);
    onServer.set(row.id, row);
  }
  const provisional = await admin.query<{ n: string; count: string }>(
    `SELECT record->>'provisionalNumber' AS n, count(*)::text AS count FROM appeals
     GROUP BY 1 HAVING count(*) > 1`,
  );
  for (const d of provisional.rows)
    violations.push(`provisional number ${d.n} is on the server ${d.count} times`);
  const numbers = new Set(rows.map((r) => r.official_number));
  if (numbers.size !== rows.length || numbers.has(null))
    violations.push('official numbers are missing or repeated on the server');

  // Routed by the lifecycle (soakLifecycle.ts): the executor is the one it was assigned to.
  const routed = new Set(
    (
      await admin.query<{ id: string }>(
        `SELECT DISTINCT appeal_id::text AS id FROM appeal_history WHERE kind = 'transition'`,
      )
    ).rows.map((r) => r.id),
  );
  // Every acknowledged appeal arrived exactly once with the content the operator saved.
  const acknowledged = new Map<string, Appeal>();
  for (const s of stations.list) for (const [id, a] of s.acknowledged) acknowledged.set(id, a);
  for (const [id, saved] of acknowledged) {
    const row = onServer.get(id);
    if (!row) {
      violations.push(`acknowledged appeal ${id} is not on the server`);
      continue;
    }
    const differs = Object.keys(saved).filter(
      (k) =>
        !SERVER_FIELDS.has(k) &&
        !(k === 'executorId' && routed.has(id)) &&
        !isDeepStrictEqual(saved[k as keyof Appeal], row.record[k as keyof Appeal]),
    );
    if (differs.length > 0) violations.push(`appeal ${id} differs on the server in: ${differs.join(', ')}`);
  }
  for (const id of onServer.keys())
    if (!acknowledged.has(id) && !poisonEntities.has(id))
      violations.push(`appeal ${id} is on the server but no operator saved it`);

  // Every workstation converges to the server's numbers and statuses.
  let convergeMs: number | null = null;
  let behind = new Map<Station, string[]>(stations.list.map((s) => [s, [...onServer.keys()]]));
  const started = Date.now();
  for (;;) {
    const next = new Map<Station, string[]>();
    for (const [s, ids] of behind) {
      const still: string[] = [];
      for (const id of ids) {
        const local = await localAppeal(s, id);
        const row = onServer.get(id)!;
        if (!local || local.officialNumber !== row.official_number || local.status !== row.status)
          still.push(id);
      }
      if (still.length > 0) next.set(s, still);
    }
    behind = next;
    if (behind.size === 0) {
      convergeMs = Date.now() - started;
      break;
    }
    if (Date.now() - started > o.convergeWithinMs) break;
    await sleep(100);
  }
  for (const [s, ids] of behind)
    violations.push(`${s.name} has not converged on ${ids.length} appeals (e.g. ${ids[0]})`);

  for (const s of stations.list) {
    const rejected = stations
      .withStore(
        s,
        (store) =>
          store.db
            .prepare('SELECT mutation_id AS id, seq, code, message FROM outbox_rejected ORDER BY seq')
            .all() as { id: string; seq: number; code: string; message: string }[],
      )
      .filter((r) => !poisonMutations.has(r.id));
    if (rejected.length > 0)
      violations.push(
        `${s.name} has ${rejected.length} rejected mutations (e.g. seq ${rejected[0]!.seq}, ${rejected[0]!.code}: ${rejected[0]!.message})`,
      );
  }
  for (const e of serverErrors) violations.push(`server answered ${e.status} to ${e.method} ${e.url}`);
  return { drainMs, convergeMs, serverAppeals: rows.length, violations };
}
