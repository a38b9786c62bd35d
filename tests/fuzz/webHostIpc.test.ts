// The web host's IPC over its WebSocket, the way the browser page calls it: every channel of the
// contract (src/shared/ipc/contract.ts) with inputs generated from its zod input schema (valid,
// boundary, hostile, random), raw frames no page would send, and a workstation signed in to a real
// server so sign-in, sync and the live socket carry hostile values onward. Asserted: every call is
// answered within the bound with a Result; none is `internal` (or `storage_error`: the store
// refusing input is a bug too); whatever the channel's schema refuses is `invalid_input` (or
// `too_large`) with a message; the host keeps serving; the server logs no failed request.
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import WebSocket from 'ws';
import { openWorkstation, type Workstation } from '../../src/main/workstation';
import { connectApi, type ApiClient } from '../../src/main/webHost/test/testClient';
import { startWebHost, type WebHost } from '../../src/main/webHost/webHost';
import { channels, contract, MAX_MESSAGE_BYTES, type Channel } from '../../src/shared/ipc/contract';
import { WEB_API_PATH } from '../../src/shared/ipc/wire';
import type { Classifier } from '../../src/shared/domain/reference';
import { errorCodes, type Result } from '../../src/shared/result';
import { TEST_PASSWORD } from '../integration/server/serverHarness';
import { startFuzzServer, type FuzzServer } from './support/fuzzServer';
import { deepArrayText, hostileStrings, type Tagged } from './support/hostile';
import { Recorder, show, timed, type Outcome } from './support/recorder';
import { fromSchema, hostileVariant, jsonSchemaOf, type Hint } from './support/schemaArbitrary';
import { scaled, seedFor } from './support/settings';

const recorder = new Recorder('web-host-ipc');
const ENVELOPE_BYTES = 16 * 1024;

interface Host {
  dir: string;
  workstation: Workstation;
  host: WebHost;
  client: ApiClient;
  categories: { id: string; executorId: string }[];
  appealIds: string[];
  consultationIds: string[];
  callIds: string[];
}

async function openHost(serverUrl: string | null): Promise<Host> {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-web-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Workstation</title>');
  const key = randomBytes(32);
  const opened = await openWorkstation({
    dataDir: join(dir, 'data'),
    keyProvider: { getKey: async () => key },
    resourcesDir: resolve('resources'),
    host: 'web',
    ...(serverUrl ? { sync: { serverUrl, tuning: { requestTimeoutMs: 3_000 } } } : {}),
  });
  if (!opened.ok) throw new Error(opened.error.message);
  const workstation = opened.value;
  const host = await startWebHost({
    port: 0,
    host: '127.0.0.1',
    rendererDir,
    workstation,
    logger: pino({ level: 'silent' }),
    validateOutput: true,
  });
  const client = await connectApi(host.url, { token: host.token });
  const classifier = await client.call('reference:classifier');
  if (!classifier.ok) throw new Error(classifier.error.message);
  const categories = (classifier.value as Classifier).types
    .filter((t) => t.defaultExecutorId !== null)
    .slice(0, 20)
    .map((t) => ({ id: t.id, executorId: t.defaultExecutorId! }));
  return { dir, workstation, host, client, categories, appealIds: [], consultationIds: [], callIds: [] };
}

async function closeHost(h: Host | undefined): Promise<void> {
  if (!h) return;
  await h.client.close();
  await h.host.close();
  h.workstation.close();
  rmSync(h.dir, { recursive: true, force: true });
}

/** Server errors already reported with the call that caused them. */
const attributed = new Set<string>();
let alone: Host;
let server: FuzzServer;
let synced: Host;

beforeAll(async () => {
  alone = await openHost(null);
  server = await startFuzzServer({ listen: true });
  synced = await openHost(server.url);
});
afterAll(async () => {
  recorder.flush();
  await closeHost(alone);
  await closeHost(synced);
  await server?.close();
});

function hintFor(h: Host): Hint {
  const now = Date.now();
  const recent = fc.integer({ min: 0, max: 3_600_000 }).map((ago) => new Date(now - ago).toISOString());
  return (name, schema) => {
    if (schema.pattern || schema.enum || schema.const !== undefined) return undefined;
    switch (name) {
      case 'categoryId':
        return fc.constantFrom(...h.categories.map((c) => c.id));
      case 'executorId':
        return fc.constantFrom(...h.categories.map((c) => c.executorId));
      case 'phones':
      case 'phone':
      case 'localNumber':
      case 'remoteNumber':
      case 'transferTarget':
        return fc.constantFrom('+380671234567', '0441234567', '+77011234567', '067 123 45 67');
      case 'city':
        return fc.constantFrom('Київ', 'Київ ');
      case 'street':
        return fc.constantFrom('вул. Хрещатик', 'Хрещатик');
      case 'building':
        return fc.constantFrom('22', '1А');
      case 'fullName':
      case 'applicantName':
        return fc.constantFrom('Коваленко Марія Іванівна', 'Test Applicant');
      case 'essence':
      case 'question':
      case 'answer':
        return fc.constantFrom('Немає гарячої води з понеділка', 'Графік прийому?');
      case 'iin':
      case 'email':
        return fc.constant('');
      case 'id':
        return fc.oneof(
          fc.constantFrom('missing-id', ...h.appealIds.slice(0, 10), ...h.callIds.slice(0, 10)),
          fc.uuid(),
        );
      case 'ringAt':
      case 'answeredAt':
      case 'endedAt':
      case 'updatedAt':
        return recent;
      case 'until':
        return fc.constant(new Date(now + 30_000).toISOString());
      case 'receivedFrom':
      case 'receivedTo':
        return fc.constantFrom(null, '2026-01-01');
      case 'username':
        return fc.constantFrom('operator1', 'admin', 'nobody', 'admin\u0000');
      case 'password':
        return fc.constantFrom(TEST_PASSWORD, 'wrong');
      default:
        return undefined;
    }
  };
}

/** What the host receives after the wire's JSON round trip (the test client sends `input ?? {}`). */
const onTheWire = (input: unknown): unknown => JSON.parse(JSON.stringify(input ?? {}) ?? '{}');

/**
 * A valid call record keeps rules no schema states (callRules.ts): an end with a result, an answer
 * after the ring, links to records that exist. Valid and boundary inputs are made to keep them.
 */
function consistent(channel: Channel, h: Host, value: unknown, n: number): unknown {
  if (channel !== 'calls:save' || value === null || typeof value !== 'object') return value;
  const call = { ...(value as Record<string, unknown>) };
  const ring = Date.parse(String(call['ringAt']));
  const at = (ms: number) => new Date((Number.isFinite(ring) ? ring : Date.now()) + ms).toISOString();
  call['appealIds'] = h.appealIds.slice(n % 7, (n % 7) + (n % 3));
  call['consultationIds'] = h.consultationIds.slice(n % 5, (n % 5) + (n % 2));
  if (call['result'] === null || call['result'] === undefined) {
    call['endedAt'] = null;
    call['answeredAt'] = n % 2 === 0 ? null : at(3_000);
  } else {
    call['answeredAt'] = call['result'] === 'answered' || n % 2 === 0 ? at(3_000) : null;
    call['endedAt'] = at(60_000);
  }
  return call;
}

function inputsFor(channel: Channel, h: Host): fc.Arbitrary<Tagged<unknown>> {
  const schema = jsonSchemaOf(contract[channel].input);
  const hint = hintFor(h);
  const valid = fc
    .tuple(fromSchema(schema, { hint }), fc.nat())
    .map(([v, n]) => consistent(channel, h, v, n));
  const boundary = fc
    .tuple(fromSchema(schema, { hint, boundaryRate: 0.3 }), fc.nat())
    .map(([v, n]) => consistent(channel, h, v, n));
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((value) => ({ label: 'valid', value })) },
    { weight: 2, arbitrary: boundary.map((value) => ({ label: 'boundary', value })) },
    { weight: 4, arbitrary: hostileVariant(valid) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ label: 'random-json', value })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...hostileStrings)
        .map((s) => ({ label: `root:${s.label}`, value: s.value })),
    },
  );
}

const classOf = (result: Result<unknown>): Outcome =>
  result.ok
    ? '2xx'
    : result.error.code === 'internal' || result.error.code === 'storage_error'
      ? '5xx'
      : '4xx';

/** One call on `client` (or, for a frame the host closes the socket on, on a connection of its own). */
async function call(
  h: Host,
  channel: string,
  tagged: Tagged<unknown>,
  target = `ipc ${channel}`,
): Promise<Result<unknown> | null> {
  const wire = onTheWire(tagged.value);
  const frameBytes = Buffer.byteLength(JSON.stringify({ id: 1, channel, input: wire }));
  const input = show(tagged.value, 300);
  const fail = (problem: string, got: string) =>
    recorder.fail({ target, label: tagged.label, problem, got, input });
  if (frameBytes > MAX_MESSAGE_BYTES + ENVELOPE_BYTES) {
    // Over the frame limit: the host closes that socket (1009) and keeps the others.
    const own = await connectApi(h.host.url, { token: h.host.token });
    const closed = new Promise<number>((done) => own.socket.once('close', (code) => done(code)));
    own.socket.send(JSON.stringify({ id: 1, channel, input: wire }));
    const r = await timed(() => closed);
    if (r.kind !== 'answer') {
      recorder.record('hang', r.ms);
      fail('an oversize frame was neither refused nor answered', 'nothing');
    } else {
      recorder.record(r.value === 1009 ? '4xx' : '5xx', r.ms);
      if (r.value !== 1009) fail('an oversize frame closed with another code', String(r.value));
    }
    own.socket.terminate();
    return null;
  }
  const errorsBefore = h === synced ? new Set(server.requestErrors.keys()) : null;
  const r = await timed(() => h.client.call(channel, tagged.value));
  if (errorsBefore) {
    // A failure the call caused on the server is reported with the call (and not again below).
    for (const [id, error] of server.requestErrors) {
      if (errorsBefore.has(id) || attributed.has(id)) continue;
      attributed.add(id);
      recorder.fail({
        target: `server via ${target}`,
        label: tagged.label,
        problem: 'a request failed on the server',
        got: '5xx',
        input,
        serverError: error,
      });
    }
  }
  if (r.kind !== 'answer') {
    recorder.record(r.kind, r.ms);
    fail(
      r.kind === 'hang' ? 'no answer within the bound' : 'the call failed',
      r.kind === 'crash' ? r.error.message : 'nothing',
    );
    return null;
  }
  const result = r.value;
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
    recorder.record('5xx', r.ms);
    fail('the answer is not a Result', show(result));
    return null;
  }
  recorder.record(classOf(result), r.ms);
  if (!result.ok) {
    if (!(errorCodes as readonly string[]).includes(result.error.code))
      fail('an unknown error code', result.error.code);
    if (result.error.code === 'internal' || result.error.code === 'storage_error')
      fail(result.error.code, result.error.message);
    if (!result.error.message) fail('an error without a message', result.error.code);
  }
  const known = channel in contract;
  const bytes = Buffer.byteLength(JSON.stringify(wire));
  if (known && bytes <= MAX_MESSAGE_BYTES && !contract[channel as Channel].input.safeParse(wire).success) {
    if (result.ok) fail('the schema refuses the input, the call succeeded', 'ok');
    else if (result.error.code !== 'invalid_input')
      fail('the schema refuses the input: expected invalid_input', result.error.code);
  }
  if (known && bytes > MAX_MESSAGE_BYTES && (result.ok || result.error.code !== 'too_large')) {
    fail('an input over the limit: expected too_large', result.ok ? 'ok' : result.error.code);
  }
  if (!known && (result.ok || result.error.code !== 'invalid_input'))
    fail('an unknown channel: expected invalid_input', result.ok ? 'ok' : result.error.code);
  return result;
}

function remember(h: Host, channel: string, result: Result<unknown> | null): void {
  if (!result?.ok) return;
  const id = (result.value as { id?: unknown }).id;
  if (typeof id !== 'string') return;
  if (channel === 'appeals:create') h.appealIds.push(id);
  if (channel === 'consultations:create') h.consultationIds.push(id);
  if (channel === 'calls:save') h.callIds.push(id);
}

/** Calls per channel at the default scale: the reference data answers are large, so fewer. */
const RUNS: Partial<Record<Channel, number>> = {
  'appeals:create': 260,
  'consultations:create': 260,
  'calls:save': 260,
  'reference:classifier': 120,
  'reference:executors': 120,
};

/** Channels whose valid calls end what the rest relies on (the sign-in) are called last. */
const ORDER: Channel[] = [...channels.filter((c) => c !== 'auth:logout'), 'auth:logout'];

describe('the web host alone (no server)', () => {
  it.each(ORDER.map((c) => [c]))(
    '%s: every call answered, never internal, bad input refused clearly',
    async (channel) => {
      const mark = recorder.mark();
      const cases = fc.sample(inputsFor(channel, alone), {
        seed: seedFor(`ipc ${channel}`),
        numRuns: scaled(RUNS[channel] ?? 250),
      });
      for (const c of cases) remember(alone, channel, await call(alone, channel, c));
      recorder.expectNone(mark);
    },
  );

  it('answers raw frames no page sends with an error, and keeps serving', async () => {
    const mark = recorder.mark();
    const frames: Tagged<string>[] = [
      { label: 'truncated', value: '{"id": 1, "channel": "app:info",' },
      { label: 'not-an-object', value: '[1,2,3]' },
      { label: 'null', value: 'null' },
      { label: 'deep-array-100k', value: deepArrayText(100_000) },
      {
        label: 'deep-input-100k',
        value: `{"id":7,"channel":"appeals:create","input":${deepArrayText(100_000)}}`,
      },
      {
        label: 'deep-input-5000',
        value: `{"id":7,"channel":"appeals:list","input":${deepArrayText(5_000)}}`,
      },
      { label: 'negative-id', value: '{"id":-1,"channel":"app:info","input":{}}' },
      { label: 'fraction-id', value: '{"id":1.5,"channel":"app:info","input":{}}' },
      { label: 'huge-id', value: '{"id":1e308,"channel":"app:info","input":{}}' },
      { label: 'string-id', value: '{"id":"1","channel":"app:info","input":{}}' },
      { label: 'no-id', value: '{"channel":"app:info","input":{}}' },
      { label: 'long-channel', value: JSON.stringify({ id: 2, channel: 'x'.repeat(65), input: {} }) },
      { label: 'nul-channel', value: JSON.stringify({ id: 3, channel: 'app:info\u0000', input: {} }) },
      { label: 'proto-channel', value: JSON.stringify({ id: 4, channel: '__proto__', input: {} }) },
      { label: 'constructor-channel', value: JSON.stringify({ id: 5, channel: 'constructor', input: {} }) },
      { label: 'tostring-channel', value: JSON.stringify({ id: 6, channel: 'toString', input: {} }) },
      { label: 'extra-field', value: '{"id":8,"channel":"app:info","input":{},"x":1}' },
      {
        label: 'proto-input',
        value: '{"id":9,"channel":"settings:update","input":{"__proto__":{"theme":"dark"}}}',
      },
      {
        label: 'duplicate-keys',
        value: '{"id":10,"channel":"app:info","channel":"appeals:drop","input":{}}',
      },
      { label: 'lone-surrogate-escape', value: '{"id":11,"channel":"appeals:get","input":{"id":"\\ud800"}}' },
      { label: 'nul-escape', value: '{"id":12,"channel":"appeals:get","input":{"id":"\\u0000"}}' },
    ];
    for (const f of frames) {
      const r = await timed(() => alone.client.sendRaw(f.value));
      if (r.kind !== 'answer') {
        recorder.record(r.kind, r.ms);
        recorder.fail({
          target: 'ipc raw frame',
          label: f.label,
          problem: 'no answer within the bound',
          got: 'nothing',
          input: show(f.value),
        });
        continue;
      }
      const reply = r.value as { event?: string; payload?: { code?: string }; result?: Result<unknown> };
      const code = reply.event
        ? reply.payload?.code
        : reply.result && !reply.result.ok
          ? reply.result.error.code
          : 'ok';
      recorder.record(
        code === 'internal' || code === 'storage_error' ? '5xx' : code === 'ok' ? '2xx' : '4xx',
        r.ms,
      );
      if (code === 'internal' || code === 'storage_error' || code === undefined) {
        recorder.fail({
          target: 'ipc raw frame',
          label: f.label,
          problem: 'not a clear refusal',
          got: String(code),
          input: show(f.value),
        });
      }
    }
    // Frames the WebSocket layer refuses close their own socket only.
    const closers: Tagged<{ data: string | Buffer; binary: boolean }>[] = [
      {
        label: 'oversize',
        value: { data: 'x'.repeat(MAX_MESSAGE_BYTES + ENVELOPE_BYTES + 1), binary: false },
      },
      { label: 'invalid-utf8-text', value: { data: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), binary: false } },
      { label: 'binary', value: { data: Buffer.from([1, 2, 3]), binary: true } },
    ];
    for (const c of closers) {
      const own = await connectApi(alone.host.url, { token: alone.host.token });
      const answered = new Promise<string>((done) => {
        own.socket.once('close', (code) => done(`close ${code}`));
        own.socket.once('message', (data) => done(`message ${String(data).slice(0, 80)}`));
      });
      own.socket.send(c.value.data, { binary: c.value.binary });
      const r = await timed(() => answered);
      recorder.record(r.kind === 'answer' ? (/close 1011/.test(r.value) ? '5xx' : '4xx') : r.kind, r.ms);
      if (r.kind !== 'answer')
        recorder.fail({
          target: 'ipc raw frame',
          label: c.label,
          problem: 'no answer or close within the bound',
          got: 'nothing',
          input: c.label,
        });
      else if (/close 1011|"internal"/.test(r.value))
        recorder.fail({
          target: 'ipc raw frame',
          label: c.label,
          problem: 'an internal error',
          got: r.value,
          input: c.label,
        });
      own.socket.terminate();
    }
    // A burst of 300 calls without waiting: every one answered.
    const burst = await timed(() =>
      Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          alone.client.call(i % 2 ? 'app:info' : 'appeals:list', { limit: (i % 200) + 1 }),
        ),
      ),
    );
    if (burst.kind !== 'answer')
      recorder.fail({
        target: 'ipc burst',
        label: '300 calls',
        problem: 'not all answered within the bound',
        got: burst.kind,
        input: '',
      });
    else for (const result of burst.value) recorder.record(classOf(result), burst.ms / 300);
    // Other connections are refused without a token or from another origin, and the host still serves.
    const wrongOrigin = new WebSocket(
      `${alone.host.url.replace(/^http/, 'ws')}${WEB_API_PATH.slice(1)}?token=${alone.host.token}`,
      { origin: 'http://evil.example' },
    );
    const refused = await timed(
      () =>
        new Promise<number>((done) =>
          wrongOrigin.once('unexpected-response', (_q, res) => done(res.statusCode ?? 0)),
        ),
    );
    expect(refused.kind === 'answer' ? refused.value : 0).toBe(403);
    wrongOrigin.on('error', () => undefined);
    wrongOrigin.terminate();
    const info = await alone.client.call('app:info');
    expect(info.ok).toBe(true);
    // The generator reached past validation: records were created from generated input.
    expect(alone.appealIds.length).toBeGreaterThan(20);
    expect(alone.callIds.length).toBeGreaterThan(20);
    const fresh = await connectApi(alone.host.url, { token: alone.host.token });
    expect((await fresh.call('sync:status')).ok).toBe(true);
    await fresh.close();
    recorder.expectNone(mark);
  });
});

describe('the web host signed in to a real server', () => {
  it('carries hostile sign-ins, records and agent states to the server without a 5xx anywhere', async () => {
    const mark = recorder.mark();
    const logins = fc.sample(inputsFor('auth:login', synced), {
      seed: seedFor('ipc synced login'),
      numRuns: scaled(40),
    });
    for (const c of logins) {
      const result = await call(synced, 'auth:login', c, 'ipc auth:login (server)');
      // A sign-in that worked is ended again, so the next one starts signed out.
      if (result?.ok && (result.value as { user: unknown }).user) await synced.client.call('auth:logout');
    }
    const signedIn = await synced.client.call('auth:login', {
      username: 'operator1',
      password: TEST_PASSWORD,
    });
    expect(signedIn.ok && (signedIn.value as { user: unknown }).user).toBeTruthy();
    const busy: Channel[] = [
      'appeals:create',
      'consultations:create',
      'calls:save',
      'agent:set',
      'appeals:list',
      'lookup:caller',
      'sync:now',
    ];
    for (const channel of busy) {
      const cases = fc.sample(inputsFor(channel, synced), {
        seed: seedFor(`ipc synced ${channel}`),
        numRuns: scaled(40),
      });
      for (const c of cases)
        remember(synced, channel, await call(synced, channel, c, `ipc ${channel} (server)`));
    }
    // Let the outbox drain, then read what the server made of it.
    let waiting = -1;
    for (let i = 0; i < 40 && waiting !== 0; i++) {
      const status = await synced.client.call('sync:now');
      waiting = status.ok ? (status.value as { waiting: number }).waiting : -1;
      if (waiting !== 0) await new Promise((r) => setTimeout(r, 250));
    }
    const status = await synced.client.call('sync:status');
    const lastError = status.ok ? (status.value as { lastError: string | null }).lastError : 'no status';
    if (waiting !== 0)
      recorder.fail({
        target: 'ipc sync',
        label: 'drain',
        problem: 'the outbox did not drain',
        got: `${waiting} waiting, last error ${lastError}`,
        input: '',
      });
    for (const [requestId, error] of server.requestErrors) {
      if (attributed.has(requestId)) continue;
      recorder.fail({
        target: 'server (via the workstation)',
        label: requestId,
        problem: 'a request failed on the server',
        got: '5xx',
        input: '',
        serverError: error,
      });
    }
    recorder.expectNone(mark);
  });
});
