// Walks every route of the route table with every role and without a sign-in: the answer is 401,
// 403 or 2xx exactly as the table declares.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverConfig } from '../../../src/server/config';
import { routeTable, type RouteSpec } from '../../../src/server/routes/routeTable';
import { appealMutation } from '../support/testDatabase';
import { roles, type Role } from '../../../src/shared/sync/auth';
import { WORK_LISTS_OF } from '../../../src/shared/domain/worklists';
import { insertTestIncident } from '../incidents/incidentHarness';
import {
  bearer,
  login,
  startServerDatabase,
  testServer,
  usernameFor,
  TEST_ORGANISATIONS,
  TEST_PASSWORD,
  type ServerDatabase,
} from './serverHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let appealId: string;
/** Assigned to the test executor's organisation: what an executor account may read. */
let assignedId: string;
let pushAppeal: () => Promise<string>;

const PBX_TOKEN = 'b'.repeat(64);

beforeAll(async () => {
  db = await startServerDatabase();
  app = await testServer(db.pool, {
    metricsToken: 'metrics-secret-token',
    pbxToken: PBX_TOKEN,
    sip: { ...serverConfig({}, {}).sip, wsUri: 'wss://pbx.test:8443', domain: 'pbx.test' },
  });
  const deviceId = randomUUID();
  const operator = await login(app, 'operator', deviceId);
  pushAppeal = async () => {
    const mutation = appealMutation(undefined, undefined, operator.user.id);
    const pushed = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: bearer(operator),
      payload: { deviceId, epoch: null, mutations: [mutation] },
    });
    expect(pushed.statusCode).toBe(200);
    return mutation.entityId;
  };
  appealId = await pushAppeal();
  assignedId = await inState('assigned');
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

/** A fresh appeal moved to `status` (the lifecycle's steps are not what this test is about). */
async function inState(status: string): Promise<string> {
  const id = await pushAppeal();
  await db.pool.query(
    `UPDATE appeals SET status = $2, executor_id = $3,
       record = record || jsonb_build_object('status', $2::text, 'executorId', $3::text) WHERE id = $1`,
    [id, status, TEST_ORGANISATIONS.executor],
  );
  return id;
}

/** A step each role may take, on a fresh appeal in the state it is taken from. */
async function transitionFor(role: Caller): Promise<Example> {
  const [status, action] =
    role === 'executor'
      ? ['assigned', { kind: 'start' }]
      : role === 'feedback'
        ? ['awaiting_applicant_check', { kind: 'callback', outcome: 'confirmed' }]
        : ['registered', { kind: 'assign', executorId: TEST_ORGANISATIONS.other }];
  const id = status === 'registered' ? await pushAppeal() : await inState(status);
  return { url: `/api/v1/appeals/${id}/transitions`, payload: { action, baseVersion: 1 } };
}

type Caller = Role | 'pbx' | null;

/** A well-formed request for each route (for the calling role); a new route without one fails the first test. */
type Example = { url: string; payload?: object; deviceId?: string };
const examples: Record<string, (as: Caller) => Example | Promise<Example>> = {
  'GET /healthz': () => ({ url: '/healthz' }),
  'GET /metrics': () => ({ url: '/metrics' }),
  'GET /api/v1/openapi.json': () => ({ url: '/api/v1/openapi.json' }),
  'POST /api/v1/auth/login': () => ({
    url: '/api/v1/auth/login',
    payload: { username: usernameFor.analyst, password: TEST_PASSWORD },
  }),
  'POST /api/v1/auth/refresh': async () => ({
    url: '/api/v1/auth/refresh',
    payload: { refreshToken: (await login(app, 'analyst')).refreshToken },
  }),
  'POST /api/v1/auth/logout': () => ({ url: '/api/v1/auth/logout', payload: {} }),
  'GET /api/v1/auth/me': () => ({ url: '/api/v1/auth/me' }),
  'GET /api/v1/appeals': () => ({ url: '/api/v1/appeals?limit=5&status=registered' }),
  // An executor account reads only its organisation's appeals: it is given one.
  'GET /api/v1/appeals/:id': (as) => ({
    url: `/api/v1/appeals/${as === 'executor' ? assignedId : appealId}`,
  }),
  'GET /api/v1/appeals/:id/history': (as) => ({
    url: `/api/v1/appeals/${as === 'executor' ? assignedId : appealId}/history`,
  }),
  'POST /api/v1/appeals/:id/transitions': transitionFor,
  'POST /api/v1/appeals/:id/amendments': async () => ({
    url: `/api/v1/appeals/${await pushAppeal()}/amendments`,
    payload: { amendment: { supplement: 'Мешканці додали: вода є лише вночі.' }, baseVersion: 1 },
  }),
  'GET /api/v1/worklists/:list': (as) => ({
    url: `/api/v1/worklists/${as && as !== 'pbx' ? WORK_LISTS_OF[as][0] : 'open'}`,
  }),
  'GET /api/v1/backlog': () => ({ url: '/api/v1/backlog' }),
  'GET /api/v1/executors': () => ({ url: '/api/v1/executors' }),
  'PUT /api/v1/executors/:id/contacts': () => ({
    url: `/api/v1/executors/${TEST_ORGANISATIONS.other}/contacts`,
    payload: { phone: '+380441234567', address: null, hours: 'Пн-Пт 9-18' },
  }),
  // A device syncs under the sign-in made on it: the caller signs in with `deviceId`.
  'POST /api/v1/sync/push': () => {
    const deviceId = randomUUID();
    return {
      url: '/api/v1/sync/push',
      deviceId,
      payload: { deviceId, epoch: null, mutations: [appealMutation()] },
    };
  },
  'POST /api/v1/sync/pull': () => {
    const deviceId = randomUUID();
    return {
      url: '/api/v1/sync/pull',
      deviceId,
      payload: { deviceId, epoch: null, cursor: null, limit: 10 },
    };
  },
  'POST /api/v1/sip/credentials': () => ({ url: '/api/v1/sip/credentials' }),
  'GET /api/v1/agents': () => ({ url: '/api/v1/agents' }),
  'GET /api/v1/agents/history': () => ({
    url: `/api/v1/agents/history?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
  }),
  // operator2: the PBX example below reserves operator1, and a call in progress is never overridden.
  'POST /api/v1/agents/:userId/state': async () => {
    const { rows } = await db.pool.query<{ id: string }>(
      `SELECT id::text FROM users WHERE username = 'operator2'`,
    );
    return {
      url: `/api/v1/agents/${rows[0]!.id}/state`,
      payload: { state: { state: 'break', reason: 'meeting' }, reason: 'Route walk' },
    };
  },
  'GET /api/v1/queue/metrics': () => ({ url: '/api/v1/queue/metrics?interval=60' }),
  // The PBX examples find something: credentials of a live sign-in, an available agent.
  'GET /api/v1/pbx/ha1': async () => {
    const operator = await login(app, 'operator');
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/sip/credentials',
      headers: bearer(operator),
    });
    expect(issued.statusCode).toBe(200);
    return { url: `/api/v1/pbx/ha1?username=${usernameFor.operator}&realm=pbx.test` };
  },
  'GET /api/v1/pbx/route': async () => {
    await db.pool.query(
      `INSERT INTO agents (user_id, state, connected, sip_registered, connection_id, connection_seen_at)
       SELECT id, '{"state": "available"}', true, true, gen_random_uuid(), now() FROM users WHERE username = $1
       ON CONFLICT (user_id) DO UPDATE SET state = '{"state": "available"}', connected = true,
         sip_registered = true, connection_seen_at = now(), reserved_until = NULL`,
      [usernameFor.operator],
    );
    return { url: `/api/v1/pbx/route?to=1551&from=anonymous&callId=${randomUUID()}` };
  },
  'GET /api/v1/pbx/queue/event': () => ({ url: '/api/v1/pbx/queue/event?event=boot&boot=route-roles-boot' }),
  'GET /api/v1/queue/now': () => ({ url: '/api/v1/queue/now' }),
  // Incidents: each change on a fresh one, at its first version.
  'GET /api/v1/incidents': () => ({ url: '/api/v1/incidents' }),
  'GET /api/v1/incidents/near': () => ({ url: '/api/v1/incidents/near?city=Київ&street=Тестова&building=1' }),
  'GET /api/v1/incidents/:id': async () => ({
    url: `/api/v1/incidents/${await insertTestIncident(db.pool)}`,
  }),
  'POST /api/v1/incidents/:id/links': async () => ({
    url: `/api/v1/incidents/${await insertTestIncident(db.pool)}/links`,
    payload: { appealId: await pushAppeal() },
  }),
  'POST /api/v1/incidents/:id/confirm': async () => ({
    url: `/api/v1/incidents/${await insertTestIncident(db.pool)}/confirm`,
    payload: { baseVersion: 1 },
  }),
  'POST /api/v1/incidents/:id/merge': async () => ({
    url: `/api/v1/incidents/${await insertTestIncident(db.pool)}/merge`,
    payload: { baseVersion: 1, intoId: await insertTestIncident(db.pool), intoVersion: 1 },
  }),
  'POST /api/v1/incidents/:id/split': async () => {
    const appeals = [await pushAppeal(), await pushAppeal()];
    return {
      url: `/api/v1/incidents/${await insertTestIncident(db.pool, appeals)}/split`,
      payload: { baseVersion: 1, appealIds: [appeals[0]] },
    };
  },
  'POST /api/v1/incidents/:id/close': async () => ({
    url: `/api/v1/incidents/${await insertTestIncident(db.pool)}/close`,
    payload: { baseVersion: 1, answer: 'Ліфт відремонтовано.' },
  }),
};

const key = (spec: RouteSpec) => `${spec.method} ${spec.url}`;

async function call(spec: RouteSpec, as: Caller) {
  const { url, payload, deviceId } = await examples[key(spec)]!(as);
  const headers = as === 'pbx' ? bearer(PBX_TOKEN) : as ? bearer(await login(app, as, deviceId)) : {};
  return app.inject({ method: spec.method, url, headers, ...(payload ? { payload } : {}) });
}

describe('route x role walk', () => {
  it('has a well-formed example for every route in the table', () => {
    expect(Object.keys(examples).sort()).toEqual(routeTable.map(key).sort());
  });

  it('grants exactly the access the issue asks for (a widened table fails here)', () => {
    const matrix = Object.fromEntries(
      routeTable.map((spec) => [
        key(spec),
        spec.access === 'public' || spec.access === 'pbx' ? spec.access : [...spec.access].sort().join(' '),
      ]),
    );
    const all = 'admin analyst executor feedback operator team_lead';
    expect(matrix).toEqual({
      'GET /healthz': 'public',
      'GET /metrics': 'admin',
      'GET /api/v1/openapi.json': 'public',
      'POST /api/v1/auth/login': 'public',
      'POST /api/v1/auth/refresh': 'public',
      'POST /api/v1/auth/logout': all,
      'GET /api/v1/auth/me': all,
      // Every role reads appeals; an executor account only its organisation's (serverExecutorApi.test.ts).
      'GET /api/v1/appeals': all,
      'GET /api/v1/appeals/:id': all,
      'GET /api/v1/appeals/:id/history': all,
      // Who may take which step is the lifecycle's; these are everyone who takes any (MUTATION_ROLES).
      'POST /api/v1/appeals/:id/transitions': 'admin analyst executor feedback team_lead',
      'POST /api/v1/appeals/:id/amendments': 'admin analyst feedback operator team_lead',
      // Which list is a role's is WORK_LISTS_OF's (serverWorklists.test.ts).
      'GET /api/v1/worklists/:list': all,
      'GET /api/v1/backlog': 'admin analyst team_lead',
      'GET /api/v1/executors': all,
      'PUT /api/v1/executors/:id/contacts': 'admin',
      // Every role syncs; which change a role may make is checked per mutation (MUTATION_ROLES).
      'POST /api/v1/sync/push': all,
      'POST /api/v1/sync/pull': all,
      'POST /api/v1/sip/credentials': 'feedback operator team_lead',
      'GET /api/v1/agents': 'admin team_lead',
      'GET /api/v1/agents/history': 'admin analyst team_lead',
      'POST /api/v1/agents/:userId/state': 'admin team_lead',
      'GET /api/v1/queue/metrics': 'admin analyst team_lead',
      'GET /api/v1/pbx/ha1': 'pbx',
      'GET /api/v1/pbx/route': 'pbx',
      'GET /api/v1/pbx/queue/event': 'pbx',
      'GET /api/v1/queue/now': 'admin analyst team_lead',
      // Incidents: the center's staff read them, those who register appeals link, leads manage.
      'GET /api/v1/incidents': 'admin analyst feedback operator team_lead',
      'GET /api/v1/incidents/near': 'admin analyst feedback operator team_lead',
      'GET /api/v1/incidents/:id': 'admin analyst feedback operator team_lead',
      'POST /api/v1/incidents/:id/links': 'admin analyst operator team_lead',
      'POST /api/v1/incidents/:id/confirm': 'admin team_lead',
      'POST /api/v1/incidents/:id/merge': 'admin team_lead',
      'POST /api/v1/incidents/:id/split': 'admin team_lead',
      'POST /api/v1/incidents/:id/close': 'admin team_lead',
    });
  });

  it('refuses to register a route that is not in the table', async () => {
    const { buildServer } = await import('../../../src/server/app');
    const { serverConfig } = await import('../../../src/server/config');
    const extra = buildServer({ pool: db.pool, config: serverConfig({}, {}), logger: false });
    expect(() => extra.get('/api/v1/undeclared', async () => 'open')).toThrow(
      /not in src\/server\/routes\/routeTable/,
    );
    await extra.close();
  });

  for (const spec of routeTable) {
    const access = spec.access;
    it(`${key(spec)}: ${typeof access === 'string' ? access : access.join(', ')}`, async () => {
      const anonymous = await call(spec, null);
      if (access === 'public') {
        expect(anonymous.statusCode, anonymous.body).toBeGreaterThanOrEqual(200);
        expect(anonymous.statusCode, anonymous.body).toBeLessThan(300);
        return;
      }
      expect(anonymous.statusCode, anonymous.body).toBe(401);
      expect(anonymous.json().error.code).toBe('unauthorized');
      const asPbx = await call(spec, 'pbx');
      if (access === 'pbx') {
        // The PBX token opens it; no user's sign-in does, whatever the role.
        expect(asPbx.statusCode, asPbx.body).toBeGreaterThanOrEqual(200);
        expect(asPbx.statusCode, asPbx.body).toBeLessThan(300);
        for (const role of roles) expect((await call(spec, role)).statusCode, role).toBe(401);
        return;
      }
      expect(asPbx.statusCode, asPbx.body).toBe(401);
      for (const role of roles) {
        const res = await call(spec, role);
        if (access.includes(role)) {
          expect(res.statusCode, `${role}: ${res.body}`).toBeGreaterThanOrEqual(200);
          expect(res.statusCode, `${role}: ${res.body}`).toBeLessThan(300);
        } else {
          expect(res.statusCode, `${role}: ${res.body}`).toBe(403);
          expect(res.json().error.code).toBe('forbidden');
        }
      }
    });
  }

  it('opens /metrics to the metrics token as well as to admins, and shows request durations', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: bearer('metrics-secret-token') });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/appeals",status="200"\}/,
    );
    expect(res.body).toContain('sync_mutations_total');
    expect(
      (await app.inject({ method: 'GET', url: '/metrics', headers: bearer('wrong-token') })).statusCode,
    ).toBe(401);
  });

  it('documents every route of the table with its roles in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of routeTable) {
      const op = doc.paths[spec.url.replace(/:(\w+)/g, '{$1}')]?.[spec.method.toLowerCase()];
      expect(op, key(spec)).toBeDefined();
      expect(op['x-roles']).toEqual(typeof spec.access === 'string' ? spec.access : [...spec.access]);
    }
    expect(
      doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('username');
  });

  it('documents the REST API for integrating organisations: work lists, backlog, changes with their refusals, executors', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const transitions = doc.paths['/api/v1/appeals/{id}/transitions'].post;
    expect(transitions.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'id', in: 'path', required: true }),
        expect.objectContaining({ name: 'idempotency-key', in: 'header', required: false }),
      ]),
    );
    expect(Object.keys(transitions.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']),
    );
    expect(transitions.responses['409'].description).toContain('stale_version');
    const action = transitions.requestBody.content['application/json'].schema.properties.action;
    expect(JSON.stringify(action)).toContain('control_return');
    expect(doc.paths['/api/v1/appeals/{id}/amendments'].post.responses['409']).toBeDefined();
    const worklist = doc.paths['/api/v1/worklists/{list}'].get;
    expect(worklist.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['list', 'executorId', 'onlyOverdue', 'limit', 'cursor']),
    );
    expect(worklist.responses['200'].content['application/json'].schema.properties).toHaveProperty('total');
    expect(doc.paths['/api/v1/backlog'].get['x-roles']).toEqual(['analyst', 'team_lead', 'admin']);
    expect(doc.paths['/api/v1/executors/{id}/contacts'].put['x-roles']).toEqual(['admin']);
    const history = doc.paths['/api/v1/appeals/{id}/history'].get.responses['200'];
    expect(history.content['application/json'].schema.properties).toHaveProperty('entries');
  });
});
