// Bulk loading of the lifecycle benchmark's appeals straight into the server's tables: the source
// rows (lifecycleData.ts) repeated up to the count wanted, spread over the last year with the
// newest still to be assigned, each a copy of one appeal the server created (so every row is a
// record it would serve) with its own id, number, category, executor, status and dates. The
// appeals' secondary indexes are dropped for the load and built again after it, as a restore does.
import type { Pool } from '../../src/server/db/pool';
import type { SourceRow } from './lifecycleData';

export interface LoadSpec {
  /** The appeal the server created, copied for every row. */
  templateId: string;
  count: number;
  /** The user id the benchmark's operator signs in with: one appeal in 60 is theirs. */
  operatorId: string;
  source: readonly SourceRow[];
}

/** The newest share still registered (to assign), and the share before it just assigned. */
const REGISTERED_SHARE = 0.01;
const ASSIGNED_SHARE = 0.02;
const CHUNK = 100_000;

export async function loadAppeals(pool: Pool, spec: LoadSpec): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    await client.query(`DROP TABLE IF EXISTS bench_source`);
    await client.query(
      `CREATE UNLOGGED TABLE bench_source (i integer PRIMARY KEY, category_id text, executor_id text, status text,
         result text, short boolean)`,
    );
    await client.query(
      `INSERT INTO bench_source SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[])`,
      [
        spec.source.map((_, i) => i),
        spec.source.map((r) => r.categoryId),
        spec.source.map((r) => r.executorId),
        spec.source.map((r) => r.status),
        spec.source.map((r) => r.result),
        spec.source.map((r) => r.short),
      ],
    );
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE tablename = 'appeals' AND schemaname = current_schema()
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'appeals'::regclass)`,
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    const started = performance.now();
    for (let from = 1; from <= spec.count; from += CHUNK) {
      const to = Math.min(spec.count, from + CHUNK - 1);
      await client.query(INSERT_CHUNK, [
        spec.templateId,
        from,
        to,
        spec.count,
        spec.source.length,
        spec.operatorId,
        Math.floor(spec.count * (1 - REGISTERED_SHARE)),
        Math.floor(spec.count * (1 - REGISTERED_SHARE - ASSIGNED_SHARE)),
      ]);
      process.stdout.write(
        `\r  loading appeals: ${to.toLocaleString('en')} / ${spec.count.toLocaleString('en')}`,
      );
    }
    process.stdout.write(` (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    const indexed = performance.now();
    for (const index of indexes) await client.query(index.definition);
    console.log(
      `  ${indexes.length} indexes built in ${((performance.now() - indexed) / 1000).toFixed(0)} s`,
    );
    await client.query(`DROP TABLE bench_source`);
    await client.query(`VACUUM (ANALYZE) appeals`);
  } finally {
    client.release();
  }
}

// $1 template id, $2..$3 the rows of this chunk, $4 the count, $5 the source's length, $6 the
// benchmark operator's id, $7 the first registered row, $8 the first just-assigned row.
const INSERT_CHUNK = `
  WITH g AS (
    SELECT g, gen_random_uuid() AS id,
           now() - interval '365 days' + (g - 1) * (interval '365 days' / $4::int) AS created
      FROM generate_series($2::int, $3::int) AS g
  ),
  r AS (
    SELECT g.g, g.id, g.created, s.category_id, s.executor_id,
           CASE WHEN g.g >= $7::int THEN 'registered' WHEN g.g >= $8::int THEN 'assigned' ELSE s.status END AS status,
           CASE WHEN g.g >= $8::int THEN NULL ELSE s.result END AS result,
           g.g % 20 = 7 AS priority,
           (g.created AT TIME ZONE 'Europe/Kyiv')::date AS received_on,
           (g.created AT TIME ZONE 'Europe/Kyiv')::date + CASE WHEN s.short THEN 15 ELSE 30 END AS deadline_on,
           CASE WHEN g.g % 60 = 0 THEN $6::text ELSE 'op-bench-' || (g.g % 60) END AS operator_id,
           '1551-2025-' || lpad(g.g::text, 7, '0') AS num
      FROM g JOIN bench_source s ON s.i = (g.g - 1) % $5::int
  ),
  x AS (
    SELECT r.*,
           CASE WHEN r.status = 'awaiting_applicant_check' AND r.g % 3 = 0 THEN now() + interval '2 hours' END
             AS next_callback_at
      FROM r
  )
  INSERT INTO appeals (id, official_number, center_code, year, provisional_number, device_id, operator_id, type,
    status, result, version, priority, received_on, deadline_on, category_id, executor_id, building_key, record,
    created_at, updated_at, next_callback_at)
  SELECT x.id, x.num, t.center_code, 2025, 'S-' || x.g, t.device_id, x.operator_id, t.type, x.status, x.result, 1,
         x.priority, x.received_on, x.deadline_on, x.category_id, x.executor_id, t.building_key,
         t.record || jsonb_build_object(
           'id', x.id::text, 'officialNumber', x.num, 'provisionalNumber', 'S-' || x.g, 'status', x.status,
           'result', x.result, 'priority', x.priority, 'benefit', CASE WHEN x.priority THEN 'war_veteran' ELSE 'none' END,
           'receivedOn', x.received_on::text, 'deadlineOn', x.deadline_on::text, 'categoryId', x.category_id,
           'executorId', x.executor_id, 'operatorId', x.operator_id,
           'createdAt', to_json(x.created)#>>'{}', 'updatedAt', to_json(x.created)#>>'{}',
           'lifecycle', (t.record->'lifecycle') || jsonb_build_object(
             'assignedOn', CASE WHEN x.status <> 'registered' THEN x.received_on::text END,
             'nextCallbackAt', to_json(x.next_callback_at)#>>'{}')),
         x.created, x.created, x.next_callback_at
    FROM x CROSS JOIN (SELECT * FROM appeals WHERE id = $1::uuid) t
   ORDER BY x.g`;
