// Mass incidents as real workstations meet them (issue 14, part 3): encrypted stores and sync
// engines signed in to the real server on an embedded PostgreSQL. A lead's workstation hears an
// incident form on the live channel (announced as new, with its size and place); an operator's hint
// finds it for the caller's building; the operator's appeal, registered locally, is linked once its
// push reaches the server; two leads acting on one version: the second gets the server's 409; and
// a workstation whose server is down gets no hint and no error.
import type { FastifyInstance } from 'fastify';
import type { Workstation } from '../../../src/main/workstation';
import { AppealDraft } from '../../../src/shared/domain/appeal';
import type { IncidentChange } from '../../../src/shared/ipc/incidents';
import {
  createAccount,
  startServerDatabase,
  testServer,
  TEST_PASSWORD,
  type ServerDatabase,
} from '../server/serverHarness';
import { draftInput } from '../support/drafts';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, openSynced, until, value } from '../support/syncWorkstation';
import {
  address,
  CONSTRUCTION,
  detectorIdle,
  LIFTS,
  openDesk,
  registerAt,
  RULES,
  type Desk,
} from './incidentHarness';

const tempDir = useTempDirs('ws-incidents-');
let db: ServerDatabase;
let app: FastifyInstance;
let url: string;
let desk: Desk;
const opened: Workstation[] = [];

beforeAll(async () => {
  db = await startServerDatabase();
  await createAccount(db.pool, 'lead2', 'team_lead');
  app = await testServer(db.pool, { incidents: RULES });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  desk = await openDesk(app, 'operator2');
});
afterAll(async () => {
  for (const w of opened.splice(0)) w.close();
  await app?.close();
  await db?.stop();
});

async function station(username: string, serverUrl = url): Promise<Workstation> {
  const w = await openSynced(tempDir(), randomKey(), serverUrl);
  opened.push(w);
  await value(w.handlers['auth:login']({ username, password: TEST_PASSWORD }, ctx));
  return w;
}

/** A lead's workstation once its live channel has delivered the open incidents. */
async function leadStation(username: string) {
  const w = await station(username);
  const changes: IncidentChange[] = [];
  w.onEvent((event, payload) => {
    if (event === 'incidents:changed') changes.push(payload as IncidentChange);
  });
  await until(
    'the live channel is up',
    async () => (await value(w.handlers['incidents:open']({}, ctx))).live,
  );
  return { w, changes };
}

const buildingOf = (at: ReturnType<typeof address>) => ({
  city: at.city,
  street: at.street,
  building: at.building,
});

describe('incidents on real workstations', () => {
  it('alerts the lead, hints the operator and links the operator’s appeal after its push', async () => {
    const lead = await leadStation('lead');
    const at = address('вул. Робоча', '5');
    for (let i = 0; i < RULES.minAppeals; i++) await registerAt(app, desk, at);
    await detectorIdle(db.pool);

    const alert = await until('the lead hears the incident form', () =>
      lead.changes.find((c) => c.kind === 'incident' && c.isNew && c.incident.place.includes('Робоча')),
    );
    expect(alert.kind === 'incident' && alert.incident.appealCount).toBe(RULES.minAppeals);
    const id = alert.kind === 'incident' ? alert.incident.id : '';

    const operator = await station('operator1');
    const hint = await until('the operator’s hint', async () => {
      const near = await value(
        operator.handlers['incidents:near']({ address: buildingOf(at), categoryId: LIFTS.id }, ctx),
      );
      return near.incidents.length > 0 ? near : null;
    });
    expect(hint.reachable).toBe(true);
    expect(hint.incidents[0]).toMatchObject({ id, stage: 'forming', appealCount: RULES.minAppeals });
    expect(hint.incidents[0]!.script).not.toBeNull();

    // Of another group, so the detector would never attach it: only the operator's link can.
    const draft = AppealDraft.strict().parse(
      draftInput({
        categoryId: CONSTRUCTION.id,
        executorId: CONSTRUCTION.executorId,
        applicant: { address: { street: at.street, building: at.building } },
      }),
    );
    const appeal = await value(operator.handlers['appeals:create'](draft, ctx));
    const link = await value(
      operator.handlers['incidents:link']({ incidentId: id, appealId: appeal.id }, ctx),
    );
    expect(['linked', 'queued']).toContain(link.state);

    const detail = await until(
      'the server holds the link',
      async () => {
        const d = await value(lead.w.handlers['incidents:get']({ id }, ctx));
        return d.appeals.some((a) => a.id === appeal.id) ? d : null;
      },
      15_000,
    );
    expect(detail.appealCount).toBe(RULES.minAppeals + 1);
    expect(detail.appeals.find((a) => a.id === appeal.id)?.linkedBy).toBe('operator');
    await until('the lead’s list follows', async () =>
      (await value(lead.w.handlers['incidents:open']({}, ctx))).incidents.some(
        (i) => i.id === id && i.appealCount === RULES.minAppeals + 1,
      ),
    );
  });

  it('gives the second of two leads acting on one version the server’s 409, and the first one’s result', async () => {
    const first = await leadStation('lead');
    const second = await leadStation('lead2');
    const at = address('вул. Суперечна', '9');
    for (let i = 0; i < RULES.minAppeals; i++) await registerAt(app, desk, at);
    await detectorIdle(db.pool);
    const seen = await until('both leads list it', async () => {
      const a = (await value(first.w.handlers['incidents:open']({}, ctx))).incidents.find((i) =>
        i.place.includes('Суперечна'),
      );
      const b = (await value(second.w.handlers['incidents:open']({}, ctx))).incidents.find((i) =>
        i.place.includes('Суперечна'),
      );
      return a && b && a.version === b.version ? a : null;
    });
    const confirmed = await value(
      first.w.handlers['incidents:act'](
        { id: seen.id, baseVersion: seen.version, action: { kind: 'confirm' } },
        ctx,
      ),
    );
    expect(confirmed.incident.stage).toBe('confirmed');
    const late = await second.w.handlers['incidents:act'](
      {
        id: seen.id,
        baseVersion: seen.version,
        action: { kind: 'close', result: 'done', answer: 'Ліфт полагоджено' },
      },
      ctx,
    );
    expect(late.ok).toBe(false);
    if (!late.ok) {
      expect(late.error.code).toBe('conflict');
      expect(late.error.issues?.[0]?.code).toBe('stale_version');
    }
    const now = await value(second.w.handlers['incidents:get']({ id: seen.id }, ctx));
    expect(now.stage).toBe('confirmed');
  });

  it('gives an operator whose server is down no hint and no error', async () => {
    const w = await openSynced(tempDir(), randomKey(), 'http://127.0.0.1:9');
    opened.push(w);
    const near = await w.handlers['incidents:near'](
      { address: buildingOf(address('вул. Робоча', '5')), categoryId: null },
      ctx,
    );
    expect(near).toEqual({ ok: true, value: { incidents: [], reachable: false } });
  });
});
