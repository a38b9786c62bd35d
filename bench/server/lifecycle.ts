// The lifecycle's figures at scale (issue 12, "Performance"): a server with BENCH_LIFECYCLE_APPEALS
// appeals (default 1,000,000) in the mixed states of the Kyiv 1551 data; each work list's first page,
// the backlog by executor and a lifecycle step, each over real HTTP to the server in its own
// process, beside a bare baseline of the same engine in the same run (the same statement sent
// straight to PostgreSQL, without the server's code).
import { randomUUID } from 'node:crypto';
import type { Pool } from '../../src/server/db/pool';
import type { WorkListId } from '../../src/shared/domain/worklists';
import { SYNC_PATHS, type PushResponse } from '../../src/shared/sync/protocol';
import { percentile, type BenchRow } from '../report';
import { pushTemplateAppeal, postJson, signIn, startBenchServer, type BenchSignIn } from '../serverSetup';
import { readSourceRows } from './lifecycleData';
import { loadAppeals } from './lifecycleSeed';

export const LIFECYCLE_APPEALS = Number(process.env['BENCH_LIFECYCLE_APPEALS'] || 1_000_000);
const SAMPLES = Number(process.env['BENCH_LIFECYCLE_SAMPLES'] || 100);
const WARM_UP = 20;

const ms = (name: string, samples: number[], target: number | null): BenchRow => {
  const value = percentile(samples, 95);
  console.log(
    `  (${name}: p50 ${percentile(samples, 50).toFixed(2)} ms, max ${Math.max(...samples).toFixed(2)} ms)`,
  );
  return {
    name,
    value,
    unit: 'ms',
    target: target === null ? 'baseline' : `<= ${target} ms`,
    pass: target === null ? null : value <= target,
  };
};

async function timed(run: () => Promise<unknown>, samples = SAMPLES): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}

async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** Each list as a role reads it, and the bare statement of its first page. */
function workLists(biggest: string): {
  list: WorkListId;
  who: 'analyst' | 'feedback' | 'operator1' | 'lead' | 'executor1';
  query?: string;
  label?: string;
  /** The list's WHERE and ORDER BY, with their parameters. */
  bare: (params: { operatorId: string; organisationId: string }) => [string, unknown[]];
}[] {
  const urgent = 'ORDER BY priority DESC, deadline_on, created_at, id';
  return [
    {
      list: 'to_assign',
      who: 'analyst',
      bare: () => [`WHERE status = 'registered' ${urgent}`, []],
    },
    {
      list: 'to_check',
      who: 'analyst',
      bare: () => [`WHERE status = 'awaiting_control_check' ${urgent}`, []],
    },
    {
      list: 'to_call_back',
      who: 'feedback',
      bare: () => [
        `WHERE status = 'awaiting_applicant_check'
           AND (next_callback_at IS NULL OR next_callback_at <= now()) ${urgent}`,
        [],
      ],
    },
    {
      list: 'my_recent',
      who: 'operator1',
      bare: ({ operatorId }) => [`WHERE operator_id = $1 ORDER BY created_at DESC, id DESC`, [operatorId]],
    },
    {
      list: 'inbox',
      who: 'executor1',
      bare: ({ organisationId }) => [
        `WHERE status IN ('assigned', 'in_progress', 'rework') AND executor_id = $1 ${urgent}`,
        [organisationId],
      ],
    },
    {
      list: 'open',
      who: 'lead',
      bare: () => [`WHERE status <> 'closed' ${urgent}`, []],
    },
    {
      list: 'open',
      who: 'lead',
      query: `executorId=${biggest}`,
      label: 'open, one executor',
      bare: () => [`WHERE status <> 'closed' AND executor_id = $1 ${urgent}`, [biggest]],
    },
  ];
}

/**
 * A list's page and count straight to PostgreSQL, the count without parallel workers as the server
 * asks (worklists/serialScan.ts): what the server's answer costs without HTTP, sign-in, audit and JSON.
 */
async function barePageAndCount(pool: Pool, [clauses, params]: [string, unknown[]]): Promise<void> {
  await pool.query(`SELECT * FROM appeals ${clauses} LIMIT 51`, params);
  await serial(pool, `SELECT count(*) FROM appeals ${clauses.replace(/ ORDER BY .*$/s, '')}`, params);
}

async function serial(pool: Pool, sql: string, params: unknown[] = []): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0');
    await client.query(sql, params);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

const BARE_BACKLOG = `SELECT executor_id, count(*),
    count(*) FILTER (WHERE deadline_on >= current_date AND deadline_on <= current_date + 3),
    count(*) FILTER (WHERE deadline_on < current_date)
  FROM appeals WHERE status <> 'closed' GROUP BY executor_id`;

async function bareTransition(pool: Pool, id: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT * FROM appeals WHERE id = $1 FOR UPDATE', [id]);
    await client.query(
      `UPDATE appeals SET status = 'assigned', version = version + 1, updated_at = now(),
         record = record || '{"status": "assigned"}'::jsonb WHERE id = $1`,
      [id],
    );
    await client.query(
      `INSERT INTO appeal_history (appeal_id, kind, version, status_before, status_after, change)
       VALUES ($1, 'transition', 2, 'registered', 'assigned', '{}')`,
      [id],
    );
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

export async function runLifecycleBench(count = LIFECYCLE_APPEALS): Promise<BenchRow[]> {
  const server = await startBenchServer();
  const rows: BenchRow[] = [];
  const record = (row: BenchRow) => {
    console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}`);
    rows.push(row);
  };
  try {
    const sessions: Record<string, BenchSignIn> = {};
    for (const who of ['operator1', 'analyst', 'feedback', 'lead', 'executor1'])
      sessions[who] = await signIn(server.url, who);
    const operator = sessions['operator1']!;
    const templateId = await pushTemplateAppeal(server.url, operator);
    const loading = performance.now();
    await loadAppeals(server.pool, {
      templateId: templateId,
      count,
      operatorId: operator.userId,
      source: await readSourceRows(),
    });
    console.log(
      `loaded ${count.toLocaleString('en')} appeals in ${((performance.now() - loading) / 1000).toFixed(0)} s`,
    );
    const { rows: mix } = await server.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM appeals GROUP BY status ORDER BY n DESC`,
    );
    console.log(`  states: ${mix.map((m) => `${m.status} ${m.n.toLocaleString('en')}`).join(', ')}`);
    const { rows: org } = await server.pool.query<{ organisation_id: string }>(
      `SELECT organisation_id FROM users WHERE username = 'executor1'`,
    );
    const organisationId = org[0]!.organisation_id;

    for (const spec of workLists(organisationId)) {
      const name = spec.label ?? spec.list;
      const session = sessions[spec.who]!;
      const url = `${server.url}/api/v1/worklists/${spec.list}?limit=50${spec.query ? `&${spec.query}` : ''}`;
      const first = await getJson<{ items: unknown[]; total: number }>(url, session.token);
      console.log(
        `  ${name}: ${first.total.toLocaleString('en')} appeals, ${first.items.length} on the first page`,
      );
      record(ms(`work list ${name}: first page p95`, await timed(() => getJson(url, session.token)), 100));
      const bare = spec.bare({ operatorId: operator.userId, organisationId });
      record(
        ms(
          `  bare SQL of its page and count p95`,
          await timed(() => barePageAndCount(server.pool, bare)),
          null,
        ),
      );
    }

    const backlogUrl = `${server.url}/api/v1/backlog`;
    const lead = sessions['lead']!;
    record(ms('backlog by executor p95', await timed(() => getJson(backlogUrl, lead.token), 20), 500));
    record(
      ms('  bare SQL of its counts p95', await timed(() => serial(server.pool, BARE_BACKLOG), 20), null),
    );

    // A step through the REST API: an analyst assigns appeals waiting in to_assign.
    const { rows: waiting } = await server.pool.query<{ id: string; executor_id: string }>(
      `SELECT id::text, executor_id FROM appeals WHERE status = 'registered' ORDER BY created_at DESC LIMIT $1`,
      [2 * (SAMPLES + WARM_UP)],
    );
    const analyst = sessions['analyst']!;
    let next = 0;
    const assign = async () => {
      const appeal = waiting[next++]!;
      const res = await fetch(`${server.url}/api/v1/appeals/${appeal.id}/transitions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${analyst.token}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({ action: { kind: 'assign', executorId: appeal.executor_id }, baseVersion: 1 }),
      });
      if (res.status !== 200) throw new Error(`assign: ${res.status} ${await res.text()}`);
    };
    record(ms('transition through REST (assign) p95', await timed(assign), 50));
    // The same step as a workstation sends it: one appeal.transition in a push.
    let seq = 0;
    const push = async () => {
      const appeal = waiting[next++]!;
      const body = JSON.stringify({
        deviceId: analyst.deviceId,
        epoch: null,
        mutations: [
          {
            mutationId: randomUUID(),
            seq: ++seq,
            type: 'appeal.transition',
            entityId: appeal.id,
            createdAt: new Date().toISOString(),
            authorId: analyst.userId,
            payload: { action: { kind: 'assign', executorId: appeal.executor_id }, baseVersion: 1 },
          },
        ],
      });
      const res = await postJson<PushResponse>(`${server.url}${SYNC_PATHS.push}`, body, analyst.token);
      if (res.results[0]?.status !== 'applied') throw new Error(`push: ${JSON.stringify(res.results[0])}`);
    };
    record(ms('transition through sync push (assign) p95', await timed(push), 50));
    const { rows: bare } = await server.pool.query<{ id: string }>(
      `SELECT id::text FROM appeals WHERE status = 'registered' ORDER BY created_at LIMIT $1`,
      [SAMPLES + WARM_UP],
    );
    let b = 0;
    record(
      ms(
        '  bare SQL of a step (lock, update, history) p95',
        await timed(() => bareTransition(server.pool, bare[b++]!.id)),
        null,
      ),
    );
  } finally {
    await server.stop();
  }
  return rows;
}
