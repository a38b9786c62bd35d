// Every route of the central server, in process (app.inject): requests generated from the OpenAPI
// document the server serves and judged by the route table's zod schemas, from every role, anyone
// and forged sign-ins. Nothing may answer 5xx or take longer than the bound; see support/httpCase.ts
// for what every answer must meet, and support/routeCases.ts for what is generated.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { issueAccessToken } from '../../src/server/auth/tokens';
import { routeTable, type RouteSpec } from '../../src/server/routes/routeTable';
import { appealMutation, appealPayload } from '../integration/support/testDatabase';
import { roles, type Role } from '../../src/shared/sync/auth';
import { bearer } from '../integration/server/serverHarness';
import {
  FUZZ_PBX_TOKEN,
  FUZZ_TOKEN_SECRET,
  startFuzzServer,
  type FuzzServer,
  type MintedSession,
} from './support/fuzzServer';
import { runHttpCase, sendInject } from './support/httpCase';
import { eachLimited, Recorder } from './support/recorder';
import { routeCases, type OpenApiDocument, type RouteFuzzContext } from './support/routeCases';
import { CONCURRENCY, scaled, seedFor } from './support/settings';

/** Requests per route at the default scale: cheap routes get more, sign-in (scrypt) fewer. */
const WEIGHTS: Record<string, number> = {
  'GET /healthz': 400,
  'GET /metrics': 200,
  'GET /api/v1/openapi.json': 150,
  'POST /api/v1/auth/login': 150,
  'POST /api/v1/auth/refresh': 500,
  'POST /api/v1/auth/logout': 500,
  'GET /api/v1/auth/me': 900,
  'GET /api/v1/appeals': 1_300,
  'GET /api/v1/appeals/:id': 900,
  'GET /api/v1/appeals/:id/history': 800,
  'POST /api/v1/sync/push': 1_000,
  'POST /api/v1/sync/pull': 700,
  'POST /api/v1/sip/credentials': 400,
  'GET /api/v1/agents': 400,
  'GET /api/v1/agents/history': 900,
  'GET /api/v1/pbx/ha1': 1_000,
  'GET /api/v1/pbx/route': 1_000,
};

const recorder = new Recorder('server-routes');
let server: FuzzServer;
let ctx: RouteFuzzContext;
let seq = 5_000_000;

beforeAll(async () => {
  server = await startFuzzServer();
  const doc = (
    await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
  ).json<OpenApiDocument>();

  // Appeals to read by id, SIP accounts for the PBX to look up.
  const operator = server.users.operator;
  const payloads = Array.from({ length: 20 }, () => appealPayload());
  const pushed = await server.app.inject({
    method: 'POST',
    url: '/api/v1/sync/push',
    headers: bearer(server.sessions.operator),
    payload: {
      deviceId: server.devices.operator,
      epoch: null,
      mutations: payloads.map((p) => appealMutation(p, ++seq, operator.id)),
    },
  });
  if (pushed.statusCode !== 200) throw new Error(`seeding appeals: ${pushed.statusCode} ${pushed.body}`);
  const sipUsernames: string[] = [];
  for (const role of ['operator', 'team_lead'] as const) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/sip/credentials',
      headers: bearer(server.sessions[role]),
    });
    if (res.statusCode === 200) sipUsernames.push(res.json<{ username: string }>().username);
  }

  const minted = Object.fromEntries(roles.map((r) => [r, [] as MintedSession[]])) as Record<
    Role,
    MintedSession[]
  >;
  // Enough for every logout and refresh case (they spend about 220 per role at the default scale).
  for (const role of roles) {
    minted[role] = await Promise.all(Array.from({ length: scaled(320) }, () => server.mint(role)));
  }
  const revoked = await server.mint('admin');
  await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/logout',
    headers: bearer(revoked.accessToken),
    payload: {},
  });
  const claims = { sub: server.users.admin.id, role: 'admin' as const, sid: randomUUID() };
  const tag = (label: string, value: string) => ({ label, value });
  const badBearers = [
    tag('empty', ''),
    tag('scheme-only', 'Bearer'),
    tag('scheme-space', 'Bearer '),
    tag('basic', 'Basic b3BlcmF0b3IxOnRlc3QtcGFzc3dvcmQtMQ=='),
    tag('lower-case-scheme', `bearer ${server.sessions.admin.accessToken}`),
    tag('two-parts', 'Bearer x.y'),
    tag('three-parts', 'Bearer a.b.c'),
    tag('huge', `Bearer ${'A'.repeat(3_000)}`),
    tag('nul', 'Bearer abc\u0000def'),
    tag('expired', `Bearer ${issueAccessToken(FUZZ_TOKEN_SECRET, claims, -60)}`),
    tag('forged', `Bearer ${issueAccessToken('not-the-secret', claims, 3_600)}`),
    tag('no-sign-in', `Bearer ${issueAccessToken(FUZZ_TOKEN_SECRET, claims, 3_600)}`),
    tag(
      'unknown-user',
      `Bearer ${issueAccessToken(FUZZ_TOKEN_SECRET, { ...claims, sub: randomUUID() }, 3_600)}`,
    ),
    tag('logged-out', `Bearer ${revoked.accessToken}`),
    tag('pbx-token-as-user', `Bearer ${FUZZ_PBX_TOKEN}x`),
  ];
  ctx = {
    server,
    doc,
    appealIds: payloads.map((p) => p.id),
    sipUsernames,
    minted,
    badBearers,
    nextSeq: () => ++seq,
  };
});

afterAll(async () => {
  recorder.flush();
  await server?.close();
});

const send = (c: Parameters<typeof sendInject>[1]) => sendInject(server.app, c);

describe.each(routeTable.map((spec) => [`${spec.method} ${spec.url}`, spec] as [string, RouteSpec]))(
  'fuzz %s',
  (name, spec) => {
    it('never answers 5xx, always within the bound, and as its schema and access rule say', async () => {
      const mark = recorder.mark();
      const cases = fc.sample(routeCases(spec, ctx), {
        seed: seedFor(name),
        numRuns: scaled(WEIGHTS[name] ?? 300),
      });
      await eachLimited(cases, CONCURRENCY, async (c) => {
        await runHttpCase(c, recorder, send, server.errorFor);
      });
      recorder.expectNone(mark);
    });
  },
);

describe('after the fuzzing', () => {
  it('reached past validation: generated pushes stored appeals, consultations and calls', async () => {
    // Guards the generator itself: were its valid requests all refused, the tier would prove little.
    const count = async (table: string) =>
      Number((await server.db.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    // Creates are two of the five kinds of mutation a push carries.
    expect(await count('appeals')).toBeGreaterThan(20 + 30);
    expect(await count('consultations')).toBeGreaterThan(20);
    expect(await count('calls')).toBeGreaterThan(20);
    // Lifecycle steps and amendments got past their schema to the appeal they name (which a
    // generated id rarely is: most are answered unknown_reference).
    const { rows } = await server.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM sync_ledger
        WHERE mutation_type IN ('appeal.transition', 'appeal.amend')
          AND (status = 'applied' OR result->>'code' IN ('unknown_reference', 'conflict'))`,
    );
    expect(Number(rows[0]!.n)).toBeGreaterThan(20);
    expect(recorder.byClass['2xx']).toBeGreaterThan(recorder.requests / 5);
  });

  it('still serves every role', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    for (const role of roles) {
      const res = await server.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: bearer(server.sessions[role]),
      });
      expect(res.statusCode, role).toBe(200);
    }
  });
});
