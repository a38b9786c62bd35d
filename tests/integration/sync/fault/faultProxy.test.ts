// The fault proxy itself: each mode does to an HTTP exchange what it promises.
import { createServer, type Server } from 'node:http';
import { startFaultProxy, type FaultProxy } from './faultProxy';

const BODY = 'x'.repeat(4_000);
let target: Server;
let proxy: FaultProxy;
let hits = 0;

beforeAll(async () => {
  target = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(BODY));
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
  const address = target.address();
  proxy = await startFaultProxy({
    targetPort: typeof address === 'object' && address ? address.port : 0,
    capturePath: '/push',
  });
});
afterAll(async () => {
  await proxy.close();
  await new Promise((r) => target.close(r));
});
afterEach(() => proxy.setMode('pass'));

const get = (path = '/', timeoutMs = 1_000) =>
  fetch(`${proxy.url}${path}`, { method: 'POST', body: 'hello', signal: AbortSignal.timeout(timeoutMs) });

it('passes requests and answers through unchanged in pass mode', async () => {
  const res = await get();
  expect(res.status).toBe(200);
  expect(await res.text()).toBe(BODY);
});

it('refuses new connections in drop mode', async () => {
  proxy.setMode('drop');
  const before = hits;
  await expect(get()).rejects.toThrow();
  expect(hits).toBe(before);
});

it('delays each chunk in delay mode', async () => {
  proxy.setMode('delay', 150);
  const started = Date.now();
  const res = await get('/', 3_000);
  expect(await res.text()).toBe(BODY);
  expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

it('never answers in blackhole mode, and the server never sees the request', async () => {
  proxy.resetAll();
  proxy.setMode('blackhole');
  const before = hits;
  await expect(get('/', 300)).rejects.toThrow(/timeout|aborted/i);
  expect(hits).toBe(before);
});

it('forwards the request but cuts the answer half way in cut mode', async () => {
  proxy.resetAll();
  proxy.setMode('cut');
  const before = hits;
  await expect(get().then((r) => r.text())).rejects.toThrow();
  expect(hits).toBe(before + 1);
});

it('captures pushes and replays them to the target', async () => {
  await (await get('/push')).text();
  const captured = proxy.captured();
  expect(captured.length).toBeGreaterThan(0);
  const before = hits;
  expect(await proxy.replay(captured.at(-1)!)).toBe(200);
  expect(hits).toBe(before + 1);
});
