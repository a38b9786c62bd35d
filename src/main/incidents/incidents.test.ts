// The incidents feature of main against a fake server API: the operator's hint never fails (offline,
// signed out, a server error: nothing known), the server's incidents become the renderer's views, a
// link waits for the appeal's push, the lead's refusals keep the server's code (409 stale_version),
// and the holder announces an incident as new only when it forms after the first list.
import type { Incident } from '../../shared/incidents';
import type { IncidentChange } from '../../shared/ipc/incidents';
import type { Role } from '../../shared/sync/auth';
import type { Signer } from '../core/authorship';
import type { ServiceContext } from '../core/context';
import type { ServerApi, ServerOutcome } from '../core/serverApi';
import { createIncidentsHolder } from './incidentsHolder';
import { actOnIncident, incidentsNear, linkAppeal, attemptLink } from './incidentsService';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore } from '../core/db/openStore';
import type { Store } from '../core/db/types';
import { sqliteLinksStore } from './linksStore';
import { createPendingLinks } from './pendingLinks';

const incident = (patch: Partial<Incident> = {}): Incident => ({
  id: '0193a000-0000-7000-8000-000000000001',
  state: 'forming',
  closedAs: null,
  mergedInto: null,
  categoryGroupId: 'g-water',
  place: { key: 'київ|хрещатик|22', line: 'Київ, вул. Хрещатик 22', lat: null, lon: null },
  radiusMeters: null,
  appealCount: 4,
  firstAt: '2026-12-07T08:00:00.000Z',
  lastAt: '2026-12-07T08:40:00.000Z',
  script: 'Аварія на водогоні, бригада працює.',
  version: 2,
  detectedAt: '2026-12-07T08:20:00.000Z',
  confirmedBy: null,
  confirmedAt: null,
  closedBy: null,
  closedAt: null,
  ...patch,
});

let signer: Signer;
let online: boolean;
let answers: ServerOutcome[];
let requests: { method: string; path: string; body: unknown }[];

const signedIn = (role: Role): Signer => ({
  kind: 'signed_in',
  user: { id: 'u-1', username: 'x', name: 'X', role, organisationId: null },
});

beforeEach(() => {
  signer = signedIn('operator');
  online = true;
  answers = [];
  requests = [];
});

const server: ServerApi = {
  request: (method, path, body) => {
    requests.push({ method, path, body });
    return Promise.resolve(answers.shift() ?? { kind: 'unreachable', message: 'down' });
  },
  online: () => online,
};
const ctx = () =>
  ({
    signer: () => signer,
    server,
    reference: { classifier: { types: [{ id: 't-1', groupId: 'g-water' }] } },
  }) as unknown as ServiceContext;
const address = { city: 'Київ', street: 'вул. Хрещатик', building: '22' };

describe('the operator’s hint', () => {
  it('asks the server for the building and category and gives the screens its views', async () => {
    answers = [{ kind: 'ok', status: 200, body: { incidents: [incident()] } }];
    const near = await incidentsNear(ctx(), { address, categoryId: 't-1' });
    expect(requests[0]!.path).toBe(
      '/api/v1/incidents/near?city=%D0%9A%D0%B8%D1%97%D0%B2&street=%D0%B2%D1%83%D0%BB.+%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA&building=22&categoryId=t-1',
    );
    expect(near).toEqual({
      ok: true,
      value: {
        reachable: true,
        incidents: [
          expect.objectContaining({
            stage: 'forming',
            place: 'Київ, вул. Хрещатик 22',
            since: '2026-12-07T08:00:00.000Z',
            appealCount: 4,
            script: 'Аварія на водогоні, бригада працює.',
          }),
        ],
      },
    });
  });

  it.each([
    ['offline', () => (online = false)],
    ['signed out', () => (signer = { kind: 'signed_out' })],
    ['a server failure', () => (answers = [{ kind: 'unreachable', message: 'HTTP 500' }])],
    ['an unknown answer', () => (answers = [{ kind: 'ok', status: 200, body: { nope: 1 } }])],
    [
      'a refusal',
      () => (answers = [{ kind: 'client_error', status: 403, code: 'forbidden', message: 'no' }]),
    ],
  ])('is “nothing known”, never an error, on %s', async (_, arrange) => {
    arrange();
    expect(await incidentsNear(ctx(), { address, categoryId: null })).toEqual({
      ok: true,
      value: { incidents: [], reachable: false },
    });
  });
});

describe('linking', () => {
  it('queues a link the server cannot take yet (404: not pushed) and makes it once the appeal is there', async () => {
    const links = createPendingLinks({ attempt: (l) => attemptLink(ctx(), l), retryMs: 60_000 });
    answers = [{ kind: 'client_error', status: 404, code: 'not_found', message: 'No such appeal' }];
    const link = { incidentId: incident().id, appealId: '0193a000-0000-7000-8000-0000000000aa' };
    expect(await linkAppeal(ctx(), links, link)).toEqual({ ok: true, value: { state: 'queued' } });
    expect(requests[0]).toEqual({
      method: 'POST',
      path: `/api/v1/incidents/${incident().id}/links`,
      body: { appealId: link.appealId },
    });
    answers = [{ kind: 'ok', status: 200, body: { incident: incident(), other: null } }];
    links.kick();
    await vi.waitFor(() => expect(links.waiting()).toEqual([]));
    expect(requests).toHaveLength(2);
    links.dispose();
  });

  it('gives up on a link the server refuses for good (another incident holds the appeal)', async () => {
    const links = createPendingLinks({ attempt: (l) => attemptLink(ctx(), l) });
    answers = [{ kind: 'client_error', status: 409, code: 'already_linked', message: 'in another' }];
    const result = await linkAppeal(ctx(), links, { incidentId: 'i', appealId: 'a' });
    expect(result.ok).toBe(false);
    expect(links.waiting()).toEqual([]);
    links.dispose();
  });
});

describe('links kept in the store', () => {
  let dir: string;
  const key = randomBytes(32);
  const open = (): Store => {
    const opened = openStore({ file: join(dir, 'store.db'), key });
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-links-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('outlive a restart before the push, stay with the account that made them, and go once linked', async () => {
    let user: string | null = 'u-1';
    let store = open();
    let links = createPendingLinks({
      attempt: (l) => attemptLink(ctx(), l),
      retryMs: 60_000,
      store: sqliteLinksStore(store, () => user),
    });
    answers = [{ kind: 'client_error', status: 404, code: 'not_found', message: 'No such appeal' }];
    const link = { incidentId: incident().id, appealId: '0193a000-0000-7000-8000-0000000000bb' };
    expect(await linkAppeal(ctx(), links, link)).toEqual({ ok: true, value: { state: 'queued' } });
    links.dispose();
    store.close();

    // The workstation restarts; another account signs in first: the link is not theirs to make.
    store = open();
    user = 'u-2';
    links = createPendingLinks({
      attempt: (l) => attemptLink(ctx(), l),
      retryMs: 60_000,
      store: sqliteLinksStore(store, () => user),
    });
    links.reload();
    expect(links.waiting()).toEqual([]);
    expect(requests).toHaveLength(1);

    // Its maker signs in again, the appeal has been pushed: the link is made and forgotten.
    user = 'u-1';
    answers = [{ kind: 'ok', status: 200, body: { incident: incident(), other: null } }];
    links.reload();
    await vi.waitFor(() => expect(links.waiting()).toEqual([]));
    expect(requests[1]).toEqual(requests[0]);
    links.reload();
    expect(links.waiting()).toEqual([]);
    links.dispose();
    store.close();
  });
});

describe('a lead’s action', () => {
  it('sends the version seen and passes 409 stale_version on with the server’s words', async () => {
    signer = signedIn('team_lead');
    const holder = createIncidentsHolder({ emit: () => undefined });
    answers = [
      { kind: 'client_error', status: 409, code: 'stale_version', message: 'Another lead acted first' },
    ];
    const result = await actOnIncident(ctx(), holder, {
      id: incident().id,
      baseVersion: 2,
      action: { kind: 'merge', intoId: 'other', intoVersion: 5 },
    });
    expect(requests[0]).toEqual({
      method: 'POST',
      path: `/api/v1/incidents/${incident().id}/merge`,
      body: { baseVersion: 2, intoId: 'other', intoVersion: 5 },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Another lead acted first',
        issues: [{ path: '', code: 'stale_version', message: 'Another lead acted first' }],
      },
    });
  });

  it('is refused to an operator without asking the server', async () => {
    const holder = createIncidentsHolder({ emit: () => undefined });
    const result = await actOnIncident(ctx(), holder, {
      id: 'x',
      baseVersion: 1,
      action: { kind: 'close', answer: 'Fixed' },
    });
    expect(result.ok ? null : result.error.code).toBe('forbidden');
    expect(requests).toEqual([]);
  });

  it('closes with the answer and counts the appeals moved on and left', async () => {
    signer = signedIn('team_lead');
    const holder = createIncidentsHolder({ emit: () => undefined });
    const closed = incident({ state: 'closed', closedAs: 'resolved', version: 3 });
    const move = (moved: boolean) => ({
      appealId: incident().id,
      statusBefore: 'registered',
      statusAfter: 'x',
      moved,
    });
    answers = [
      {
        kind: 'ok',
        status: 200,
        body: { incident: closed, other: null, appeals: [move(true), move(true), move(false)] },
      },
    ];
    const result = await actOnIncident(ctx(), holder, {
      id: closed.id,
      baseVersion: 2,
      action: { kind: 'close', answer: 'Водогін відремонтовано' },
    });
    expect(requests[0]!.body).toEqual({ baseVersion: 2, result: 'done', answer: 'Водогін відремонтовано' });
    expect(result.ok && result.value.closed).toEqual({ moved: 2, left: 1 });
  });
});

describe('the holder', () => {
  it('raises news only for incidents formed after the first list, and drops closed ones', () => {
    const events: IncidentChange[] = [];
    const holder = createIncidentsHolder({ emit: (_e, p) => events.push(p as IncidentChange) });
    holder.replace([]);
    holder.changed({ type: 'incident.changed', change: 'detected', incident: incident() });
    holder.changed({
      type: 'incident.changed',
      change: 'grown',
      incident: incident({ appealCount: 5, version: 3 }),
    });
    // Overtaken by the later version: ignored.
    holder.changed({ type: 'incident.changed', change: 'grown', incident: incident({ version: 2 }) });
    holder.changed({
      type: 'incident.changed',
      change: 'closed',
      incident: incident({ state: 'closed', version: 4 }),
    });
    expect(events.map((e) => (e.kind === 'incident' ? [e.incident.appealCount, e.isNew] : e.live))).toEqual([
      true,
      [4, true],
      [5, false],
      [4, false],
    ]);
    expect(holder.list()).toEqual([]);
  });

  it('does not alert for what already existed at sign-in', () => {
    const events: IncidentChange[] = [];
    const holder = createIncidentsHolder({ emit: (_e, p) => events.push(p as IncidentChange) });
    holder.replace([
      {
        id: 'a',
        stage: 'forming',
        categoryGroupId: 'g',
        place: 'p',
        since: 's',
        lastAt: 'l',
        appealCount: 3,
        version: 1,
        script: null,
        closedAs: null,
      },
    ]);
    expect(events.some((e) => e.kind === 'incident' && e.isNew)).toBe(false);
  });
});
