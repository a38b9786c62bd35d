// The mass-incident detector at scale (issue 14: <= 5 ms of server time per new appeal at 1,000,000
// appeals). A server database with BENCH_INCIDENT_APPEALS appeals (default 1,000,000) spread over a
// year, 400,000 buildings and every question type, seeded the way the other server benchmarks seed
// (copies of one appeal the server created); then new appeals arrive as a push queues them (a
// quarter at a few hundred "hot" buildings, so incidents form and grow) and the detector's own scan
// (src/server/incidents/detector.ts `scanOnce`) works them off. Beside it, the bare baseline of the
// same engine in the same run: the neighbour lookup alone, the indexed statement the detector sends.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/server/app';
import { serverConfig } from '../../src/server/config';
import { migrate } from '../../src/server/db/migrate';
import { createPool, type Pool } from '../../src/server/db/pool';
import { demoUsers, seedReference, seedUsers } from '../../src/server/db/seed';
import { freePort, startEmbeddedPostgres } from '../../src/server/embedded';
import { scanOnce } from '../../src/server/incidents/detector';
import { DEFAULT_INCIDENT_RULES } from '../../src/shared/incidents/detect';
import { percentile, type BenchRow } from '../report';
import { BENCH_PASSWORD, pushTemplateAppeal, signIn } from '../serverSetup';

export const INCIDENT_APPEALS = Number(process.env['BENCH_INCIDENT_APPEALS'] || 1_000_000);
const NEW_APPEALS = 2_000;
const SINGLE_SAMPLES = 300;
const BUILDINGS = 400_000;
const HOT_BUILDINGS = 100;

/** `count` copies of the template with their own building, time (the past year) and question type. */
async function seedSpread(pool: Pool, templateId: string, count: number): Promise<void> {
  const chunk = 50_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    await pool.query(
      `WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM categories),
       g AS (SELECT i, gen_random_uuid() AS id FROM generate_series($2::bigint + 1, $2::bigint + $3::bigint) AS i)
       INSERT INTO appeals (id, official_number, center_code, year, provisional_number, device_id, operator_id,
         type, status, result, version, priority, received_on, deadline_on, category_id, executor_id,
         building_key, record, created_at, updated_at)
       SELECT g.id, '1551-2025-' || lpad(g.i::text, 7, '0'), t.center_code, 2025, 'S-' || g.i, t.device_id,
         t.operator_id, t.type, t.status, t.result, t.version, t.priority, t.received_on, t.deadline_on,
         c.ids[(1 + (g.i * 7919) % array_length(c.ids, 1))::int], t.executor_id,
         'київ|вулиця ' || ((g.i * 104729) % ($4::int / 50)) || '|' || (1 + (g.i * 15485863) % 50),
         t.record || jsonb_build_object('id', g.id::text),
         now() - make_interval(secs => ((g.i * 2654435761) % (365 * 86400))::double precision),
         t.updated_at
         FROM g CROSS JOIN c CROSS JOIN (SELECT * FROM appeals WHERE id = $1::uuid) t`,
      [templateId, done, n, BUILDINGS],
    );
  }
}

/** New appeals made now, queued for the detector as a push queues them; their ids. */
async function arrive(
  pool: Pool,
  templateId: string,
  count: number,
  round: number,
  hotSet = round,
): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH g AS (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $2::int) AS i),
     ins AS (
       INSERT INTO appeals (id, official_number, center_code, year, provisional_number, device_id, operator_id,
         type, status, result, version, priority, received_on, deadline_on, category_id, executor_id,
         building_key, record, created_at, updated_at)
       SELECT g.id, NULL, t.center_code, 2026, 'N-' || $3::int || '-' || g.i, t.device_id, t.operator_id, t.type,
         t.status, t.result, t.version, t.priority, t.received_on, t.deadline_on,
         CASE WHEN g.i % 4 = 0 THEN 't-cfc53634' ELSE t.category_id END,
         t.executor_id,
         CASE WHEN g.i % 4 = 0 THEN 'київ|гаряча ' || $6::int || '-' || (g.i % $4::int) || '|1'
              ELSE 'київ|вулиця ' || ((g.i * 7793 + $3::int) % ($5::int / 50)) || '|' || (1 + g.i % 50) END,
         t.record || jsonb_build_object('id', g.id::text), now(), now()
         FROM g CROSS JOIN (SELECT * FROM appeals WHERE id = $1::uuid) t
       RETURNING id
     )
     INSERT INTO incident_pending (appeal_id) SELECT id FROM ins RETURNING appeal_id::text AS id`,
    [templateId, count, round, HOT_BUILDINGS, BUILDINGS, hotSet],
  );
  return rows.map((r) => r.id);
}

/**
 * CPU time (ms) of this process plus every process of the embedded cluster (the postmaster and its
 * children, the backends doing the work): server time that waiting for a busy CPU does not inflate.
 */
function cpuMs(postmaster: number): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) !== postmaster && Number(fields[1]) !== postmaster) continue;
    total += ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
  }
  const own = process.cpuUsage();
  return total + (own.user + own.system) / 1000;
}

async function postmasterOf(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const stat = readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

const row = (name: string, value: number, target: number | null, unit = 'ms'): BenchRow => ({
  name,
  value,
  unit,
  target: target === null ? 'baseline' : `<= ${target} ${unit}`,
  pass: target === null ? null : value <= target,
});

/**
 * The server in this process with its own scan off (this process times the scan), on an embedded
 * PostgreSQL migrated and seeded like `npm run server`; the template appeal pushed through it.
 */
async function startServer(): Promise<{ pool: Pool; templateId: string; stop(): Promise<void> }> {
  const parent = mkdtempSync(join(tmpdir(), 'bench-incidents-'));
  const db = await startEmbeddedPostgres({ dataDir: join(parent, 'cluster'), port: await freePort() });
  const pool = createPool(db.url, 10);
  await migrate(pool);
  await seedReference(pool);
  await seedUsers(pool, demoUsers(BENCH_PASSWORD));
  const app = buildServer({
    pool,
    config: serverConfig({ incidents: { ...DEFAULT_INCIDENT_RULES, scanMs: 0 } }, {}),
    logger: false,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const templateId = await pushTemplateAppeal(url, await signIn(url, 'operator1'));
  await app.close();
  return {
    pool,
    templateId,
    async stop() {
      await pool.end();
      await db.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export async function runIncidentBench(): Promise<BenchRow[]> {
  const server = await startServer();
  const templateId = server.templateId;
  const rows: BenchRow[] = [];
  try {
    await server.pool.query('DELETE FROM incident_pending');
    const seeding = performance.now();
    await seedSpread(server.pool, templateId, INCIDENT_APPEALS);
    await server.pool.query('VACUUM ANALYZE appeals');
    console.log(
      `seeded ${INCIDENT_APPEALS.toLocaleString('en')} appeals in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );
    const rules = DEFAULT_INCIDENT_RULES;

    // Warm-up round: the caches a running server has.
    await arrive(server.pool, templateId, 500, 0);
    while ((await scanOnce(server.pool, rules)).examined > 0);

    // The detector as it runs: batches of up to 200 queued appeals per transaction. Two rounds: the
    // hot buildings' appeals form incidents in the first and join them in the second.
    let elapsed = 0;
    let cpu = 0;
    const postmaster = await postmasterOf(server.pool);
    const total = { examined: 0, formed: 0, attached: 0 };
    for (const [round, hotSet] of [
      [1, 1],
      [3, 1],
    ] as const) {
      await arrive(server.pool, templateId, NEW_APPEALS / 2, round, hotSet);
      const started = performance.now();
      const cpuBefore = cpuMs(postmaster);
      for (;;) {
        const r = await scanOnce(server.pool, rules);
        if (r.examined === 0) break;
        total.examined += r.examined;
        total.formed += r.formed;
        total.attached += r.attached;
      }
      elapsed += performance.now() - started;
      cpu += cpuMs(postmaster) - cpuBefore;
    }
    const perAppeal = elapsed / total.examined;
    console.log(
      `  (${total.examined} new appeals: ${total.formed} incidents formed, ${total.attached} appeals joined one)`,
    );
    rows.push(row('incident detection per new appeal (batched scan), mean', perAppeal, 5));
    rows.push(row('  the same in CPU time (this process + PostgreSQL), mean', cpu / total.examined, 5));

    // One appeal per transaction: the cost when appeals trickle in one by one.
    const single = await arrive(server.pool, templateId, SINGLE_SAMPLES, 2);
    const singles: number[] = [];
    for (let i = 0; i < single.length; i++) {
      const t0 = performance.now();
      await scanOnce(server.pool, rules, 1);
      singles.push(performance.now() - t0);
    }
    console.log(
      `  (one appeal per scan: p50 ${percentile(singles, 50).toFixed(2)} ms, p95 ${percentile(singles, 95).toFixed(2)} ms)`,
    );
    rows.push(row('incident detection, one appeal per scan, p95', percentile(singles, 95), 5));

    // The bare baseline: the neighbour lookup alone for the same appeals, straight to PostgreSQL.
    const { rows: sample } = await server.pool.query<{
      building_key: string;
      created_at: Date;
      group_id: string;
    }>(
      `SELECT a.building_key, a.created_at, c.group_id FROM appeals a JOIN categories c ON c.id = a.category_id
        WHERE a.id = ANY($1::uuid[])`,
      [single],
    );
    const bare: number[] = [];
    const bareCpuBefore = cpuMs(postmaster);
    for (const s of sample) {
      const t0 = performance.now();
      await server.pool.query(
        `SELECT a.id FROM appeals a JOIN categories c ON c.id = a.category_id
          WHERE a.building_key = $1
            AND a.created_at BETWEEN $2::timestamptz - make_interval(mins => $3) AND $2::timestamptz + make_interval(mins => $3)
            AND c.group_id = $4 LIMIT 500`,
        [s.building_key, s.created_at, rules.windowMinutes, s.group_id],
      );
      bare.push(performance.now() - t0);
    }
    const bareCpu = (cpuMs(postmaster) - bareCpuBefore) / sample.length;
    // And the same lookup in a transaction of its own: what one appeal per scan is to be compared with.
    const bareTx: number[] = [];
    const client = await server.pool.connect();
    try {
      for (const s of sample) {
        const t0 = performance.now();
        await client.query('BEGIN');
        await client.query(
          `SELECT a.id FROM appeals a JOIN categories c ON c.id = a.category_id
            WHERE a.building_key = $1 AND c.group_id = $4
              AND a.created_at BETWEEN $2::timestamptz - make_interval(mins => $3) AND $2::timestamptz + make_interval(mins => $3)
            LIMIT 500`,
          [s.building_key, s.created_at, rules.windowMinutes, s.group_id],
        );
        await client.query('COMMIT');
        bareTx.push(performance.now() - t0);
      }
    } finally {
      client.release();
    }
    rows.push(row('bare indexed neighbour lookup, p95 (baseline)', percentile(bare, 95), null));
    rows.push(row('bare lookup in its own transaction, p95 (baseline)', percentile(bareTx, 95), null));
    rows.push(
      row(
        'bare indexed neighbour lookup, mean (baseline)',
        bare.reduce((a, b) => a + b, 0) / bare.length,
        null,
      ),
    );
    rows.push(row('  the same in CPU time (this process + PostgreSQL), mean', bareCpu, null));
    const { rows: plan } = await server.pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT a.id FROM appeals a WHERE a.building_key = 'київ|вулиця 1|1'
         AND a.created_at BETWEEN now() - interval '2 hours' AND now() + interval '2 hours'`,
    );
    console.log(
      `  (load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores while measuring)`,
    );
    console.log(`  (neighbour lookup plan: ${plan.map((p) => p['QUERY PLAN'].trim()).join(' / ')})`);
  } finally {
    await server.stop();
  }
  return rows;
}
