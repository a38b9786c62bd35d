// The work lists and the backlog against a real PostgreSQL: which appeals each list holds, in which
// order (benefit holders first, then the nearest deadline, then the oldest), page by page; who may
// read which list; and the backlog's counts on a fixture counted by hand.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacklogResponse, WorkListResponse } from '../../../src/server/worklists/schemas';
import type { AppealStatus } from '../../../src/shared/domain/appeal';
import { addDays, localDateOf } from '../../../src/shared/domain/localDate';
import type { Role, TokenPair } from '../../../src/shared/sync/auth';
import { workListIds, WORK_LISTS_OF, type WorkListId } from '../../../src/shared/domain/worklists';
import { appealMutation, appealPayload } from '../support/testDatabase';
import {
  bearer,
  login,
  loginAs,
  OTHER_EXECUTOR_USERNAME,
  startServerDatabase,
  testServer,
  TEST_ORGANISATIONS,
  type ServerDatabase,
} from './serverHarness';

const A = TEST_ORGANISATIONS.executor;
const B = TEST_ORGANISATIONS.other;
const C = 'e-5cea7b80';
const today = localDateOf(new Date(), 'Europe/Kyiv');
const HOUR = 3_600_000;

interface Fixture {
  status: AppealStatus;
  executorId: string;
  priority: boolean;
  /** Days from today. */
  deadline: number;
  /** Hours from now; undefined: none scheduled. */
  nextCallback?: number;
  by: 'operator' | 'feedback';
}

// Counted by hand below (backlog) and in each list's expected order.
const fixtures = {
  r1: { status: 'registered', executorId: A, priority: false, deadline: 10, by: 'operator' },
  r2: { status: 'registered', executorId: B, priority: true, deadline: 20, by: 'operator' },
  r3: { status: 'registered', executorId: C, priority: false, deadline: 5, by: 'operator' },
  a1: { status: 'assigned', executorId: A, priority: false, deadline: -2, by: 'operator' },
  p1: { status: 'in_progress', executorId: A, priority: true, deadline: 30, by: 'operator' },
  w1: { status: 'rework', executorId: A, priority: false, deadline: 1, by: 'operator' },
  c1: { status: 'awaiting_control_check', executorId: B, priority: false, deadline: 0, by: 'operator' },
  c2: { status: 'awaiting_control_check', executorId: C, priority: true, deadline: 3, by: 'operator' },
  k1: { status: 'awaiting_applicant_check', executorId: A, priority: false, deadline: 4, by: 'operator' },
  k2: {
    status: 'awaiting_applicant_check',
    executorId: B,
    priority: false,
    deadline: 2,
    nextCallback: -1,
    by: 'operator',
  },
  k3: {
    status: 'awaiting_applicant_check',
    executorId: C,
    priority: true,
    deadline: -1,
    nextCallback: 2,
    by: 'feedback',
  },
  x1: { status: 'closed', executorId: A, priority: false, deadline: -5, by: 'feedback' },
  a2: { status: 'assigned', executorId: B, priority: false, deadline: -1, by: 'operator' },
  // Same priority and deadline as r1, made later: after it.
  p2: { status: 'in_progress', executorId: A, priority: false, deadline: 10, by: 'operator' },
} satisfies Record<string, Fixture>;
type Label = keyof typeof fixtures;
const labels = Object.keys(fixtures) as Label[];

let db: ServerDatabase;
let app: FastifyInstance;
const sessions = {} as Record<Role, TokenPair>;
const deviceOf = {} as Record<Role, string>;
let otherExecutor: TokenPair;
const idOf = {} as Record<Label, string>;
const labelOf = new Map<string, Label>();

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
  for (const role of ['operator', 'analyst', 'feedback', 'team_lead', 'admin', 'executor'] as const) {
    deviceOf[role] = randomUUID();
    sessions[role] = await login(app, role, deviceOf[role]);
  }
  otherExecutor = await loginAs(app, OTHER_EXECUTOR_USERNAME);
  const started = Date.now() - labels.length * 60_000;
  for (const [i, label] of labels.entries()) {
    const f: Fixture = fixtures[label];
    const author = sessions[f.by];
    const deviceId = deviceOf[f.by];
    const payload = appealPayload({
      executorId: f.executorId,
      createdAt: new Date(started + i * 60_000).toISOString(),
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: bearer(author),
      payload: {
        deviceId,
        epoch: null,
        mutations: [appealMutation(payload, i + 1, author.user.id)],
      },
    });
    expect(res.json().results[0].status, res.body).toBe('applied');
    idOf[label] = payload.id;
    labelOf.set(payload.id, label);
    // The lifecycle would bring each appeal here step by step; the lists only read the outcome.
    const deadlineOn = addDays(today, f.deadline);
    const nextCallbackAt =
      f.nextCallback === undefined ? null : new Date(Date.now() + f.nextCallback * HOUR).toISOString();
    await db.pool.query(
      `UPDATE appeals SET status = $2, executor_id = $3, priority = $4, deadline_on = $5::date, next_callback_at = $6::timestamptz,
         record = record || jsonb_build_object('status', $2::text, 'executorId', $3::text, 'priority', $4::boolean,
           'deadlineOn', $5::text, 'lifecycle', (record->'lifecycle') || jsonb_build_object('nextCallbackAt', to_json($6::timestamptz)#>>'{}'))
       WHERE id = $1`,
      [payload.id, f.status, f.executorId, f.priority, deadlineOn, nextCallbackAt],
    );
  }
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const get = (url: string, session: TokenPair) => app.inject({ method: 'GET', url, headers: bearer(session) });

async function read(list: WorkListId, session: TokenPair, query = ''): Promise<WorkListResponse> {
  const res = await get(`/api/v1/worklists/${list}?limit=200${query}`, session);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<WorkListResponse>();
}

const labelsIn = (page: WorkListResponse) => page.items.map((i) => labelOf.get(i.id));

describe('work lists', () => {
  it('hold what each list is for, benefit holders first, then the nearest deadline, then the oldest', async () => {
    const analyst = sessions.analyst;
    expect(labelsIn(await read('to_assign', analyst))).toEqual(['r2', 'r3', 'r1']);
    expect(labelsIn(await read('to_check', analyst))).toEqual(['c2', 'c1']);
    expect(labelsIn(await read('open', analyst))).toEqual([
      ...['k3', 'c2', 'r2', 'p1'],
      ...['a1', 'a2', 'c1', 'w1', 'k2', 'k1', 'r3', 'r1', 'p2'],
    ]);
    // Callbacks scheduled later (k3, in two hours) are not due yet.
    expect(labelsIn(await read('to_call_back', sessions.feedback))).toEqual(['k2', 'k1']);
  });

  it('gives an executor only its organisation’s open work, never a merely suggested registered appeal', async () => {
    const inbox = await read('inbox', sessions.executor);
    expect(labelsIn(inbox)).toEqual(['p1', 'a1', 'w1', 'p2']);
    expect(inbox.total).toBe(4);
    expect(labelsIn(await read('inbox', otherExecutor))).toEqual(['a2']);
    // Naming another organisation narrows within its own, never widens.
    expect((await read('inbox', sessions.executor, `&executorId=${B}`)).items).toEqual([]);
  });

  it('lists the user’s own appeals newest first, closed ones included', async () => {
    const mine = labels.filter((l) => fixtures[l].by === 'operator').reverse();
    expect(labelsIn(await read('my_recent', sessions.operator))).toEqual(mine);
    expect(labelsIn(await read('my_recent', sessions.feedback))).toEqual(['x1', 'k3']);
  });

  it('narrows by executor and to the overdue, counted from the center’s day', async () => {
    const lead = sessions.team_lead;
    expect(labelsIn(await read('open', lead, `&executorId=${A}`))).toEqual([
      'p1',
      'a1',
      'w1',
      'k1',
      'r1',
      'p2',
    ]);
    const overdue = await read('open', lead, '&onlyOverdue=true');
    expect(labelsIn(overdue)).toEqual(['k3', 'a1', 'a2']);
    expect(overdue.total).toBe(3);
  });

  it('serves items as appeal summaries with their version', async () => {
    const [item] = (await read('to_check', sessions.analyst)).items;
    expect(item).toMatchObject({
      id: idOf.c2,
      status: 'awaiting_control_check',
      executorId: C,
      priority: true,
      deadlineOn: addDays(today, 3),
      version: 1,
    });
    expect(item!.officialNumber).toMatch(/^1551-\d{4}-\d{6}$/);
    expect(item).toHaveProperty('essencePreview');
  });

  it('pages with keyset cursors through the same order, each appeal once, with the list’s total', async () => {
    for (const [list, session] of [
      ['open', sessions.admin],
      ['my_recent', sessions.operator],
      ['inbox', sessions.executor],
    ] as const) {
      const whole = await read(list, session);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          `/api/v1/worklists/${list}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          session,
        );
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json<WorkListResponse>();
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.total).toBe(whole.total);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, list).toEqual(whole.items.map((i) => i.id));
    }
  });

  it('refuses a list that is not the role’s (403) and a cursor it did not give out (400)', async () => {
    for (const role of Object.keys(sessions) as Role[]) {
      for (const list of workListIds) {
        const res = await get(`/api/v1/worklists/${list}`, sessions[role]);
        const allowed = WORK_LISTS_OF[role].includes(list);
        expect(res.statusCode, `${role} ${list}: ${res.body}`).toBe(allowed ? 200 : 403);
      }
    }
    const cursor = Buffer.from(JSON.stringify([true, '2026-13-45', 'x', 'y'])).toString('base64url');
    const bad = await get(`/api/v1/worklists/open?cursor=${cursor}`, sessions.admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('cursor');
    const shaped = Buffer.from(
      JSON.stringify([false, '2026-02-30', '2026-01-01T00:00:00+00:00', randomUUID()]),
    ).toString('base64url');
    expect((await get(`/api/v1/worklists/open?cursor=${shaped}`, sessions.admin)).statusCode).toBe(400);
    expect((await get('/api/v1/worklists/everything', sessions.admin)).statusCode).toBe(400);
  });

  it('audits each list read per appeal shown', async () => {
    const page = await read('to_check', sessions.analyst);
    const { rows } = await db.pool.query<{ appeal_id: string; details: { list?: string } }>(
      `SELECT appeal_id::text, details FROM audit_log WHERE user_id = $1 AND action = 'appeal.list'
        AND details->>'list' = 'to_check' ORDER BY id DESC LIMIT 2`,
      [sessions.analyst.user.id],
    );
    expect(rows.map((r) => r.appeal_id).sort()).toEqual(page.items.map((i) => i.id).sort());
  });
});

describe('backlog', () => {
  it('counts open, due soon and overdue per executor as counted by hand, every executor listed', async () => {
    const res = await get('/api/v1/backlog', sessions.team_lead);
    expect(res.statusCode, res.body).toBe(200);
    const backlog = res.json<BacklogResponse>();
    expect(backlog.today).toBe(today);
    const byId = new Map(backlog.rows.map((r) => [r.executorId, r]));
    // A: r1 +10, a1 -2, p1 +30, w1 +1, k1 +4, p2 +10 (x1 is closed).
    expect(byId.get(A)).toEqual({ executorId: A, open: 6, dueSoon: 1, overdue: 1 });
    // B: r2 +20, c1 today, k2 +2, a2 -1.
    expect(byId.get(B)).toEqual({ executorId: B, open: 4, dueSoon: 2, overdue: 1 });
    // C: r3 +5, c2 +3 (the last day of due soon), k3 -1.
    expect(byId.get(C)).toEqual({ executorId: C, open: 3, dueSoon: 1, overdue: 1 });
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM executors');
    expect(backlog.rows).toHaveLength(rows[0]!.n);
    // The most overdue first, then the most due soon.
    expect(backlog.rows.filter((r) => r.open > 0).map((r) => r.executorId)).toEqual([B, A, C]);
  });

  it('is for those who control deadlines only', async () => {
    for (const role of Object.keys(sessions) as Role[]) {
      const res = await get('/api/v1/backlog', sessions[role]);
      expect(res.statusCode, role).toBe(['analyst', 'team_lead', 'admin'].includes(role) ? 200 : 403);
    }
  });
});
