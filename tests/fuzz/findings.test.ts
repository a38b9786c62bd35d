// One regression test per finding of the fuzz tier: each hostile value below once produced a 500
// (or a 1011 on the live socket) on main. Each is pinned here by its number and name, with the
// answer the server owes instead (tests/fuzz/README.md lists them).
import WebSocket from 'ws';
import {
  appealMutation,
  appealPayload,
  consultationMutation,
  consultationPayload,
} from '../integration/support/testDatabase';
import { uuidv7 } from '../../src/shared/domain/ids';
import { LIVE_CLOSE, LIVE_PATH } from '../../src/shared/softphone/live';
import { CallRecord } from '../../src/shared/softphone/calls';
import { ApiError, type Role } from '../../src/shared/sync/auth';
import { PushResponse, type Mutation, type MutationResult } from '../../src/shared/sync/protocol';
import { TEST_PASSWORD } from '../integration/server/serverHarness';
import { FUZZ_PBX_TOKEN, startFuzzServer, type FuzzServer } from './support/fuzzServer';
import { deepArrayText, deepObjectText, HUGE } from './support/hostile';
import { Recorder, show, statusClass, timed } from './support/recorder';
import { mapStrings } from './support/schemaArbitrary';

const recorder = new Recorder('findings');
let server: FuzzServer;
let seq = 0;

beforeAll(async () => {
  server = await startFuzzServer({ listen: true });
});
afterAll(async () => {
  recorder.flush();
  await server?.close();
});

interface Sent {
  status: number;
  body: string;
  serverError: string | undefined;
}

/** One request in process, counted, with the server's logged error when it failed. */
async function send(
  method: 'GET' | 'POST',
  url: string,
  options: { as?: Role | 'pbx' | null; payload?: string | Buffer; contentType?: string | null } = {},
): Promise<Sent> {
  const headers: Record<string, string> = {};
  if (options.as === 'pbx') headers['authorization'] = `Bearer ${FUZZ_PBX_TOKEN}`;
  else if (options.as) headers['authorization'] = `Bearer ${server.sessions[options.as].accessToken}`;
  if (options.payload !== undefined && options.contentType !== null)
    headers['content-type'] = options.contentType ?? 'application/json';
  const r = await timed(() =>
    server.app.inject({
      method,
      url,
      headers,
      ...(options.payload === undefined ? {} : { payload: options.payload }),
    }),
  );
  if (r.kind !== 'answer') {
    recorder.record(r.kind, r.ms);
    throw new Error(
      `${method} ${url}: ${r.kind === 'hang' ? 'no answer within the bound' : r.error.message}`,
    );
  }
  recorder.record(statusClass(r.value.statusCode), r.ms);
  const id = r.value.headers['x-request-id'];
  return {
    status: r.value.statusCode,
    body: r.value.body,
    serverError: server.errorFor(typeof id === 'string' ? id : undefined),
  };
}

/** A 4xx with an ApiError body (never a 5xx: the message names the server's own error). */
function expectRefused(res: Sent, what: string): void {
  expect(
    res.status,
    `${what}: ${res.status} ${res.serverError ?? res.body.slice(0, 200)}`,
  ).toBeGreaterThanOrEqual(400);
  expect(res.status, `${what}: ${res.status} ${res.serverError ?? res.body.slice(0, 200)}`).toBeLessThan(500);
  expect(ApiError.safeParse(JSON.parse(res.body)).success, `${what}: ${res.body.slice(0, 200)}`).toBe(true);
}

function expectNot5xx(res: Sent, what: string): void {
  expect(res.status, `${what}: ${res.status} ${res.serverError ?? res.body.slice(0, 200)}`).toBeLessThan(500);
}

const mutationFor = (payload: ReturnType<typeof appealPayload>, role: Role = 'operator') =>
  appealMutation(payload, ++seq, server.users[role].id);

/** Pushes `poison` between two good appeals: 200, the poison rejected with a reason, the good ones applied once. */
async function pushBetweenGood(
  poison: Mutation | Record<string, unknown>,
  what: string,
): Promise<MutationResult> {
  const goods = [mutationFor(appealPayload()), mutationFor(appealPayload())];
  const body = { deviceId: server.devices.operator, epoch: null, mutations: [goods[0], poison, goods[1]] };
  const res = await send('POST', '/api/v1/sync/push', { as: 'operator', payload: JSON.stringify(body) });
  expect(res.status, `${what}: ${res.status} ${res.serverError ?? res.body.slice(0, 300)}`).toBe(200);
  const results = PushResponse.parse(JSON.parse(res.body)).results;
  for (const g of goods)
    expect(results.find((r) => r.mutationId === g!.mutationId)?.status, `${what}: good mutation`).toBe(
      'applied',
    );
  const ids = goods.map((g) => g!.entityId);
  const { rows } = await server.db.pool.query('SELECT id FROM appeals WHERE id = ANY($1::uuid[])', [ids]);
  expect(rows.length, `${what}: good appeals stored once`).toBe(2);
  const result = results.find((r) => r.mutationId === (poison as { mutationId: string }).mutationId)!;
  expect(result, `${what}: the poison has a result`).toBeDefined();
  return result;
}

async function expectRejected(poison: Mutation | Record<string, unknown>, what: string): Promise<void> {
  const result = await pushBetweenGood(poison, what);
  expect(result.status, `${what}: ${show(result)}`).toBe('rejected');
  if (result.status === 'rejected') expect(result.reason.message.length).toBeGreaterThan(0);
  const id = (poison as { entityId?: unknown }).entityId;
  if (typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
    const { rows } = await server.db.pool.query('SELECT id FROM appeals WHERE id = $1::uuid', [id]);
    expect(rows.length, `${what}: the poison is not stored`).toBe(0);
  }
}

const withPayload = (overrides: Record<string, unknown>) => {
  const payload = { ...appealPayload(), ...overrides } as ReturnType<typeof appealPayload>;
  return mutationFor(payload);
};

function callMutation(overrides: Partial<CallRecord> = {}): Mutation {
  const now = new Date().toISOString();
  const payload: CallRecord = {
    id: uuidv7(),
    sipCallId: `${uuidv7()}@pbx.fuzz.test`,
    direction: 'inbound',
    localNumber: '1551',
    remoteNumber: '+380671234567',
    remoteName: null,
    operatorId: server.users.operator.id,
    ringAt: now,
    answeredAt: null,
    endedAt: null,
    result: null,
    transferTarget: null,
    appealIds: [],
    consultationIds: [],
    version: 1,
    updatedAt: now,
    ...overrides,
  };
  return {
    mutationId: uuidv7(),
    seq: ++seq,
    type: 'call.upsert',
    entityId: payload.id,
    createdAt: now,
    authorId: server.users.operator.id,
    payload,
  };
}

const POST_ROUTES = [
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/sync/push',
  '/api/v1/sync/pull',
  '/api/v1/sip/credentials',
];
const APPEAL_FILTERS = [
  'status',
  'type',
  'category',
  'executor',
  'overdue',
  'priority',
  'text',
  'officialNumber',
  'limit',
  'cursor',
];

describe('fuzz findings, each pinned', () => {
  it('F01 text with U+0000 in a pushed appeal, consultation or call is rejected alone, not a 500', async () => {
    await expectRejected(withPayload({ essence: 'Немає води\u0000' }), 'essence with NUL');
    await expectRejected(
      withPayload({ applicant: { ...appealPayload().applicant, fullName: '\u0000' } }),
      'fullName NUL',
    );
    await expectRejected(
      consultationMutation(
        { ...consultationPayload(), question: 'a\u0000b' },
        ++seq,
        server.users.operator.id,
      ),
      'question NUL',
    );
    await expectRejected(callMutation({ sipCallId: 'a\u0000b' }), 'sipCallId NUL');
  });

  it('F02 a lone surrogate "\\ud800" in pushed text is rejected alone, not a 500', async () => {
    await expectRejected(withPayload({ essence: 'x\ud800y' }), 'essence lone surrogate');
    await expectRejected(
      withPayload({
        applicant: {
          ...appealPayload().applicant,
          address: { ...appealPayload().applicant.address, street: '\ud800' },
        },
      }),
      'street',
    );
    await expectRejected(
      consultationMutation({ ...consultationPayload(), answer: '\udc00' }, ++seq, server.users.operator.id),
      'answer',
    );
  });

  it('F03 a createdAt that is not a date is rejected alone, not a 500', async () => {
    const m = withPayload({ createdAt: 'not a date' });
    await expectRejected({ ...m, createdAt: 'not a date' }, 'payload and envelope createdAt');
    await expectRejected({ ...withPayload({}), createdAt: 'not a date' }, 'envelope createdAt');
    await expectRejected(withPayload({ createdAt: '0000-01-01T00:00:00Z' }), 'createdAt year 0000');
  });

  it.each([
    ['F04', '2026-13-45'],
    ['F05', '0000-01-01'],
    ['F06', '9999-12-31'],
    ['F07', '2099-01-01'],
  ])(
    '%s a receivedOn of %s is rejected alone, not a 500 (a claimed deadline on it is refused or corrected)',
    async (_id, date) => {
      await expectRejected(withPayload({ receivedOn: date }), `receivedOn ${date}`);
      // The deadline is the server's: a claimed one that is no calendar date is refused, any other is replaced.
      const m = withPayload({ deadlineOn: date });
      const result = await pushBetweenGood(m, `deadlineOn ${date}`);
      if (result.status === 'applied') {
        const { rows } = await server.db.pool.query<{ d: string }>(
          'SELECT deadline_on::text AS d FROM appeals WHERE id = $1::uuid',
          [m.entityId],
        );
        expect(rows[0]?.d, `deadlineOn ${date} kept`).not.toBe(date);
      } else expect(result.status, `deadlineOn ${date}`).toBe('rejected');
    },
  );

  it('F08 officialNumber "1551-2025-999999999999999999": a claim without proof is replaced, a filter finds nothing', async () => {
    const claim = '1551-2025-999999999999999999';
    const m = withPayload({ officialNumber: claim });
    const result = await pushBetweenGood(m, 'unproven official number');
    expect(result.status).toBe('applied');
    if (result.status === 'applied') expect(result.officialNumber).not.toBe(claim);
    for (const role of ['operator', 'analyst', 'admin'] as const) {
      const res = await send('GET', `/api/v1/appeals?officialNumber=${claim}`, { as: role });
      expect(res.status, res.serverError ?? res.body).toBe(200);
    }
  });

  it('F09 %00 in any appeals list filter is a 400 naming the filter, not a 500', async () => {
    for (const filter of APPEAL_FILTERS) {
      for (const value of ['%00', 'a%00b', '%00%00%00']) {
        const res = await send('GET', `/api/v1/appeals?${filter}=${value}`, { as: 'operator' });
        expectRefused(res, `${filter}=${value}`);
      }
    }
  });

  it('F10 GET /api/v1/pbx/ha1?username= (empty) is a 400, not a 500', async () => {
    for (const query of [
      'username=',
      'username=&realm=',
      `username=&realm=${server.config.sip.domain}`,
      'username=%00&realm=x',
      'realm=x',
    ]) {
      expectRefused(await send('GET', `/api/v1/pbx/ha1?${query}`, { as: 'pbx' }), query);
    }
  });

  it('F11 GET /api/v1/pbx/route?callId= (empty) is a 400, not a 500', async () => {
    for (const query of [
      'callId=',
      'callId=&to=1551&from=0671234567',
      'to=1551&from=1&callId=%00',
      'to=&from=&callId=x&tried=',
    ]) {
      const res = await send('GET', `/api/v1/pbx/route?${query}`, { as: 'pbx' });
      expectNot5xx(res, query);
      expect([400, 486], query).toContain(res.status);
    }
  });

  it('F12 sign-in as "admin\\u0000" is a 4xx, not a 500', async () => {
    for (const username of ['admin\u0000', '\u0000', 'admin\ud800']) {
      expectRefused(
        await send('POST', '/api/v1/auth/login', {
          payload: JSON.stringify({ username, password: TEST_PASSWORD }),
        }),
        JSON.stringify(username),
      );
    }
    expectRefused(
      await send('POST', '/api/v1/auth/login', {
        payload: JSON.stringify({ username: 'admin', password: TEST_PASSWORD, deviceId: 'd\u0000' }),
      }),
      'deviceId NUL',
    );
  });

  it('F13 a call record of version 2147483648 (2^31) is rejected alone, not a 500', async () => {
    await expectRejected(callMutation({ version: 2 ** 31 }), 'version 2^31');
    await expectRejected(callMutation({ version: 2 ** 53 }), 'version 2^53');
    await expectRejected(callMutation({ ringAt: '0000-01-01T00:00:00Z' }), 'ringAt year 0000');
  });

  it('F14 an agent history query with year 0000 is a 400, not a 500', async () => {
    for (const [from, to] of [
      ['0000-01-01T00:00:00Z', '0000-01-02T00:00:00Z'],
      ['0000-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
      ['9999-12-30T00:00:00Z', '9999-12-31T00:00:00Z'],
      ['2026-13-45T00:00:00Z', '2026-13-46T00:00:00Z'],
    ]) {
      expectRefused(
        await send('GET', `/api/v1/agents/history?from=${from}&to=${to}`, { as: 'team_lead' }),
        `${from}..${to}`,
      );
    }
  });

  it('F15 a 5,000-deep nested JSON body on every POST route (login included) is a 4xx, not a 500', async () => {
    for (const url of POST_ROUTES) {
      for (const [label, payload] of [
        ['array', deepArrayText()],
        ['object', deepObjectText()],
        ['in a field', `{"username":${deepArrayText()},"password":"x"}`],
      ] as const) {
        for (const as of [null, 'operator'] as const) {
          const res = await send('POST', url, { as, payload });
          if (url === '/api/v1/sip/credentials' && as === 'operator') expectNot5xx(res, `${url} ${label}`);
          else expectRefused(res, `${url} ${label} as ${as ?? 'anonymous'}`);
        }
      }
    }
  });

  it('F16 100 KB strings in every string field: 413 on small bodies, rejected alone in a push', async () => {
    const huge = (s: string) => s + 'x'.repeat(HUGE);
    expectRefused(
      await send('POST', '/api/v1/auth/login', {
        payload: JSON.stringify(mapStrings({ username: 'a', password: 'b', deviceId: 'c' }, huge)),
      }),
      'login',
    );
    expectRefused(
      await send('POST', '/api/v1/auth/refresh', {
        payload: JSON.stringify(mapStrings({ refreshToken: 'a' }, huge)),
      }),
      'refresh',
    );
    expectRefused(
      await send('POST', '/api/v1/sync/pull', {
        as: 'operator',
        payload: JSON.stringify(mapStrings({ deviceId: 'a', epoch: 'b', cursor: 'c' }, huge)),
      }),
      'pull',
    );
    const m = appealMutation(appealPayload(), ++seq, server.users.operator.id);
    await expectRejected({ ...m, payload: mapStrings(m.payload, huge) }, 'every payload string 100 KB');
    for (const filter of APPEAL_FILTERS) {
      expectNot5xx(
        await send('GET', `/api/v1/appeals?${filter}=${'x'.repeat(HUGE)}`, { as: 'operator' }),
        filter,
      );
    }
  });

  it('F17 numbers 1e308, -0, NaN-ish strings and negative seqs are refused, not a 500', async () => {
    const good = () => appealMutation(appealPayload(), ++seq, server.users.operator.id);
    for (const s of [-1, 0, 1e308, -0, 0.5, 'NaN', 'Infinity', 2 ** 53]) {
      const res = await send('POST', '/api/v1/sync/push', {
        as: 'operator',
        payload: JSON.stringify({
          deviceId: server.devices.operator,
          epoch: null,
          mutations: [{ ...good(), seq: s }],
        }),
      });
      expectRefused(res, `seq ${String(s)}`);
    }
    for (const literal of ['1e999', '-1e999', '-0', '9223372036854775808']) {
      const res = await send('POST', '/api/v1/sync/pull', {
        as: 'operator',
        payload: `{"deviceId":"${server.devices.operator}","epoch":null,"cursor":null,"limit":${literal}}`,
      });
      expectNot5xx(res, `pull limit ${literal}`);
      const ack = await send('POST', '/api/v1/sync/push', {
        as: 'operator',
        payload: `{"deviceId":"${server.devices.operator}","epoch":null,"acknowledgedSeq":${literal},"mutations":[${JSON.stringify(good())}]}`,
      });
      expectNot5xx(ack, `acknowledgedSeq ${literal}`);
    }
    await expectRejected(withPayload({ signatories: 1e308 }), 'signatories 1e308');
    for (const limit of ['1e308', '-0', 'NaN', '-1', 'Infinity', '0x10']) {
      expectNot5xx(await send('GET', `/api/v1/appeals?limit=${limit}`, { as: 'operator' }), `limit=${limit}`);
    }
  });

  it('F18 wrong content types on every POST route are a 4xx, not a 500', async () => {
    for (const url of POST_ROUTES) {
      for (const contentType of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=utf-16',
        ';;;',
      ]) {
        const res = await send('POST', url, {
          as: url.includes('/auth/lo') || url.includes('refresh') ? null : 'operator',
          payload: '{"a":1}',
          contentType,
        });
        if (url === '/api/v1/sip/credentials') expectNot5xx(res, `${url} ${contentType}`);
        else expectRefused(res, `${url} ${contentType}`);
      }
    }
  });

  it('F19 empty bodies on every POST route are answered without a 500', async () => {
    for (const url of POST_ROUTES) {
      for (const contentType of ['application/json', null]) {
        const as = url === '/api/v1/auth/logout' ? null : url.includes('/auth/') ? null : 'operator';
        const res = await send('POST', url, { as, payload: '', contentType });
        if (url === '/api/v1/sip/credentials') expectNot5xx(res, `${url} empty`);
        else expectRefused(res, `${url} empty (${contentType ?? 'no type'})`);
      }
    }
  });

  it('F20 duplicate keys: the last one counts and is validated like any other', async () => {
    const res = await send('POST', '/api/v1/auth/login', {
      payload: `{"username":"operator1","password":"${TEST_PASSWORD}","username":"admin\\u0000"}`,
    });
    expectRefused(res, 'login username twice, the last with NUL');
    const m = appealMutation(appealPayload(), ++seq, server.users.operator.id);
    const text = JSON.stringify({ deviceId: server.devices.operator, epoch: null, mutations: [m] });
    const twice = text.replace('"essence":', '"essence":"\\u0000","essence":');
    const pushed = await send('POST', '/api/v1/sync/push', { as: 'operator', payload: twice });
    expect(pushed.status, pushed.serverError ?? pushed.body).toBe(200);
    const dup = text.replace(
      `"deviceId":"${server.devices.operator}"`,
      `"deviceId":"${server.devices.operator}","deviceId":"x\\u0000"`,
    );
    expectRefused(
      await send('POST', '/api/v1/sync/push', { as: 'operator', payload: dup }),
      'deviceId twice',
    );
  });

  it('F22 a call record whose caller id or name holds a lone surrogate is refused by the schema, not by the database', async () => {
    // Found by this tier (seeds 1 and 2): CallRecord's caller fields refuse controls but not broken
    // characters, so a workstation saves such a call and the server's jsonb refuses it on every push.
    for (const field of ['remoteNumber', 'localNumber', 'transferTarget', 'remoteName'] as const) {
      for (const value of ['\ud800', 'x\udc00', '\udc00\ud800']) {
        const m = callMutation({ [field]: value });
        expect(
          CallRecord.safeParse(m.payload).success,
          `${field} ${show(value)}: the schema accepts it`,
        ).toBe(false);
        const result = await pushBetweenGood(m, `${field} ${show(value)}`);
        expect(result.status).toBe('rejected');
        if (result.status === 'rejected') {
          expect(result.reason.message, `${field} ${show(value)}`).not.toMatch(/database code/);
        }
      }
    }
  });

  it('F21 a live hello whose deviceId holds U+0000 is closed 4400, not 1011', async () => {
    const session = await server.mint('operator', { deviceId: null });
    for (const deviceId of ['ws\u0000device', '\ud800', '\u0000']) {
      const ws = new WebSocket(`${server.url!.replace(/^http/, 'ws')}${LIVE_PATH}`);
      ws.on('error', () => undefined);
      const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
      await new Promise<void>((done) => ws.once('open', () => done()));
      const start = performance.now();
      ws.send(JSON.stringify({ type: 'hello', token: session.accessToken, deviceId }));
      const r = await timed(() => closed);
      const code = r.kind === 'answer' ? r.value : -1;
      recorder.record(code === 1011 ? '5xx' : code === -1 ? 'hang' : '4xx', performance.now() - start);
      expect(code, `deviceId ${show(deviceId)}`).toBe(LIVE_CLOSE.badMessage);
      ws.terminate();
    }
  });
});
