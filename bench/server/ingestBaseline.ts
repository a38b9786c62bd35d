// Bare baselines of the server's ingest figure (bench/server.ts): the same engine, the same database
// and the same data, driven by plain statements with everything else done before the clock starts.
// Beside the project's figure they show how much of it is the engine's own work: the rows a push of new appeals writes (src/server/sync/createRecords.ts and
//   applyMutation.ts), as plain multi-row INSERTs over pool connections to the server's database
//   (same tables, indexes and triggers), with as many appeals, as many concurrent connections and
//   as many appeals per transaction as the HTTP clients push. (a) the appeals rows alone; (b) with
//   every row the push writes per appeal in the same transaction. The records are copies of one the
//   server created, so the bytes are the same. Project and bare alternate in rounds, so load from
//   outside falls on both alike: the machine's, and the server's mass-incident detector, which
//   works off its queue in the background throughout (the bench's appeals are all at one building).
import { randomUUID } from 'node:crypto';
import { withTransaction, type Pool, type PoolClient } from '../../src/server/db/pool';
import { refreshTotals } from '../../src/server/incidents/store';
import type { BenchRow } from '../report';
import { appealsPerSecond, ingestRow, prepareIngest, type IngestPlan, type IngestRun } from '../serverLoad';
import { benchAppeal } from '../serverSetup';
import { baseline } from './baselineRow';

const INGEST_ROUNDS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Ingest

/** The columns of the appeal the server created first; the bare appeals copy them. */
interface TemplateAppeal {
  center_code: string;
  year: number;
  operator_id: string;
  type: string;
  priority: boolean;
  received_on: string;
  deadline_on: string;
  category_id: string;
  executor_id: string;
  building_key: string | null;
  record: Record<string, unknown>;
}

async function readTemplate(pool: Pool, id: string): Promise<TemplateAppeal> {
  const { rows } = await pool.query<TemplateAppeal>(
    `SELECT center_code, year, operator_id, type, priority, received_on::text, deadline_on::text, category_id,
            executor_id, building_key, record
       FROM appeals WHERE id = $1`,
    [id],
  );
  if (!rows[0]) throw new Error(`ingest baseline: no appeal ${id}`);
  return rows[0];
}

interface Statement {
  text: string;
  values: unknown[];
}

/** `INSERT INTO table (columns) VALUES (...), (...)`, one placeholder per value. */
function multiRowInsert(table: string, columns: readonly string[], rows: readonly unknown[][]): Statement {
  const width = columns.length;
  const tuples = rows.map((_, r) => `(${columns.map((_, c) => `$${r * width + c + 1}`).join(', ')})`);
  return {
    text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
    values: rows.flat(),
  };
}

/** One new appeal as the push writes it; the official number is out of reach of the server's sequence. */
interface BareAppeal {
  id: string;
  officialNumber: string;
  provisionalNumber: string;
  createdAt: string;
  record: string;
}

let bareNumbers = 0;
function bareAppeal(t: TemplateAppeal): BareAppeal {
  const { id, provisionalNumber, createdAt } = benchAppeal();
  const officialNumber = `${t.center_code}-${t.year}-${900_000_000 + ++bareNumbers}`;
  const record = JSON.stringify({ ...t.record, id, provisionalNumber, createdAt, officialNumber });
  return { id, officialNumber, provisionalNumber, createdAt, record };
}

const APPEAL_COLUMNS_WRITTEN = [
  'id',
  'official_number',
  'center_code',
  'year',
  'provisional_number',
  'device_id',
  'operator_id',
  'type',
  'status',
  'result',
  'version',
  'priority',
  'received_on',
  'deadline_on',
  'category_id',
  'executor_id',
  'building_key',
  'record',
  'created_at',
  'updated_at',
];

/** (a) The appeals rows of one batch, every column the push's INSERT sets. */
function appealsInsert(t: TemplateAppeal, deviceId: string, appeals: readonly BareAppeal[]): Statement {
  const now = new Date().toISOString();
  return multiRowInsert(
    'appeals',
    APPEAL_COLUMNS_WRITTEN,
    appeals.map((a) => [
      a.id,
      a.officialNumber,
      t.center_code,
      t.year,
      a.provisionalNumber,
      deviceId,
      t.operator_id,
      t.type,
      'registered',
      null,
      1,
      t.priority,
      t.received_on,
      t.deadline_on,
      t.category_id,
      t.executor_id,
      t.building_key,
      a.record,
      a.createdAt,
      now,
    ]),
  );
}

/**
 * (b) The rows the push writes beside each new appeal in its transaction: the ledger row of the
 * mutation (claimed, then marked applied: here written once, applied), the history and audit rows,
 * the change_log row the pulls read, and the detector's queue row.
 */
function bookkeepingInserts(
  userId: string,
  deviceId: string,
  firstSeq: number,
  appeals: readonly BareAppeal[],
): { before: Statement[]; after: Statement[] } {
  const ledger = multiRowInsert(
    'sync_ledger',
    ['device_id', 'seq', 'mutation_id', 'mutation_type', 'entity_id', 'user_id', 'status', 'result'],
    appeals.map((a, i) => [
      deviceId,
      firstSeq + i,
      randomUUID(),
      'appeal.create',
      a.id,
      userId,
      'applied',
      JSON.stringify({ officialNumber: a.officialNumber }),
    ]),
  );
  const history = multiRowInsert(
    'appeal_history',
    ['appeal_id', 'user_id', 'device_id', 'kind', 'version', 'status_after', 'change'],
    appeals.map((a) => [
      a.id,
      userId,
      deviceId,
      'created',
      1,
      'registered',
      JSON.stringify({
        action: 'registered',
        officialNumber: a.officialNumber,
        via: 'sync',
        deviceId,
        version: 1,
      }),
    ]),
  );
  const audit = multiRowInsert(
    'audit_log',
    ['user_id', 'action', 'appeal_id', 'details'],
    appeals.map((a) => [userId, 'appeal.create', a.id, JSON.stringify({ via: 'sync', deviceId })]),
  );
  const changes = multiRowInsert(
    'change_log',
    ['entity_type', 'entity_id', 'payload'],
    appeals.map((a) => ['appeal', a.id, '{"op":"create","version":1}']),
  );
  const queued = multiRowInsert(
    'incident_pending',
    ['appeal_id'],
    appeals.map((a) => [a.id]),
  );
  // In the push's order: the ledger claim first, the detector's queue last.
  return { before: [ledger], after: [history, audit, changes, queued] };
}

interface BareIngest {
  label: string;
  /** Every appeal id and device (ledger key) it writes, for the clean-up. */
  ids: string[];
  devices: string[];
  run(batches: number): Promise<IngestRun>;
}

/**
 * Statements for as many batches per connection as the project pushes per client, built now: per
 * batch one transaction, `withBookkeeping` adding the rows of (b) to the appeals rows of (a).
 */
function prepareBareIngest(
  pool: Pool,
  t: TemplateAppeal,
  plan: Pick<IngestPlan, 'clients' | 'batch' | 'batchesPerClient'>,
  withBookkeeping: boolean,
): BareIngest {
  const ids: string[] = [];
  const devices: string[] = [];
  const connections = Array.from({ length: plan.clients }, () => {
    const deviceId = randomUUID();
    devices.push(deviceId);
    return Array.from({ length: plan.batchesPerClient }, (_, b) => {
      const appeals = Array.from({ length: plan.batch }, () => bareAppeal(t));
      ids.push(...appeals.map((a) => a.id));
      const rows = appealsInsert(t, deviceId, appeals);
      if (!withBookkeeping) return [rows];
      const { before, after } = bookkeepingInserts(t.operator_id, deviceId, b * plan.batch + 1, appeals);
      return [...before, rows, ...after];
    });
  });
  let done = 0;
  return {
    label: withBookkeeping ? 'bare (b), with bookkeeping' : 'bare (a), appeals alone',
    ids,
    devices,
    async run(batches) {
      const from = done;
      done += batches;
      const started = performance.now();
      await Promise.all(
        connections.map(async (mine) => {
          for (const statements of mine.slice(from, done)) {
            await withTransaction(pool, async (client) => {
              for (const s of statements) await client.query(s.text, s.values);
            });
          }
        }),
      );
      return { applied: plan.clients * batches * plan.batch, seconds: (performance.now() - started) / 1000 };
    },
  };
}

/**
 * The bare appeals and every row that names them, so the later parts (the fleet, the drain, the
 * first sync of exactly FIRST_SYNC_APPEALS) see only what the server wrote; then VACUUM, so the
 * dead rows cost them nothing either. The detector's queue rows go first, in a transaction of their
 * own (it waits for a scan that holds some of them): no scan takes a bare appeal after that. The
 * links the detector made to bare appeals go with them, and the incidents they were in get their
 * totals back; a scan that links one meanwhile (it forms an incident with it) is waited for and the
 * delete tried again.
 */
async function deleteBareRows(pool: Pool, ids: readonly string[], devices: readonly string[]): Promise<void> {
  await pool.query('DELETE FROM incident_pending WHERE appeal_id = ANY($1::uuid[])', [ids]);
  for (let attempt = 1; ; attempt++) {
    try {
      await withTransaction(pool, (client) => deleteBareAppeals(client, ids, devices));
      break;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 5 || (code !== '23503' && code !== '40P01')) throw e;
      await sleep(500);
    }
  }
  await pool.query(
    'VACUUM ANALYZE appeals, appeal_history, audit_log, change_log, sync_ledger, incident_pending, incident_appeals, incidents',
  );
}

async function deleteBareAppeals(
  client: PoolClient,
  ids: readonly string[],
  devices: readonly string[],
): Promise<void> {
  await unlinkFromIncidents(client, ids);
  await client.query('DELETE FROM appeal_history WHERE appeal_id = ANY($1::uuid[])', [ids]);
  await client.query('DELETE FROM audit_log WHERE appeal_id = ANY($1::uuid[])', [ids]);
  await client.query(`DELETE FROM change_log WHERE entity_type = 'appeal' AND entity_id = ANY($1::text[])`, [
    ids,
  ]);
  await client.query('DELETE FROM sync_ledger WHERE device_id = ANY($1::uuid[])', [devices]);
  const gone = await client.query('DELETE FROM appeals WHERE id = ANY($1::uuid[])', [ids]);
  if (gone.rowCount !== ids.length)
    throw new Error(`ingest baseline: ${gone.rowCount} of ${ids.length} deleted`);
}

async function unlinkFromIncidents(client: PoolClient, ids: readonly string[]): Promise<void> {
  const { rows } = await client.query<{ incident_id: string }>(
    'DELETE FROM incident_appeals WHERE appeal_id = ANY($1::uuid[]) RETURNING incident_id::text',
    [ids],
  );
  const touched = [...new Set(rows.map((r) => r.incident_id))];
  if (touched.length === 0) return;
  await refreshTotals(client, touched);
  await client.query(
    `DELETE FROM incidents i WHERE i.id = ANY($1::uuid[]) AND i.appeal_count = 0
        AND NOT EXISTS (SELECT 1 FROM incidents m WHERE m.merged_into = i.id)`,
    [touched],
  );
}

/** `total` batches split as evenly as it goes into `rounds` (25 into 3: 9, 8, 8). */
const splitRounds = (total: number, rounds: number): number[] =>
  Array.from({ length: rounds }, (_, r) => Math.floor(total / rounds) + (r < total % rounds ? 1 : 0));

/**
 * The server's ingest (appeals/s over real HTTP, bench/serverLoad.ts) beside the bare baselines (a)
 * and (b), the three alternating in rounds, each engine in every position once. `templateId` is an
 * appeal the server created (the bare records copy it).
 */
export async function measureIngestBesideBare(
  pool: Pool,
  serverUrl: string,
  templateId: string,
): Promise<BenchRow[]> {
  const plan = await prepareIngest(serverUrl);
  const template = await readTemplate(pool, templateId);
  const alone = prepareBareIngest(pool, template, plan, false);
  const kept = prepareBareIngest(pool, template, plan, true);
  const engines = [{ label: 'project (HTTP push)', run: (n: number) => plan.run(n) }, alone, kept].map(
    (e) => ({ ...e, runs: [] as IngestRun[] }),
  );
  const rounds = splitRounds(plan.batchesPerClient, INGEST_ROUNDS);
  for (const [r, batches] of rounds.entries()) {
    for (let k = 0; k < engines.length; k++) {
      const engine = engines[(r + k) % engines.length]!;
      const run = await engine.run(batches);
      engine.runs.push(run);
      console.log(
        `  (ingest round ${r + 1}, ${engine.label}: ${run.applied} appeals in ${run.seconds.toFixed(2)} s, ${(run.applied / run.seconds).toFixed(0)}/s)`,
      );
    }
  }
  const cleaning = performance.now();
  await deleteBareRows(pool, [...alone.ids, ...kept.ids], [...alone.devices, ...kept.devices]);
  console.log(`  (the bare rows deleted in ${((performance.now() - cleaning) / 1000).toFixed(1)} s)`);
  const [project, bareAlone, bareKept] = engines.map((e) => e.runs);
  const shape = `${plan.clients} connections x ${plan.batch}/transaction`;
  const ratio = appealsPerSecond(project!) / appealsPerSecond(bareKept!);
  return [
    ingestRow(project!, plan.clients, plan.batch),
    baseline(
      `  bare SQL (a): appeals rows, multi-row INSERT (${shape})`,
      appealsPerSecond(bareAlone!),
      'appeals/s',
    ),
    baseline(
      '  bare SQL (b): + ledger, history, audit, change_log, detector queue rows',
      appealsPerSecond(bareKept!),
      'appeals/s',
    ),
    { name: '  ingest / bare (b)', value: ratio, unit: 'x', target: '>= 0.8', pass: ratio >= 0.8 },
  ];
}
