// What people do to incidents, through the real routes and PostgreSQL: an operator links an appeal;
// a lead confirms, merges, splits and closes (each linked appeal moves on to its own callback, in
// one transaction, audited); other roles are refused; two leads at once: one wins, one gets 409.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_PATHS, IncidentActed } from '../../../src/shared/incidents';
import {
  createAccount,
  loginAs,
  startServerDatabase,
  testServer,
  type ServerDatabase,
} from '../server/serverHarness';
import { historyOf, storedAppeal } from '../server/serverLifecycleSupport';
import {
  act,
  address,
  CONSTRUCTION,
  detail,
  detectorIdle,
  near,
  openDesk,
  registerAt,
  RULES,
  tokenOf,
  type Desk,
} from './incidentHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let desk: Desk;
let operator: string;
let lead: string;
let otherLead: string;
let streets = 0;

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, { incidents: RULES });
  desk = await openDesk(app, 'operator1');
  operator = await tokenOf(app, 'operator');
  lead = await tokenOf(app, 'team_lead');
  await createAccount(db.pool, 'lead2', 'team_lead');
  otherLead = (await loginAs(app, 'lead2')).accessToken;
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

/** A detected incident of `count` lift appeals at a building of its own; its id and appeal ids. */
async function detected(count = 3, category = undefined as undefined | typeof CONSTRUCTION) {
  const at = address(`вул. Інцидентна ${++streets}`, '7');
  const appeals: string[] = [];
  for (let i = 0; i < count; i++) appeals.push(await registerAt(app, desk, at, category));
  await detectorIdle(db.pool);
  const [incident] = await near(app, operator, at);
  if (!incident) throw new Error('no incident detected');
  return { id: incident.id, appeals, at };
}

const acted = (body: string) => IncidentActed.parse(JSON.parse(body));

describe('linking an appeal', () => {
  it('links in one request, idempotently, and never into a second incident', async () => {
    const a = await detected();
    const b = await detected();
    const lone = await registerAt(app, desk, address('вул. Окрема', '1'));
    const first = await act(app, operator, INCIDENT_PATHS.links, a.id, { appealId: lone });
    expect(first.statusCode, first.body).toBe(200);
    expect(acted(first.body).incident.appealCount).toBe(4);
    const again = await act(app, operator, INCIDENT_PATHS.links, a.id, { appealId: lone.toUpperCase() });
    expect(again.statusCode).toBe(200);
    expect(acted(again.body).incident.appealCount).toBe(4);
    const elsewhere = await act(app, operator, INCIDENT_PATHS.links, b.id, { appealId: lone });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error).toMatchObject({ code: 'already_linked' });
    expect(elsewhere.json().error.message).toContain(a.id);
    const missing = await act(app, operator, INCIDENT_PATHS.links, a.id, { appealId: crypto.randomUUID() });
    expect(missing.statusCode).toBe(404);
    const { rows } = await db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'incident.link' AND appeal_id = $1`,
      [lone],
    );
    expect(rows).toHaveLength(1);
  });
});

describe('the lead', () => {
  it('confirms with a script; a stale or repeated view is answered 409, other roles 403', async () => {
    const { id } = await detected();
    const refused = await act(app, operator, INCIDENT_PATHS.confirm, id, { baseVersion: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const feedback = await tokenOf(app, 'feedback');
    expect(
      (await act(app, feedback, INCIDENT_PATHS.close, id, { baseVersion: 1, answer: 'x' })).statusCode,
    ).toBe(403);
    const ok = await act(app, lead, INCIDENT_PATHS.confirm, id, {
      baseVersion: 1,
      script: 'Аварія на водогоні, бригада працює, орієнтовно до 18:00.',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const incident = acted(ok.body).incident;
    expect(incident).toMatchObject({
      state: 'confirmed',
      version: 2,
      script: expect.stringContaining('водогоні'),
    });
    expect(incident.confirmedBy).not.toBeNull();
    const stale = await act(app, lead, INCIDENT_PATHS.confirm, id, { baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect(stale.json().error.message).toMatch(/version 1, now 2/);
  });

  it('of two leads acting at once on one incident, one wins and the other gets 409', async () => {
    const { id } = await detected();
    const answers = await Promise.all([
      act(app, lead, INCIDENT_PATHS.close, id, { baseVersion: 1, answer: 'Ліфт відремонтовано.' }),
      act(app, otherLead, INCIDENT_PATHS.confirm, id, { baseVersion: 1 }),
    ]);
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const loser = answers.find((a) => a.statusCode === 409)!;
    expect(loser.json().error.code).toBe('stale_version');
  });

  it('merges two incidents of one group; not across groups nor into itself', async () => {
    const a = await detected();
    const b = await detected(4);
    const self = await act(app, lead, INCIDENT_PATHS.merge, a.id, {
      baseVersion: 1,
      intoId: a.id,
      intoVersion: 1,
    });
    expect(self.json().error.code).toBe('same_incident');
    const c = await detected(3, CONSTRUCTION);
    const across = await act(app, lead, INCIDENT_PATHS.merge, a.id, {
      baseVersion: 1,
      intoId: c.id,
      intoVersion: 1,
    });
    expect(across.statusCode).toBe(409);
    expect(across.json().error.code).toBe('group_mismatch');
    const merged = await act(app, lead, INCIDENT_PATHS.merge, a.id, {
      baseVersion: 1,
      intoId: b.id,
      intoVersion: 1,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const { incident, other } = acted(merged.body);
    expect(incident).toMatchObject({ state: 'closed', closedAs: 'merged', mergedInto: b.id, appealCount: 0 });
    expect(other).toMatchObject({ id: b.id, appealCount: 7, version: 2 });
    expect((await detail(app, operator, b.id)).appeals.filter((x) => x.linkedBy === 'merge')).toHaveLength(3);
    // At the merged one's building the screen pop shows the target, and a new appeal there joins it.
    expect((await near(app, operator, a.at)).map((i) => i.id)).toEqual([b.id]);
    await registerAt(app, desk, a.at);
    await detectorIdle(db.pool);
    expect((await detail(app, operator, b.id)).appealCount).toBe(8);
    const late = await act(app, lead, INCIDENT_PATHS.confirm, a.id, { baseVersion: 2 });
    expect(late.json().error).toMatchObject({
      code: 'incident_closed',
      message: expect.stringContaining(b.id),
    });
  });

  it('splits appeals off into a new incident, never all of them, never strangers', async () => {
    const { id, appeals } = await detected(4);
    const stranger = await act(app, lead, INCIDENT_PATHS.split, id, {
      baseVersion: 1,
      appealIds: [crypto.randomUUID()],
    });
    expect(stranger.json().error.code).toBe('not_in_incident');
    const all = await act(app, lead, INCIDENT_PATHS.split, id, { baseVersion: 1, appealIds: appeals });
    expect(all.json().error.code).toBe('split_all');
    const split = await act(app, lead, INCIDENT_PATHS.split, id, {
      baseVersion: 1,
      appealIds: appeals.slice(0, 1),
    });
    expect(split.statusCode, split.body).toBe(200);
    const { incident, other } = acted(split.body);
    expect(incident).toMatchObject({ appealCount: 3, version: 2 });
    expect(other).toMatchObject({ appealCount: 1, state: 'forming' });
    expect((await detail(app, lead, other!.id)).appeals.map((a) => a.appealId)).toEqual(appeals.slice(0, 1));
  });

  it('closes: every linked appeal moves on to its own callback, in one transaction, audited', async () => {
    const { id, appeals } = await detected(3);
    // One appeal is already awaiting its callback: it is left as it is.
    const [first, second, third] = appeals as [string, string, string];
    await db.pool.query(
      `UPDATE appeals SET status = 'awaiting_applicant_check', record = record || '{"status":"awaiting_applicant_check"}'
        WHERE id = $1`,
      [third],
    );
    const res = await act(app, lead, INCIDENT_PATHS.close, id, {
      baseVersion: 1,
      result: 'done',
      answer: 'Ліфт відремонтовано, працює.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const { incident, appeals: moved } = acted(res.body);
    expect(incident).toMatchObject({ state: 'closed', closedAs: 'resolved', version: 2 });
    const byId = new Map(moved!.map((m) => [m.appealId, m]));
    expect(byId.get(first)).toMatchObject({
      statusBefore: 'registered',
      statusAfter: 'awaiting_applicant_check',
      moved: true,
    });
    expect(byId.get(third)).toMatchObject({ moved: false, statusAfter: 'awaiting_applicant_check' });
    for (const appealId of [first, second]) {
      const appeal = await storedAppeal(db.pool, appealId);
      // Not closed: the citizen is still called back and confirms (the lifecycle's rule).
      expect(appeal.status).toBe('awaiting_applicant_check');
      expect(appeal.result).toBe('done');
      const steps = (await historyOf(db.pool, appealId)).map((h) => h.status_after);
      expect(steps).toEqual(['registered', 'assigned', 'awaiting_control_check', 'awaiting_applicant_check']);
    }
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log WHERE action = 'incident.close' AND details->>'incidentId' = $1`,
      [id],
    );
    expect(rows[0]!.n).toBe('3');
    const again = await act(app, lead, INCIDENT_PATHS.close, id, { baseVersion: 2, answer: 'x' });
    expect(again.json().error.code).toBe('incident_closed');
  });

  it('changes nothing when one appeal cannot be moved on', async () => {
    const { id, appeals } = await detected(3);
    // An appeal whose executor is not in the directory: its `assign` step is refused.
    await db.pool.query(
      `UPDATE appeals SET executor_id = 'e-gone', record = record || '{"executorId":"e-gone"}' WHERE id = $1`,
      [appeals[1]],
    );
    const res = await act(app, lead, INCIDENT_PATHS.close, id, { baseVersion: 1, answer: 'Виконано.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'appeal_refused',
      message: expect.stringContaining('nothing was changed'),
    });
    for (const appealId of appeals) expect((await storedAppeal(db.pool, appealId)).status).toBe('registered');
    expect((await detail(app, lead, id)).state).toBe('forming');
  });
});

describe('bad input', () => {
  it('answers 400 naming the field', async () => {
    const { id } = await detected();
    const version = await act(app, lead, INCIDENT_PATHS.confirm, id, { baseVersion: 'one' });
    expect(version.statusCode).toBe(400);
    expect(version.json().error.issues[0].path).toBe('baseVersion');
    const extra = await act(app, lead, INCIDENT_PATHS.close, id, {
      baseVersion: 1,
      answer: 'ok',
      sneaky: true,
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.issues[0]).toMatchObject({ path: 'sneaky', code: 'unknown_field' });
    const blank = await act(app, lead, INCIDENT_PATHS.close, id, { baseVersion: 1, answer: '   ' });
    expect(blank.json().error.issues[0].path).toBe('answer');
    const badId = await app.inject({
      method: 'GET',
      url: '/api/v1/incidents/not-a-uuid',
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(badId.statusCode).toBe(400);
    const noStreet = await app.inject({
      method: 'GET',
      url: '/api/v1/incidents/near?building=1',
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(noStreet.statusCode).toBe(400);
    expect(noStreet.json().error.issues[0].path).toBe('street');
    // A value that is not UTF-8 once decoded is refused, not taken as its raw escapes.
    const undecodable = await app.inject({
      method: 'GET',
      url: '/api/v1/incidents/near?street=%ED%A0%80&building=1',
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(undecodable.statusCode).toBe(400);
    const split = await act(app, lead, INCIDENT_PATHS.split, id, { baseVersion: 1, appealIds: [] });
    expect(split.statusCode).toBe(400);
  });
});
