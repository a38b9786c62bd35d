// The central server on a real listening socket: a few hundred generated requests over HTTP on
// loopback (Node's HTTP parser, Fastify's body reading), malformed HTTP written by hand, and the
// live WebSocket (/api/v1/live) with hostile hellos and messages. Nothing may answer 5xx, close a
// live socket as an internal error (1011), or leave a request unanswered past the bound.
import fc from 'fast-check';
import { Agent, validateHeaderValue } from 'node:http';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { issueAccessToken } from '../../src/server/auth/tokens';
import { routeTable } from '../../src/server/routes/routeTable';
import { LIVE_PATH, LiveClientMessage } from '../../src/shared/softphone/live';
import { roles, type Role } from '../../src/shared/sync/auth';
import {
  FUZZ_TOKEN_SECRET,
  startFuzzServer,
  type FuzzServer,
  type MintedSession,
} from './support/fuzzServer';
import { deepArrayText, deepObjectText, hostileStrings, HUGE, type Tagged } from './support/hostile';
import { runHttpCase, sendHttp, type HttpCase } from './support/httpCase';
import { eachLimited, Recorder, show, timed } from './support/recorder';
import { routeCases, type OpenApiDocument, type RouteFuzzContext } from './support/routeCases';
import { CONCURRENCY, scaled, seedFor } from './support/settings';

const recorder = new Recorder('server-network');
let server: FuzzServer;
let baseUrl: string;
let agent: Agent;

beforeAll(async () => {
  server = await startFuzzServer({ listen: true, overrides: {} });
  baseUrl = server.url!;
  agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
});
afterAll(async () => {
  recorder.flush();
  agent?.destroy();
  await server?.close();
});

/** Whether Node's HTTP client can send the case at all (it refuses NUL and CR/LF in headers). */
function sendable(c: HttpCase): boolean {
  try {
    for (const [k, v] of Object.entries(c.headers)) validateHeaderValue(k, v);
    return !/[^\x21-\x7e]/.test(c.url);
  } catch {
    return false;
  }
}

describe('over HTTP on loopback', () => {
  it('answers generated requests to every route within the bound and never 5xx', async () => {
    const mark = recorder.mark();
    const doc = (
      await server.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
    ).json<OpenApiDocument>();
    const minted = {} as Record<Role, MintedSession[]>;
    for (const role of roles)
      minted[role] = await Promise.all(Array.from({ length: scaled(30) }, () => server.mint(role)));
    let seq = 9_000_000;
    const ctx: RouteFuzzContext = {
      server,
      doc,
      appealIds: [],
      sipUsernames: [],
      minted,
      badBearers: [
        { label: 'garbage', value: 'Bearer x.y' },
        {
          label: 'forged',
          value: `Bearer ${issueAccessToken('wrong', { sub: server.users.admin.id, role: 'admin', sid: 'x' }, 60)}`,
        },
      ],
      nextSeq: () => ++seq,
    };
    const cases = routeTable.flatMap((spec) =>
      fc.sample(routeCases(spec, ctx), {
        seed: seedFor(`http ${spec.method} ${spec.url}`),
        numRuns: scaled(24),
      }),
    );
    const send = (c: HttpCase) => sendHttp(baseUrl, agent, c);
    await eachLimited(cases.filter(sendable), CONCURRENCY, async (c) => {
      await runHttpCase(c, recorder, send, server.errorFor);
    });
    recorder.expectNone(mark);
  });
});

/** Writes raw bytes on a fresh connection; resolves with every status line answered, once closed. */
function rawExchange(
  bytes: Buffer | string,
  within = 5_000,
): Promise<{ statuses: number[]; closed: boolean }> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
      resolve({ statuses, closed });
    };
    const timer = setTimeout(() => finish(false), within);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('close', () => finish(true));
    socket.on('error', () => undefined);
    socket.write(bytes);
  });
}

const h = (lines: string[], body = '') => `${lines.join('\r\n')}\r\n\r\n${body}`;

const rawRequests: Tagged<string | Buffer>[] = [
  { label: 'garbage-line', value: 'GARBAGE\r\n\r\n' },
  { label: 'nul-in-line', value: 'GET /healthz\u0000 HTTP/1.1\r\nHost: x\r\n\r\n' },
  {
    label: 'negative-length',
    value: h([
      'POST /api/v1/auth/login HTTP/1.1',
      'Host: x',
      'Content-Type: application/json',
      'Content-Length: -1',
    ]),
  },
  {
    label: 'length-not-a-number',
    value: h(['POST /api/v1/auth/login HTTP/1.1', 'Host: x', 'Content-Length: abc']),
  },
  {
    label: 'two-lengths',
    value: h(['POST /api/v1/auth/login HTTP/1.1', 'Host: x', 'Content-Length: 2', 'Content-Length: 3'], '{}'),
  },
  {
    label: 'length-and-chunked',
    value: h(
      [
        'POST /api/v1/auth/login HTTP/1.1',
        'Host: x',
        'Content-Type: application/json',
        'Content-Length: 4',
        'Transfer-Encoding: chunked',
      ],
      '0\r\n\r\n',
    ),
  },
  {
    label: 'bad-chunk-size',
    value: h(
      [
        'POST /api/v1/auth/login HTTP/1.1',
        'Host: x',
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
      ],
      'zz\r\n{}\r\n0\r\n\r\n',
    ),
  },
  {
    label: 'chunked-deep-json',
    value: (() => {
      const body = deepArrayText();
      return h(
        [
          'POST /api/v1/auth/login HTTP/1.1',
          'Host: x',
          'Connection: close',
          'Content-Type: application/json',
          'Transfer-Encoding: chunked',
        ],
        `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      );
    })(),
  },
  {
    label: 'chunked-deep-object-push',
    value: (() => {
      const body = deepObjectText();
      return h(
        [
          'POST /api/v1/sync/push HTTP/1.1',
          'Host: x',
          'Connection: close',
          'Authorization: Bearer x',
          'Content-Type: application/json',
          'Transfer-Encoding: chunked',
        ],
        `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
      );
    })(),
  },
  {
    label: 'body-longer-than-length',
    value: h(
      ['POST /api/v1/auth/login HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 2'],
      '{}{"x":1}',
    ),
  },
  {
    label: 'nul-in-header',
    value: h([
      'GET /api/v1/auth/me HTTP/1.1',
      'Host: x',
      'Authorization: Bearer a\u0000b',
      'Connection: close',
    ]),
  },
  {
    label: 'folded-header',
    value: h([
      'GET /api/v1/auth/me HTTP/1.1',
      'Host: x',
      'Authorization: Bearer',
      ' folded',
      'Connection: close',
    ]),
  },
  {
    label: 'huge-header',
    value: h(['GET /healthz HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(HUGE)}`, 'Connection: close']),
  },
  {
    label: 'many-headers',
    value: h([
      'GET /healthz HTTP/1.1',
      'Host: x',
      ...Array.from({ length: 3_000 }, (_, i) => `X-H${i}: v`),
      'Connection: close',
    ]),
  },
  { label: 'http-1.0', value: h(['GET /healthz HTTP/1.0']) },
  {
    label: 'absolute-form',
    value: h(['GET http://evil.example/healthz HTTP/1.1', 'Host: evil.example', 'Connection: close']),
  },
  {
    label: 'raw-utf8-path',
    value: Buffer.from(h(['GET /api/v1/appeals/ї HTTP/1.1', 'Host: x', 'Connection: close']), 'utf8'),
  },
  {
    label: 'raw-bytes-path',
    value: Buffer.concat([
      Buffer.from('GET /api/v1/appeals?category='),
      Buffer.from([0xff, 0xed, 0xa0, 0x80]),
      Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ]),
  },
  {
    label: 'pct-nul-query',
    value: h(['GET /api/v1/appeals?category=%00 HTTP/1.1', 'Host: x', 'Connection: close']),
  },
  {
    label: 'pbx-empty-username',
    value: h([
      'GET /api/v1/pbx/ha1?username= HTTP/1.1',
      'Host: x',
      `Authorization: Bearer ${'fuzz-pbx-token-0123456789abcdef'}`,
      'Connection: close',
    ]),
  },
  {
    label: 'pbx-empty-call-id',
    value: h([
      'GET /api/v1/pbx/route?callId= HTTP/1.1',
      'Host: x',
      `Authorization: Bearer ${'fuzz-pbx-token-0123456789abcdef'}`,
      'Connection: close',
    ]),
  },
  { label: 'unknown-method', value: h(['BREW /healthz HTTP/1.1', 'Host: x', 'Connection: close']) },
  {
    label: 'pipelined',
    value:
      h(['GET /healthz HTTP/1.1', 'Host: x']) +
      h(['GET /api/v1/nope HTTP/1.1', 'Host: x']) +
      h(['GET /healthz HTTP/1.1', 'Host: x', 'Connection: close']),
  },
  {
    label: 'upgrade-elsewhere',
    value: h([
      'GET /api/v1/auth/me HTTP/1.1',
      'Host: x',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ]),
  },
  {
    label: 'upgrade-bad-key',
    value: h([
      `GET ${LIVE_PATH} HTTP/1.1`,
      'Host: x',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: ???',
      'Connection: close',
    ]),
  },
  {
    label: 'upgrade-with-origin',
    value: h([
      `GET ${LIVE_PATH} HTTP/1.1`,
      'Host: x',
      'Origin: http://evil.example',
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ]),
  },
];

describe('malformed HTTP written by hand', () => {
  it('answers each with a 4xx (or a closed connection), never a 5xx or silence', async () => {
    const mark = recorder.mark();
    for (const raw of rawRequests) {
      const start = performance.now();
      const { statuses, closed } = await rawExchange(raw.value);
      const ms = performance.now() - start;
      const input = show(typeof raw.value === 'string' ? raw.value : raw.value.toString('latin1'), 200);
      if (!closed && statuses.length === 0) {
        recorder.record('hang', ms);
        recorder.fail({
          target: 'raw HTTP',
          label: raw.label,
          problem: 'no answer within the bound',
          got: 'nothing',
          input,
        });
        continue;
      }
      for (const status of statuses)
        recorder.record(status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx', ms);
      if (statuses.length === 0) recorder.record('4xx', ms);
      if (statuses.some((s) => s >= 500)) {
        recorder.fail({
          target: 'raw HTTP',
          label: raw.label,
          problem: '5xx',
          got: statuses.join(','),
          input,
        });
      }
    }
    // Whatever came before, the server still serves.
    const health = await rawExchange(h(['GET /healthz HTTP/1.1', 'Host: x', 'Connection: close']));
    expect(health.statuses).toEqual([200]);
    recorder.expectNone(mark);
  });
});

// ---------------------------------------------------------------------------------------------
// The live WebSocket.

type Step = { label: string; text: string | Buffer; binary?: boolean };

interface LiveCase {
  label: string;
  /** Headers of the upgrade (an Origin makes it a browser page's). */
  headers?: Record<string, string>;
  path?: string;
  steps: Step[];
  /** The steps the server must answer with a message, not a close (a valid hello and what follows). */
  mustAnswer: number;
}

type LiveEvent =
  | { kind: 'message'; data: string }
  | { kind: 'close'; code: number; reason: string }
  | { kind: 'refused'; status: number }
  | { kind: 'error'; message: string };

function openLive(
  c: LiveCase,
): Promise<{ ws: WebSocket | null; event: LiveEvent | null; next: () => Promise<LiveEvent | 'hang'> }> {
  const url = `${baseUrl.replace(/^http/, 'ws')}${c.path ?? LIVE_PATH}`;
  const ws = new WebSocket(url, { headers: c.headers ?? {} });
  const queue: LiveEvent[] = [];
  const waiters: ((e: LiveEvent) => void)[] = [];
  const push = (e: LiveEvent) => {
    const w = waiters.shift();
    if (w) w(e);
    else queue.push(e);
  };
  ws.on('message', (data) => {
    // Events the server sends on its own (another socket's change) answer no step.
    if (/^\{"type":"(sync\.changed|agent\.changed)"/.test(String(data))) return;
    push({ kind: 'message', data: String(data) });
  });
  ws.on('close', (code, reason) => push({ kind: 'close', code, reason: String(reason) }));
  ws.on('unexpected-response', (_req, res) => {
    push({ kind: 'refused', status: res.statusCode ?? 0 });
    ws.terminate();
  });
  ws.on('error', (err) => push({ kind: 'error', message: err.message }));
  const next = async (): Promise<LiveEvent | 'hang'> => {
    const queued = queue.shift();
    if (queued) return queued;
    const r = await timed(() => new Promise<LiveEvent>((resolve) => waiters.push(resolve)));
    return r.kind === 'answer' ? r.value : 'hang';
  };
  return new Promise((resolve) => {
    ws.once('open', () => resolve({ ws, event: null, next }));
    ws.once('unexpected-response', (_req, res) =>
      resolve({ ws: null, event: { kind: 'refused', status: res.statusCode ?? 0 }, next }),
    );
    ws.once('error', (err) => resolve({ ws: null, event: { kind: 'error', message: err.message }, next }));
  });
}

/** Close codes a refusal may use: 4400/4401/4403/4408 (live.ts), 1002/1007/1008/1009 (ws protocol). */
const REFUSALS = [4400, 4401, 4403, 4408, 1002, 1007, 1008, 1009];

async function runLive(c: LiveCase): Promise<void> {
  const fail = (problem: string, got: string) =>
    recorder.fail({
      target: `ws ${c.path ?? LIVE_PATH}`,
      label: c.label,
      problem,
      got,
      input: show(
        c.steps.map((s) => (typeof s.text === 'string' ? s.text : `<${s.text.length} bytes>`)).join(' | '),
        400,
      ),
    });
  const start = performance.now();
  const opened = await openLive(c);
  if (!opened.ws) {
    const e = opened.event!;
    const status = e.kind === 'refused' ? e.status : 0;
    recorder.record(status >= 500 ? '5xx' : status > 0 ? '4xx' : 'crash', performance.now() - start);
    if (status >= 500 || status === 0)
      fail('the upgrade failed', e.kind === 'error' ? e.message : String(status));
    else if (!c.headers?.['origin'] && !c.path)
      fail('a live socket was refused at the upgrade', String(status));
    return;
  }
  const ws = opened.ws;
  try {
    for (let i = 0; i < c.steps.length; i++) {
      const step = c.steps[i]!;
      const t = performance.now();
      ws.send(step.text, { binary: step.binary ?? false });
      const event = await opened.next();
      const ms = performance.now() - t;
      if (event === 'hang') {
        recorder.record('hang', ms);
        fail(`no answer to ${step.label} within the bound`, 'nothing');
        return;
      }
      if (event.kind === 'message') {
        recorder.record('2xx', ms);
        const type = (JSON.parse(event.data) as { type?: string }).type;
        if (type === 'error') {
          // The error message comes right before its close: read the close too.
          const close = await opened.next();
          if (close !== 'hang' && close.kind === 'close') {
            if (close.code === 1011)
              fail(`${step.label}: closed as an internal error`, `1011 ${close.reason}`);
            else if (!REFUSALS.includes(close.code))
              fail(`${step.label}: closed with an unexpected code`, String(close.code));
            if (i < c.mustAnswer)
              fail(`${step.label}: a valid message was refused`, `${close.code} ${event.data.slice(0, 120)}`);
          }
          return;
        }
        continue;
      }
      if (event.kind === 'close') {
        recorder.record(event.code === 1011 ? '5xx' : '4xx', ms);
        if (event.code === 1011) fail(`${step.label}: closed as an internal error`, `1011 ${event.reason}`);
        else if (!REFUSALS.includes(event.code))
          fail(`${step.label}: closed with an unexpected code`, String(event.code));
        if (i < c.mustAnswer) fail(`${step.label}: a valid message was refused`, String(event.code));
        return;
      }
      recorder.record('crash', ms);
      fail(`${step.label}: the socket failed`, event.kind === 'error' ? event.message : event.kind);
      return;
    }
  } finally {
    ws.terminate();
  }
}

const json = (v: unknown) => JSON.stringify(v);

describe('the live WebSocket', () => {
  it('refuses hostile hellos and messages with a 44xx close, never 1011, and answers valid ones', async () => {
    const mark = recorder.mark();
    // Sign-ins made on no device: the hello's deviceId is the one the server keeps (it once closed 1011 on NUL).
    const agents: Role[] = ['operator', 'team_lead'];
    const tokens = new Map<Role, MintedSession[]>();
    for (const role of roles)
      tokens.set(
        role,
        await Promise.all(Array.from({ length: scaled(60) }, () => server.mint(role, { deviceId: null }))),
      );
    const token = (role: Role, n: number) => tokens.get(role)![n % tokens.get(role)!.length]!.accessToken;
    const deviceIds: Tagged<unknown>[] = [
      ...hostileStrings.filter((s) => s.value.length < 2_000),
      { label: 'uuid', value: '5b1c1f0e-7d44-4c4e-9e64-0d6f1b2d9c11' },
      { label: 'number', value: 42 },
      { label: 'null', value: null },
      { label: 'object', value: { $ne: 1 } },
      { label: 'huge', value: 'd'.repeat(20_000) },
    ];
    const badTokens: Tagged<unknown>[] = [
      ...hostileStrings.filter((s) => s.value.length < 5_000),
      {
        label: 'forged',
        value: issueAccessToken('wrong', { sub: server.users.operator.id, role: 'operator', sid: 'x' }, 60),
      },
      {
        label: 'expired',
        value: issueAccessToken(
          FUZZ_TOKEN_SECRET,
          { sub: server.users.operator.id, role: 'operator', sid: 'x' },
          -60,
        ),
      },
      { label: 'number', value: 1 },
    ];
    const states: Tagged<unknown>[] = [
      { label: 'available', value: { state: 'available' } },
      { label: 'break-lunch', value: { state: 'break', reason: 'lunch' } },
      { label: 'ringing', value: { state: 'ringing', callId: 'abc@pbx' } },
      { label: 'ringing-nul', value: { state: 'ringing', callId: 'a\u0000b' } },
      { label: 'on-call-surrogate', value: { state: 'on_call', callId: '\ud800' } },
      { label: 'wrap-up-0000', value: { state: 'wrap_up', until: '0000-01-01T00:00:00Z' } },
      { label: 'wrap-up-9999', value: { state: 'wrap_up', until: '9999-12-31T23:59:59Z' } },
      { label: 'wrap-up-not-a-date', value: { state: 'wrap_up', until: 'not a date' } },
      { label: 'break-unknown', value: { state: 'break', reason: 'nap' } },
      { label: 'unknown-state', value: { state: 'asleep' } },
      { label: 'call-id-100', value: { state: 'on_call', callId: 'c'.repeat(100) } },
    ];
    const caseArb = fc.oneof(
      // A hostile deviceId in an otherwise valid hello.
      fc
        .tuple(fc.constantFrom(...roles), fc.constantFrom(...deviceIds), fc.nat())
        .map(([role, device, n]): LiveCase => {
          const hello = { type: 'hello', token: token(role, n), deviceId: device.value };
          const valid = LiveClientMessage.safeParse(hello).success;
          return {
            label: `hello deviceId ${device.label} as ${role}`,
            steps: [
              { label: 'hello', text: json(hello) },
              { label: 'ping', text: json({ type: 'ping' }) },
            ],
            mustAnswer: valid ? 2 : 0,
          };
        }),
      // A hostile token.
      fc.constantFrom(...badTokens).map((t): LiveCase => ({
        label: `hello token ${t.label}`,
        steps: [{ label: 'hello', text: json({ type: 'hello', token: t.value, deviceId: 'd' }) }],
        mustAnswer: 0,
      })),
      // A valid hello, then states (hostile or not), then a ping.
      fc
        .tuple(
          fc.constantFrom(...roles),
          fc.array(fc.constantFrom(...states), { minLength: 1, maxLength: 3 }),
          fc.nat(),
        )
        .map(([role, list, n]): LiveCase => {
          const steps: Step[] = [
            { label: 'hello', text: json({ type: 'hello', token: token(role, n), deviceId: `ws-${n}` }) },
          ];
          let mustAnswer = 1;
          let stillValid = true;
          for (const s of list) {
            const message = { type: 'agent.state', state: s.value, sipRegistered: n % 2 === 0 };
            steps.push({ label: `state ${s.label}`, text: json(message) });
            stillValid = stillValid && agents.includes(role) && LiveClientMessage.safeParse(message).success;
            if (stillValid) mustAnswer++;
          }
          return { label: `states ${list.map((s) => s.label).join(',')} as ${role}`, steps, mustAnswer };
        }),
      // A valid hello, then something else entirely.
      fc
        .tuple(
          fc.constantFrom(...roles),
          fc.constantFrom<Tagged<Step>>(
            { label: 'subscribe', value: { label: 'subscribe', text: json({ type: 'agents.subscribe' }) } },
            {
              label: 'second-hello',
              value: { label: 'second hello', text: json({ type: 'hello', token: 'x', deviceId: 'd' }) },
            },
            { label: 'not-json', value: { label: 'not json', text: '{"type": ' } },
            { label: 'binary', value: { label: 'binary', text: Buffer.from([0, 1, 2]), binary: true } },
            { label: 'deep-array', value: { label: 'deep array', text: deepArrayText(7_000) } },
            { label: 'deep-object', value: { label: 'deep object', text: deepObjectText(2_500) } },
            {
              label: 'oversize',
              value: { label: 'oversize', text: json({ type: 'ping', pad: 'x'.repeat(20_000) }) },
            },
            { label: 'nul-type', value: { label: 'nul type', text: json({ type: '\u0000' }) } },
            { label: 'proto', value: { label: 'proto', text: '{"type":"ping","__proto__":{"x":1}}' } },
            { label: 'extra-field', value: { label: 'extra field', text: json({ type: 'ping', x: 1 }) } },
          ),
          fc.nat(),
        )
        .map(([role, other, n]): LiveCase => {
          const subscribeOk = other.label === 'subscribe' && (role === 'team_lead' || role === 'admin');
          return {
            label: `${other.label} after hello as ${role}`,
            steps: [
              { label: 'hello', text: json({ type: 'hello', token: token(role, n), deviceId: `ws-${n}` }) },
              other.value,
            ],
            mustAnswer: subscribeOk ? 2 : 1,
          };
        }),
      // Before any hello: whatever comes first that is not one.
      fc
        .constantFrom(
          { label: 'ping first', text: json({ type: 'ping' }) },
          { label: 'deep first', text: deepArrayText(5_000) },
          { label: 'deep object first', text: deepObjectText(2_500) },
          { label: 'null first', text: 'null' },
          { label: 'empty first', text: '' },
        )
        .map((step): LiveCase => ({ label: step.label, steps: [step], mustAnswer: 0 })),
      // Upgrades the hub refuses.
      fc.constantFrom<LiveCase>(
        { label: 'browser origin', headers: { origin: 'http://evil.example' }, steps: [], mustAnswer: 0 },
        { label: 'other path', path: '/api/v1/live2', steps: [], mustAnswer: 0 },
        {
          label: 'path with query',
          path: `${LIVE_PATH}?x=%00`,
          steps: [{ label: 'ping first', text: json({ type: 'ping' }) }],
          mustAnswer: 0,
        },
      ),
    );
    const cases = fc.sample(caseArb, { seed: seedFor('live'), numRuns: scaled(320) });
    await eachLimited(cases, CONCURRENCY, runLive);
    const loose = server.looseErrors.filter((line) => /live message failed/.test(line));
    for (const line of loose)
      recorder.fail({
        target: `ws ${LIVE_PATH}`,
        label: 'server log',
        problem: 'a live message failed inside the server',
        got: 'logged',
        input: '',
        serverError: line,
      });
    recorder.expectNone(mark);
  });
});
