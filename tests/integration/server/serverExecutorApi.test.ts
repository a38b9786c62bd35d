// The REST API for organisations that integrate their own systems, against a real PostgreSQL:
// lifecycle steps and amendments with an Idempotency-Key (a retry applies once, even when it races
// the first try), the answers to refused changes, an executor account confined to its
// organisation's appeals on every route, the history's shape, and the executor directory's
// contacts edited by admins only.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeResponse } from '../../../src/server/appeals/changeSchemas';
import { seedReference } from '../../../src/server/db/seed';
import type { ExecutorRecord } from '../../../src/server/executors/schemas';
import type { WorkListResponse } from '../../../src/server/worklists/schemas';
import type { Appeal } from '../../../src/shared/domain/appeal';
import type { AppealHistory } from '../../../src/shared/domain/appealHistory';
import { addDays } from '../../../src/shared/domain/localDate';
import type { TokenPair } from '../../../src/shared/sync/auth';
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
import { openDesk, pushOne, registration, type Desk } from './serverLifecycleSupport';

const A = TEST_ORGANISATIONS.executor;
const B = TEST_ORGANISATIONS.other;

let db: ServerDatabase;
let app: FastifyInstance;
let desk: Desk;
let analyst: TokenPair;
let executor: TokenPair;
let otherExecutor: TokenPair;
let admin: TokenPair;

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool);
  desk = await openDesk(app, 'operator1');
  analyst = await login(app, 'analyst');
  executor = await login(app, 'executor');
  otherExecutor = await loginAs(app, OTHER_EXECUTOR_USERNAME);
  admin = await login(app, 'admin');
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

/** A new appeal registered through sync by the operator's desk. */
async function registered(): Promise<string> {
  const m = registration(desk);
  expect((await pushOne(app, desk, m)).status).toBe('applied');
  return m.entityId;
}

function post(
  id: string,
  what: 'transitions' | 'amendments',
  body: object,
  session: TokenPair,
  key?: string,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/appeals/${id}/${what}`,
    headers: { ...bearer(session), ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
}

const act = (id: string, action: object, baseVersion: number, session: TokenPair, key?: string) =>
  post(id, 'transitions', { action, baseVersion }, session, key);

async function assigned(to: string = A): Promise<string> {
  const id = await registered();
  const res = await act(id, { kind: 'assign', executorId: to }, 1, analyst);
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

const get = (url: string, session: TokenPair) => app.inject({ method: 'GET', url, headers: bearer(session) });

async function rowsOf(id: string) {
  const { rows } = await db.pool.query<{ version: number; history: number; changes: number; audits: number }>(
    `SELECT version,
       (SELECT count(*)::int FROM appeal_history WHERE appeal_id = $1 AND kind = 'transition') AS history,
       (SELECT count(*)::int FROM change_log WHERE entity_id = $1::text) AS changes,
       (SELECT count(*)::int FROM audit_log WHERE appeal_id = $1 AND action = 'appeal.change') AS audits
     FROM appeals WHERE id = $1`,
    [id],
  );
  return rows[0]!;
}

describe('lifecycle steps and amendments through REST', () => {
  it('applies a step once for its Idempotency-Key, whether retried later or racing the first try', async () => {
    const id = await registered();
    const key = randomUUID();
    const body = { kind: 'assign', executorId: A };
    const [first, second] = await Promise.all([
      act(id, body, 1, analyst, key),
      act(id, body, 1, analyst, key),
    ]);
    for (const res of [first!, second!]) expect(res.statusCode, res.body).toBe(200);
    expect([first!.headers['idempotent-replayed'], second!.headers['idempotent-replayed']].sort()).toEqual([
      'false',
      'true',
    ]);
    expect(first!.json()).toEqual(second!.json());
    const later = await act(id, body, 1, analyst, key.toUpperCase());
    expect(later.statusCode).toBe(200);
    expect(later.headers['idempotent-replayed']).toBe('true');
    const { appeal } = later.json<ChangeResponse>();
    expect(appeal).toMatchObject({ id, status: 'assigned', executorId: A, version: 2 });
    expect(await rowsOf(id)).toEqual({ version: 2, history: 1, changes: 2, audits: 1 });

    const reused = await act(id, { kind: 'start' }, 2, analyst, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    expect((await rowsOf(id)).version).toBe(2);
  });

  it('answers a retry without a key with stale_version (409), and keeps a refusal for its key', async () => {
    const id = await assigned();
    const again = await act(id, { kind: 'assign', executorId: A }, 1, analyst);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('stale_version');
    expect(again.json().error.message).toMatch(/an analyst/);
    const key = randomUUID();
    const refused = await act(id, { kind: 'control_accept' }, 2, analyst, key);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('not_allowed_now');
    const retried = await act(id, { kind: 'control_accept' }, 2, analyst, key);
    expect(retried.statusCode).toBe(409);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(refused.json());
  });

  it('lets the executor work its appeal and refuses what is not its step (403) or not now (409)', async () => {
    const id = await assigned();
    const started = await act(id, { kind: 'start' }, 2, executor);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json<ChangeResponse>().appeal).toMatchObject({ status: 'in_progress', version: 3 });
    const accept = await act(id, { kind: 'control_accept' }, 3, executor);
    expect(accept.statusCode).toBe(403);
    expect(accept.json().error.code).toBe('forbidden');
    const startAgain = await act(id, { kind: 'start' }, 3, executor);
    expect(startAgain.statusCode).toBe(409);
    expect(startAgain.json().error.code).toBe('not_allowed_now');
    const answered = await act(
      id,
      { kind: 'answer', result: 'done', text: 'Гаряча вода подана, тиск в нормі.' },
      3,
      executor,
    );
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json<ChangeResponse>().appeal).toMatchObject({
      status: 'awaiting_control_check',
      result: 'done',
      version: 4,
    });
  });

  it('answers a well-formed but unacceptable step with 422 and its refusal, a malformed one with 400', async () => {
    const id = await assigned();
    const forward = await act(id, { kind: 'assign', executorId: B }, 2, analyst);
    expect([forward.statusCode, forward.json().error.code]).toEqual([422, 'reason_required']);
    const unknown = await act(id, { kind: 'assign', executorId: 'e-nobody', reason: 'Не їх' }, 2, analyst);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([422, 'unknown_reference']);
    const appeal = (await get(`/api/v1/appeals/${id}`, analyst)).json<Appeal>();
    const tooLate = await act(
      id,
      {
        kind: 'extend',
        deadlineOn: addDays(appeal.receivedOn, 120),
        reason: 'Потрібна експертиза',
        citizenToBeTold: true,
      },
      2,
      analyst,
    );
    expect([tooLate.statusCode, tooLate.json().error.code]).toEqual([422, 'deadline_out_of_range']);
    const malformed = await act(id, { kind: 'teleport' }, 2, analyst);
    expect(malformed.statusCode).toBe(400);
    const badKey = await act(id, { kind: 'start' }, 2, analyst, 'not-a-uuid');
    expect(badKey.statusCode).toBe(400);
    expect((await rowsOf(id)).version).toBe(2);
  });

  it('supplements and corrects through REST, a correction only before assignment', async () => {
    const id = await registered();
    const corrected = await post(
      id,
      'amendments',
      { amendment: { corrections: { essence: 'Немає гарячої води.' } }, baseVersion: 1 },
      desk.token,
    );
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json<ChangeResponse>().appeal).toMatchObject({
      essence: 'Немає гарячої води.',
      version: 2,
    });
    expect((await act(id, { kind: 'assign', executorId: A }, 2, analyst)).statusCode).toBe(200);
    const late = await post(
      id,
      'amendments',
      { amendment: { corrections: { essence: 'Інше' } }, baseVersion: 3 },
      desk.token,
    );
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'already_assigned']);
    const supplement = await post(
      id,
      'amendments',
      {
        amendment: {
          supplement: 'Заявниця передзвонила: води немає і в сусідньому будинку.',
          addPhones: ['+380501112233'],
        },
        baseVersion: 3,
      },
      desk.token,
    );
    expect(supplement.statusCode, supplement.body).toBe(200);
    expect(supplement.json<ChangeResponse>().appeal.applicant.phones).toContain('+380501112233');
    // An executor answers; it does not amend the citizen's words.
    const byExecutor = await post(
      id,
      'amendments',
      { amendment: { supplement: 'x' }, baseVersion: 4 },
      executor,
    );
    expect(byExecutor.statusCode).toBe(403);
  });

  it('serves the history in the shared shape: who, from which workstation, what, status before and after', async () => {
    const id = await assigned();
    expect((await act(id, { kind: 'start' }, 2, executor)).statusCode).toBe(200);
    const res = await get(`/api/v1/appeals/${id}/history`, executor);
    expect(res.statusCode, res.body).toBe(200);
    const history = res.json<AppealHistory>();
    expect(history.complete).toBe(true);
    expect(history.entries.map((e) => [e.kind, e.statusBefore, e.statusAfter, e.version])).toEqual([
      ['created', null, 'registered', 1],
      ['transition', 'registered', 'assigned', 2],
      ['transition', 'assigned', 'in_progress', 3],
    ]);
    const [created, assign, start] = history.entries;
    expect(created!.user).toEqual({ id: desk.user.id, name: desk.user.name, role: 'operator' });
    expect(created!.deviceId).toBe(desk.deviceId);
    expect(assign!.user).toEqual({ id: analyst.user.id, name: analyst.user.name, role: 'analyst' });
    expect(assign!.action).toEqual({ kind: 'assign', executorId: A });
    // Through the REST API: no workstation.
    expect(assign!.deviceId).toBeNull();
    expect(start!.user?.role).toBe('executor');
  });
});

describe('an executor account sees and changes only its organisation’s appeals', () => {
  it('signs in with its organisation, which sign-in, refresh and me all name', async () => {
    expect(executor.user).toMatchObject({ role: 'executor', organisationId: A });
    expect(analyst.user.organisationId).toBeNull();
    const me = await get('/api/v1/auth/me', executor);
    expect(me.json()).toMatchObject({ role: 'executor', organisationId: A });
    const refreshed = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refreshToken: (await loginAs(app, OTHER_EXECUTOR_USERNAME)).refreshToken },
    });
    expect(refreshed.json().user).toMatchObject({ role: 'executor', organisationId: B });
    // The demo accounts: the two executors with the most appeals in the Kyiv 1551 data.
    const { rows } = await db.pool.query<{ username: string; organisation_id: string }>(
      `SELECT username, organisation_id FROM users WHERE role = 'executor' AND username LIKE 'executor_' ORDER BY username`,
    );
    expect(rows).toEqual([
      { username: 'executor1', organisation_id: 'e-6bdb0865' },
      { username: 'executor2', organisation_id: 'e-42d1462c' },
    ]);
  });

  it('answers another organisation’s appeal as missing on every route, like an id that does not exist', async () => {
    const ours = await assigned(A);
    const theirs = await assigned(B);
    // Registered with A as the classifier's suggestion: not A's until assigned.
    const suggested = await registered();
    await db.pool.query(
      `UPDATE appeals SET executor_id = $2, record = record || jsonb_build_object('executorId', $2::text) WHERE id = $1`,
      [suggested, A],
    );
    const nowhere = randomUUID();
    for (const id of [theirs, suggested, nowhere]) {
      for (const url of [`/api/v1/appeals/${id}`, `/api/v1/appeals/${id}/history`]) {
        const res = await get(url, executor);
        expect(res.statusCode, url).toBe(404);
        expect(res.json().error.message).toBe(`No appeal ${id}`);
      }
      const step = await act(id, { kind: 'start' }, 2, executor);
      expect(step.statusCode).toBe(404);
      expect(step.json()).toEqual({ error: { code: 'not_found', message: `No appeal ${id}` } });
    }
    expect((await get(`/api/v1/appeals/${ours}`, executor)).statusCode).toBe(200);
    expect((await get(`/api/v1/appeals/${theirs}`, otherExecutor)).statusCode).toBe(200);

    const listed = (await get('/api/v1/appeals?limit=200', executor)).json<{ items: { id: string }[] }>();
    const ids = listed.items.map((i) => i.id);
    expect(ids).toContain(ours);
    expect(ids).not.toContain(theirs);
    expect(ids).not.toContain(suggested);
    // Asking for the other organisation by filter narrows within its own: nothing.
    expect((await get(`/api/v1/appeals?executor=${B}`, executor)).json().items).toEqual([]);
    const inbox = (await get('/api/v1/worklists/inbox?limit=200', executor)).json<WorkListResponse>();
    expect(inbox.items.map((i) => i.id)).toContain(ours);
    expect(inbox.items.map((i) => i.id)).not.toContain(theirs);
    // The center's staff see every appeal.
    expect((await get(`/api/v1/appeals/${theirs}`, analyst)).statusCode).toBe(200);
  });
});

describe('executor directory', () => {
  const contactsOf = async (session: TokenPair) => {
    const res = await get('/api/v1/executors', session);
    expect(res.statusCode).toBe(200);
    return new Map(res.json<{ executors: ExecutorRecord[] }>().executors.map((e) => [e.id, e]));
  };
  const put = (id: string, body: object, session: TokenPair) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/executors/${id}/contacts`,
      headers: bearer(session),
      payload: body,
    });

  it('lists every executor with its contacts for any signed-in role', async () => {
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM executors');
    for (const session of [desk.token, executor]) expect((await contactsOf(session)).size).toBe(rows[0]!.n);
    expect((await contactsOf(analyst)).get(A)).toMatchObject({ id: A, contactsUpdatedAt: null });
  });

  it('lets an admin set an executor’s contacts, audited, kept over the shipped reference at the next start', async () => {
    const id = 'e-5cea7b80';
    const res = await put(
      id,
      { phone: ' +380 44 254 00 00 ', address: 'вул. Богдана Хмельницького, 2', hours: '' },
      admin,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ExecutorRecord>()).toMatchObject({
      id,
      phone: '+380 44 254 00 00',
      address: 'вул. Богдана Хмельницького, 2',
      hours: null,
    });
    expect((await contactsOf(desk.token)).get(id)).toMatchObject({ phone: '+380 44 254 00 00' });
    const { rows } = await db.pool.query<{ user_id: string; details: object }>(
      `SELECT user_id::text, details FROM audit_log WHERE action = 'executor.contacts_update'`,
    );
    expect(rows).toEqual([
      { user_id: admin.user.id, details: { executorId: id, changed: ['phone', 'address'] } },
    ]);

    // An executor nobody edited takes the shipped values again; the edited one keeps the admin's.
    await db.pool.query(`UPDATE executors SET phone = 'stale' WHERE id = $1`, [B]);
    await seedReference(db.pool);
    const after = await contactsOf(admin);
    expect(after.get(id)).toMatchObject({
      phone: '+380 44 254 00 00',
      address: 'вул. Богдана Хмельницького, 2',
    });
    expect(after.get(B)!.phone).toBeNull();
  });

  it('refuses an edit by anyone but an admin, of an unknown executor, or with unstorable text', async () => {
    const body = { phone: '+380441111111', address: null, hours: null };
    for (const session of [analyst, executor, await login(app, 'team_lead')]) {
      const res = await put(A, body, session);
      expect(res.statusCode).toBe(403);
    }
    expect((await contactsOf(admin)).get(A)!.phone).toBeNull();
    expect((await put('e-nobody', body, admin)).statusCode).toBe(404);
    for (const bad of [
      { ...body, phone: 'a\u0000b' },
      { ...body, hours: 'Пн\nВт' },
      { ...body, phone: '1'.repeat(41) },
      { phone: '+380441111111' },
      { ...body, email: 'x@y' },
    ]) {
      const res = await put(A, bad, admin);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });
});
