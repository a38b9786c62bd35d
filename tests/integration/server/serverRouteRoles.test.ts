// Walks every route of the route table with every role and without a sign-in: the answer is 401,
// 403 or 2xx exactly as the table declares.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverConfig } from '../../../src/server/config';
import { routeTable, type RouteSpec } from '../../../src/server/routes/routeTable';
import { appealMutation } from '../support/testDatabase';
import { roles, type Role } from '../../../src/shared/sync/auth';
import {
  bearer,
  login,
  startServerDatabase,
  testServer,
  usernameFor,
  TEST_PASSWORD,
  type ServerDatabase,
} from './serverHarness';

let db: ServerDatabase;
let app: FastifyInstance;
let appealId: string;

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
  const mutation = appealMutation(undefined, undefined, operator.user.id);
  const pushed = await app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: bearer(operator),
    payload: { deviceId, epoch: null, mutations: [mutation] },
  });
  expect(pushed.statusCode).toBe(200);
  appealId = mutation.entityId;
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

/** A well-formed request for each route; a new route without one fails the first test. */
type Example = { url: string; payload?: object; deviceId?: string };
const examples: Record<string, () => Example | Promise<Example>> = {
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
  'GET /api/v1/appeals/:id': () => ({ url: `/api/v1/appeals/${appealId}` }),
  'GET /api/v1/appeals/:id/history': () => ({ url: `/api/v1/appeals/${appealId}/history` }),
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
};

const key = (spec: RouteSpec) => `${spec.method} ${spec.url}`;

async function call(spec: RouteSpec, as: Role | 'pbx' | null) {
  const { url, payload, deviceId } = await examples[key(spec)]!();
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
    const all = 'admin analyst feedback operator team_lead';
    expect(matrix).toEqual({
      'GET /healthz': 'public',
      'GET /metrics': 'admin',
      'GET /api/v1/openapi.json': 'public',
      'POST /api/v1/auth/login': 'public',
      'POST /api/v1/auth/refresh': 'public',
      'POST /api/v1/auth/logout': all,
      'GET /api/v1/auth/me': all,
      'GET /api/v1/appeals': all,
      'GET /api/v1/appeals/:id': all,
      'GET /api/v1/appeals/:id/history': 'admin analyst team_lead',
      // Every role syncs; which change a role may make is checked per mutation (MUTATION_ROLES).
      'POST /api/v1/sync/push': all,
      'POST /api/v1/sync/pull': all,
      'POST /api/v1/sip/credentials': 'operator team_lead',
      'GET /api/v1/agents': 'admin team_lead',
      'GET /api/v1/agents/history': 'admin analyst team_lead',
      'GET /api/v1/pbx/ha1': 'pbx',
      'GET /api/v1/pbx/route': 'pbx',
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
        expect(asPbx.statusCode, asPbx.body).toBe(200);
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
});
