import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealListResponse } from '../../../src/server/appeals/schemas';
import { appealMutation, appealPayload } from '../support/testDatabase';
import type { Appeal } from '../../../src/shared/domain/appeal';
import type { AppealCreatePayload } from '../../../src/shared/sync/protocol';
import type { TokenPair } from '../../../src/shared/sync/auth';
import { bearer, login, startServerDatabase, testServer, type ServerDatabase } from './serverHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let analyst: TokenPair;
let operator: TokenPair;
let operatorDevice: string;
const pushed: AppealCreatePayload[] = [];

const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
  const deviceId = randomUUID();
  operatorDevice = deviceId;
  operator = await login(app, 'operator', deviceId);
  analyst = await login(app, 'analyst');
  const variants: Partial<AppealCreatePayload>[] = [
    { type: 'complaint', categoryId: 'cat-a', executorId: 'ex-1', essence: 'Немає ОПАЛЕННЯ третій день' },
    // Priority follows the benefit: the server decides it.
    {
      type: 'statement',
      categoryId: 'cat-a',
      executorId: 'ex-2',
      benefit: 'war_veteran',
      priority: true,
      essence: 'Яма на дорозі',
    },
    {
      type: 'proposal',
      categoryId: 'cat-b',
      executorId: 'ex-1',
      deadlineOn: '2020-01-01',
      essence: 'Лавки у сквері',
    },
    { type: 'statement', categoryId: 'cat-b', executorId: 'ex-2', essence: 'Протікає дах, 100% вода' },
    { type: 'statement', categoryId: 'cat-c', executorId: 'ex-3', essence: 'Не вивозять сміття' },
  ];
  for (const v of variants) pushed.push(appealPayload({ deadlineOn: '2099-01-01', ...v }));
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: bearer(operator),
    payload: {
      deviceId,
      epoch: null,
      mutations: pushed.map((p, i) => appealMutation(p, i + 1, operator.user.id)),
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
  // The server computes deadlines; the overdue one is made overdue here, as time would.
  for (const p of pushed) {
    if (p.deadlineOn >= today) continue;
    await db.pool.query(
      `UPDATE appeals SET deadline_on = $2::date, record = jsonb_set(record, '{deadlineOn}', to_jsonb($2::text)) WHERE id = $1`,
      [p.id, p.deadlineOn],
    );
  }
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const list = async (query: string, pair = analyst) => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/appeals?${query}`, headers: bearer(pair) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AppealListResponse>();
};
const ids = (page: AppealListResponse) => page.items.map((i) => i.id).sort();
const idsOf = (pred: (p: AppealCreatePayload) => boolean) =>
  pushed
    .filter(pred)
    .map((p) => p.id)
    .sort();

describe('appeals API', () => {
  it('pages through every appeal once, newest first, with keyset cursors', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: AppealListResponse = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(pushed.map((p) => p.id).sort());
  });

  it('filters by type, category, executor, priority, overdue, text and official number', async () => {
    expect(ids(await list('type=statement'))).toEqual(idsOf((p) => p.type === 'statement'));
    expect(ids(await list('category=cat-a'))).toEqual(idsOf((p) => p.categoryId === 'cat-a'));
    expect(ids(await list('executor=ex-1&category=cat-b'))).toEqual(
      idsOf((p) => p.executorId === 'ex-1' && p.categoryId === 'cat-b'),
    );
    expect(ids(await list('priority=true'))).toEqual(idsOf((p) => p.priority));
    expect(ids(await list('overdue=true'))).toEqual(idsOf((p) => p.deadlineOn < today));
    expect(ids(await list(`text=${encodeURIComponent('опалення')}`))).toEqual(
      idsOf((p) => p.essence.includes('ОПАЛЕННЯ')),
    );
    // LIKE wildcards in the search text are literal characters.
    expect(ids(await list(`text=${encodeURIComponent('100%')}`))).toEqual(
      idsOf((p) => p.essence.includes('100%')),
    );
    expect((await list(`text=${encodeURIComponent('_')}`)).items).toEqual([]);
    const one = (await list('limit=1')).items[0]!;
    expect(one.officialNumber).toMatch(/^1551-\d{4}-\d{6}$/);
    expect(ids(await list(`officialNumber=${one.officialNumber}`))).toEqual([one.id]);
  });

  it('serves the text filter from the trigram index, not a scan of every appeal', async () => {
    const client = await db.pool.connect();
    try {
      // The table is tiny here, so the planner would scan it anyway: forbid that to see the index is usable.
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM appeals WHERE record->>'essence' ILIKE $1`,
        ['%опаленн%'],
      );
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('appeals_essence_trgm');
    } finally {
      client.release();
    }
  });

  it('filters by status, which the lifecycle drives later', async () => {
    const target = pushed[4]!.id;
    await db.pool.query(`UPDATE appeals SET status = 'in_progress', version = version + 1 WHERE id = $1`, [
      target,
    ]);
    const page = await list('status=in_progress');
    expect(ids(page)).toEqual([target]);
    expect(page.items[0]).toMatchObject({ status: 'in_progress', version: 2 });
  });

  it('returns one appeal with its official number and its history, and audits each read', async () => {
    const id = pushed[0]!.id;
    const res = await app.inject({ method: 'GET', url: `/api/v1/appeals/${id}`, headers: bearer(analyst) });
    expect(res.statusCode).toBe(200);
    const appeal = res.json<Appeal>();
    expect(appeal).toMatchObject({ id, essence: pushed[0]!.essence, status: 'registered', version: 1 });
    expect(appeal.officialNumber).toMatch(/^1551-\d{4}-\d{6}$/);

    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/appeals/${id}/history`,
      headers: bearer(analyst),
    });
    expect(history.statusCode).toBe(200);
    // The registration, as the shared history shape says it: who (name and role), from which device.
    expect(history.json()).toEqual({
      complete: true,
      entries: [
        {
          id: expect.any(String),
          at: expect.any(String),
          user: { id: operator.user.id, name: operator.user.name, role: 'operator' },
          deviceId: operatorDevice,
          kind: 'created',
          action: null,
          statusBefore: null,
          statusAfter: 'registered',
          amendment: null,
          version: 1,
        },
      ],
    });

    const audit = await db.pool.query<{ action: string; user_id: string; details: object }>(
      'SELECT action, user_id, details FROM audit_log WHERE appeal_id = $1 AND user_id = $2 ORDER BY id',
      [id, analyst.user.id],
    );
    const actions = audit.rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['appeal.list', 'appeal.read', 'appeal.history_read']));
  });

  it('audits a list read per appeal shown, without the search text', async () => {
    const feedback = await login(app, 'feedback');
    const page = await list(`text=${encodeURIComponent('Яма')}`, feedback);
    expect(page.items).toHaveLength(1);
    const audit = await db.pool.query<{ appeal_id: string; details: Record<string, unknown> }>(
      `SELECT appeal_id, details FROM audit_log WHERE user_id = $1 AND action = 'appeal.list'`,
      [feedback.user.id],
    );
    expect(audit.rows.map((r) => r.appeal_id)).toEqual([page.items[0]!.id]);
    expect(JSON.stringify(audit.rows[0]!.details)).not.toContain('Яма');
    expect(audit.rows[0]!.details).toMatchObject({ text: true });
  });

  it('answers 404 for an unknown appeal and 400 naming the field for a malformed id, filter or cursor', async () => {
    const get = (url: string) => app.inject({ method: 'GET', url, headers: bearer(analyst) });
    const missing = await get(`/api/v1/appeals/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    for (const [url, field] of [
      ['/api/v1/appeals/not-a-uuid', 'id'],
      ['/api/v1/appeals/not-a-uuid/history', 'id'],
      ['/api/v1/appeals?status=lost', 'status'],
      ['/api/v1/appeals?limit=100000', 'limit'],
      ['/api/v1/appeals?overdue=maybe', 'overdue'],
      ['/api/v1/appeals?colour=red', 'colour'],
      ['/api/v1/appeals?cursor=bm90LWEtY3Vyc29y', 'cursor'],
      [
        `/api/v1/appeals?cursor=${Buffer.from('["2026-99-99 99:99:99+00","' + randomUUID() + '"]').toString('base64url')}`,
        'cursor',
      ],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect(
        res.json().error.issues.map((i: { path: string }) => i.path),
        url,
      ).toContain(field);
    }
  });
});
