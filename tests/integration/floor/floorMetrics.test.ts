// GET /api/v1/queue/metrics against a small day computed by hand (src/shared/queue/metrics.ts's
// definitions): calls by arrival interval, agent time cut at interval edges, handled calls, per
// operator figures and appeals by category group vs the same weekday a week before. The center is
// in Asia/Almaty (UTC+5, no clock change): interval edges are the center's local quarter hours.
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverConfig } from '../../../src/server/config';
import { Classifier } from '../../../src/shared/domain/reference';
import { DayMetrics, type CallFigures } from '../../../src/shared/queue/metrics';
import { bearer, login, startServerDatabase, testServer, type ServerDatabase } from '../server/serverHarness';

const ZONE = 'Asia/Almaty';
const DAY = '2026-03-10';
const WEEK_BEFORE = '2026-03-03';
/** An instant of the center's local day. */
const at = (time: string, day = DAY) => `${day}T${time}+05:00`;

let db: ServerDatabase;
let app: FastifyInstance;
let token: string;
const ids: Record<'a' | 'b', string> = { a: '', b: '' };

async function get(url: string, auth = token) {
  return app.inject({ method: 'GET', url, headers: bearer(auth) });
}

async function metrics(query = `day=${DAY}`): Promise<DayMetrics> {
  const res = await get(`/api/v1/queue/metrics?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return DayMetrics.parse(res.json());
}

async function queueCall(
  entered: string,
  state: 'answered' | 'abandoned' | 'timed_out' | 'failed',
  leftAt: string,
  operator: string | null = null,
) {
  await db.pool.query(
    `INSERT INTO queue_calls (sip_call_id, queue, entered_at, state, operator_id, answered_at, left_at,
                              end_cause, pbx_boot, caller_masked)
     VALUES ($1, '1551', $2, $3, $4, CASE WHEN $3 = 'answered' THEN $5::timestamptz END, $5,
             CASE $3 WHEN 'abandoned' THEN 'caller_hung_up' WHEN 'timed_out' THEN 'max_wait'
                     WHEN 'failed' THEN 'no_operator' END, 'boot-test', '•••4567')`,
    [randomUUID(), entered, state, operator, leftAt],
  );
}

/** [state, from, to (null: open), call or break reason] */
type Span = [string, string, string | null, string?];
async function history(userId: string, spans: Span[]) {
  for (const [state, from, to, extra] of spans) {
    await db.pool.query(
      `INSERT INTO agent_state_history (user_id, state, reason, call_id, started_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        userId,
        state,
        state === 'break' ? extra : null,
        state === 'on_call' || state === 'ringing' ? extra : null,
        from,
        to,
      ],
    );
  }
}

const classifier = Classifier.parse(JSON.parse(readFileSync('resources/reference/classifier.json', 'utf8')));
/** A question type whose group is a subgroup of `top`. */
const typeUnder = (top: string) =>
  classifier.types.find((t) => classifier.groups.find((g) => g.id === t.groupId)?.parentId === top)!.id;

async function appeal(operatorId: string, createdAt: string, categoryId: string) {
  const id = randomUUID();
  await db.pool.query(
    `INSERT INTO appeals (id, center_code, year, provisional_number, operator_id, type, received_on,
                          deadline_on, category_id, executor_id, record, created_at)
     VALUES ($1, '1551', 2026, $2, $3, 'statement', $4::timestamptz::date, $4::timestamptz::date + 30, $5,
             'e-6bdb0865', '{}'::jsonb, $4)`,
    [id, `P-${id.slice(-8)}`, operatorId, createdAt, categoryId],
  );
}

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, {
    appeals: { ...serverConfig({}, {}).appeals, timeZone: ZONE },
  });
  token = (await login(app, 'team_lead')).accessToken;
  const { rows } = await db.pool.query<{ id: string; username: string }>(
    `SELECT id::text, username FROM users WHERE username IN ('operator1', 'operator2')`,
  );
  ids.a = rows.find((r) => r.username === 'operator1')!.id;
  ids.b = rows.find((r) => r.username === 'operator2')!.id;

  // Calls: interval 0 (00:00-00:15), 36 (09:00-09:15) and 37 (09:15-09:30); two outside the day.
  await queueCall(at('00:00:00'), 'answered', at('00:00:20'), ids.a);
  await queueCall(at('09:00:00'), 'answered', at('09:00:10'), ids.a);
  await queueCall(at('09:05:00'), 'answered', at('09:05:30'), ids.b);
  await queueCall(at('09:10:00'), 'abandoned', at('09:10:40'));
  await queueCall(at('09:14:59'), 'timed_out', at('09:24:59'));
  await queueCall(at('09:20:00'), 'failed', at('09:20:00'));
  await queueCall(at('23:59:59', '2026-03-09'), 'answered', at('00:00:05'), ids.a);
  await queueCall(at('00:00:00', '2026-03-11'), 'abandoned', at('00:00:03', '2026-03-11'));

  await history(ids.a, [
    ['offline', at('18:00:00', '2026-03-09'), at('23:50:00', '2026-03-09')],
    ['available', at('23:50:00', '2026-03-09'), at('00:00:15')],
    ['ringing', at('00:00:15'), at('00:00:20'), 'call-0'],
    ['on_call', at('00:00:20'), at('00:02:20'), 'call-0'],
    ['wrap_up', at('00:02:20'), at('00:02:50')],
    ['offline', at('00:02:50'), at('08:50:00')],
    ['available', at('08:50:00'), at('09:00:05')],
    ['ringing', at('09:00:05'), at('09:00:10'), 'call-1'],
    ['on_call', at('09:00:10'), at('09:04:10'), 'call-1'],
    ['wrap_up', at('09:04:10'), at('09:05:10')],
    ['available', at('09:05:10'), at('09:13:00')],
    ['break', at('09:13:00'), at('09:58:00'), 'lunch'],
    ['available', at('09:58:00'), at('10:00:00')],
    ['offline', at('10:00:00'), null],
  ]);
  await history(ids.b, [
    ['available', at('08:59:00'), at('09:05:25')],
    ['ringing', at('09:05:25'), at('09:05:30'), 'call-2'],
    // The same call in two intervals (the workstation reconnected): one handled call.
    ['on_call', at('09:05:30'), at('09:15:00'), 'call-2'],
    ['on_call', at('09:15:00'), at('09:20:30'), 'call-2'],
    ['wrap_up', at('09:20:30'), at('09:21:00')],
    ['available', at('09:21:00'), at('09:30:00')],
    ['break', at('09:30:00'), at('09:40:00'), 'technical'],
    ['offline', at('09:40:00'), null],
  ]);

  const housing = typeUnder('g-housing');
  const transport = typeUnder('g-transport');
  await appeal(ids.a, at('09:03:00'), housing);
  await appeal(ids.a, at('09:50:00'), housing);
  await appeal(ids.b, at('09:25:00'), transport);
  await appeal(ids.b, at('23:59:59', '2026-03-09'), housing);
  await appeal(ids.a, at('12:00:00', WEEK_BEFORE), housing);
  await appeal(ids.a, at('00:00:00', WEEK_BEFORE), transport);
  await appeal(ids.b, at('23:59:59', WEEK_BEFORE), transport);
  await appeal(ids.b, at('23:59:59', '2026-03-02'), transport);
});

afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const empty: Partial<CallFigures> = {
  offered: 0,
  answered: 0,
  serviceLevel: null,
  asaSeconds: null,
  ahtSeconds: null,
  talkSeconds: 0,
  wrapUpSeconds: 0,
  occupancy: null,
  longestWaitSeconds: null,
};

describe('the day by 15-minute interval', () => {
  let m: DayMetrics;
  beforeAll(async () => {
    m = await metrics();
  });

  it('has every interval of the local day, edges in the center’s zone', () => {
    expect(m.day).toBe(DAY);
    expect(m.timeZone).toBe(ZONE);
    expect(m.intervalMinutes).toBe(15);
    expect(m.thresholdSeconds).toBe(20);
    expect(m.intervals).toHaveLength(96);
    expect(m.intervals[0]!.start).toBe('2026-03-09T19:00:00.000Z');
    expect(m.intervals[0]!.end).toBe('2026-03-09T19:15:00.000Z');
    expect(m.intervals[36]!.start).toBe('2026-03-10T04:00:00.000Z');
    expect(m.intervals[95]!.end).toBe('2026-03-10T19:00:00.000Z');
    expect(m.intervals[50]).toMatchObject(empty);
  });

  it('counts calls by arrival and agent time cut at the edges', () => {
    expect(m.intervals[0]).toMatchObject({
      offered: 1,
      answered: 1,
      answeredWithinThreshold: 1,
      serviceLevel: 1,
      asaSeconds: 20,
      longestWaitSeconds: 20,
      // available 15 s (of 10 min since 23:50 the day before), ringing 5, talk 120, wrap-up 30
      talkSeconds: 120,
      wrapUpSeconds: 30,
      ahtSeconds: 150,
    });
    expect(m.intervals[0]!.occupancy).toBeCloseTo(155 / 170, 9);

    expect(m.intervals[35]).toMatchObject({ ...empty, occupancy: 0 });

    expect(m.intervals[36]).toMatchObject({
      offered: 4,
      answered: 2,
      abandoned: 1,
      timedOut: 1,
      failed: 0,
      answeredWithinThreshold: 1,
      serviceLevel: 0.25,
      asaSeconds: 20,
      abandonedWaitSeconds: 40,
      longestWaitSeconds: 600,
      talkSeconds: 810,
      wrapUpSeconds: 60,
      ahtSeconds: 435,
    });
    expect(m.intervals[36]!.occupancy).toBeCloseTo(880 / 1680, 9);

    expect(m.intervals[37]).toMatchObject({
      offered: 1,
      failed: 1,
      serviceLevel: 0,
      asaSeconds: null,
      abandonedWaitSeconds: null,
      longestWaitSeconds: 0,
      talkSeconds: 330,
      wrapUpSeconds: 30,
      // the call was answered (handled) in interval 36
      ahtSeconds: null,
      occupancy: 0.4,
    });
    // Only breaks: no occupancy at all.
    expect(m.intervals[38]).toMatchObject({ ...empty, occupancy: null });
    expect(m.intervals[39]).toMatchObject({ ...empty, occupancy: 0 });
  });

  it('totals the day from its intervals', () => {
    expect(m.totals).toMatchObject({
      offered: 6,
      answered: 3,
      abandoned: 1,
      timedOut: 1,
      failed: 1,
      answeredWithinThreshold: 2,
      asaSeconds: 20,
      abandonedWaitSeconds: 40,
      longestWaitSeconds: 600,
      talkSeconds: 1260,
      wrapUpSeconds: 120,
      ahtSeconds: 460,
    });
    expect(m.totals.serviceLevel).toBeCloseTo(2 / 6, 9);
    expect(m.totals.occupancy).toBeCloseTo(1395 / 3530, 9);
  });

  it('gives each operator’s calls, AHT, breaks and appeals', () => {
    expect(m.operators).toEqual([
      {
        userId: ids.a,
        username: 'operator1',
        name: 'Demo Operator 1',
        calls: 2,
        ahtSeconds: 225,
        breaks: 1,
        breakSeconds: 2700,
        appealsRegistered: 2,
      },
      {
        userId: ids.b,
        username: 'operator2',
        name: 'Demo Operator 2',
        calls: 1,
        ahtSeconds: 930,
        breaks: 1,
        breakSeconds: 600,
        appealsRegistered: 1,
      },
    ]);
  });

  it('counts appeals by top category group against the same weekday a week before', () => {
    expect(m.categoryGroups).toHaveLength(classifier.groups.filter((g) => g.parentId === null).length);
    expect(m.categoryGroups[0]).toEqual({
      groupId: 'g-housing',
      name: 'Житлово-комунальне господарство',
      day: 2,
      weekBefore: 1,
    });
    expect(m.categoryGroups[1]).toMatchObject({ groupId: 'g-transport', day: 1, weekBefore: 2 });
    expect(m.categoryGroups.slice(2).every((g) => g.day === 0 && g.weekBefore === 0)).toBe(true);
  });
});

describe('other intervals and thresholds', () => {
  it('takes hours and the threshold asked for', async () => {
    const m = await metrics(`day=${DAY}&interval=60&threshold=30`);
    expect(m.intervals).toHaveLength(24);
    expect(m.thresholdSeconds).toBe(30);
    expect(m.intervals[9]).toMatchObject({
      start: '2026-03-10T04:00:00.000Z',
      end: '2026-03-10T05:00:00.000Z',
      offered: 5,
      answeredWithinThreshold: 2,
      serviceLevel: 0.4,
      talkSeconds: 1140,
      wrapUpSeconds: 90,
      ahtSeconds: 615,
    });
    expect(m.totals.answeredWithinThreshold).toBe(3);
  });

  it('answers today when no day is given, and an empty day in full', async () => {
    const today = await metrics('');
    expect(today.day).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date()));
    const m = await metrics('day=2026-01-01&interval=30');
    expect(m.intervals).toHaveLength(48);
    expect(m.totals).toMatchObject(empty);
    expect(m.operators).toEqual([]);
  });
});

describe('malformed queries and roles', () => {
  const cases: [string, string][] = [
    ['day=2026-02-30', 'day'],
    ['day=10.03.2026', 'day'],
    ['interval=20', 'interval'],
    ['interval=abc', 'interval'],
    ['threshold=0', 'threshold'],
    ['threshold=3601', 'threshold'],
    ['threshold=1.5', 'threshold'],
    ['from=2026-03-10', 'from'],
    ['day=2999-01-01', 'day'],
    ['day=1999-12-31', 'day'],
  ];
  it.each(cases)('%s is a 400 naming %s', async (query, field) => {
    const res = await get(`/api/v1/queue/metrics?${query}`);
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; message: string; issues: { path: string }[] } }>();
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.issues.map((i) => i.path)).toContain(field);
  });

  it('refuses an operator (403) and admits an analyst and an admin', async () => {
    expect((await get('/api/v1/queue/metrics', (await login(app, 'operator')).accessToken)).statusCode).toBe(
      403,
    );
    for (const role of ['analyst', 'admin'] as const)
      expect((await get('/api/v1/queue/metrics', (await login(app, role)).accessToken)).statusCode).toBe(200);
  });
});
