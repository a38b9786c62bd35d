// The web host over the real workstation (encrypted SQLite in a temp folder, the shipped
// resources/), spoken to over real sockets the way the browser page speaks to it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { openWorkstation, type Workstation } from '../../../src/main/workstation';
import { startWebHost, type WebHost } from '../../../src/main/webHost/webHost';
import { connectApi, type ApiClient } from '../../../src/main/webHost/test/testClient';
import { MAX_MESSAGE_BYTES } from '../../../src/shared/ipc/wire';
import type { Classifier } from '../../../src/shared/domain/reference';

let dir: string;
let workstation: Workstation;
let host: WebHost;
let client: ApiClient;
let category: { id: string; executorId: string };

function rawGet(path: string) {
  return new Promise<{ status: number; type: string; body: string }>((done, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const draft = (essence = 'No hot water in the building since Monday') => ({
  type: 'complaint',
  applicant: {
    fullName: 'Test Applicant',
    phones: ['044 123 45 67'],
    address: { city: 'Київ', street: 'Хрещатик', building: '22', flat: '5' },
  },
  categoryId: category.id,
  executorId: category.executorId,
  essence,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'web-host-it-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Workstation</title><div id="root"></div>',
  );
  writeFileSync(join(rendererDir, 'assets', 'index-Qx7vT9aB.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder');

  const key = randomBytes(32);
  const opened = await openWorkstation({
    dataDir: join(dir, 'data'),
    keyProvider: { getKey: async () => key },
    resourcesDir: resolve('resources'),
    host: 'web',
  });
  if (!opened.ok) throw new Error(opened.error.message);
  workstation = opened.value;
  host = await startWebHost({
    port: 0,
    host: '127.0.0.1',
    rendererDir,
    workstation,
    logger: pino({ level: 'silent' }),
  });
  client = await connectApi(host.url, { token: host.token });

  const classifier = await client.call('reference:classifier');
  if (!classifier.ok) throw new Error(classifier.error.message);
  const type = (classifier.value as Classifier).types.find((t) => t.defaultExecutorId !== null);
  if (!type?.defaultExecutorId) throw new Error('the shipped classifier names no default executor');
  category = { id: type.id, executorId: type.defaultExecutorId };
});

afterAll(async () => {
  await client?.close();
  await host?.close();
  workstation?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('who may connect', () => {
  it('binds to loopback and prints a URL carrying the token in its fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.openUrl).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
  });

  it('cannot be bound to any other address', async () => {
    for (const address of ['0.0.0.0', '::', '192.168.1.10', 'localhost']) {
      const start = startWebHost({
        port: 0,
        host: address as '127.0.0.1',
        rendererDir: join(dir, 'renderer'),
        workstation,
      });
      await expect(start, address).rejects.toThrow(/loopback/);
    }
  });

  it('rejects a wrong or missing token', async () => {
    await expect(connectApi(host.url, { token: `${host.token}x` })).rejects.toThrow('HTTP 401');
    await expect(connectApi(host.url, { token: '' })).rejects.toThrow('HTTP 401');
  });

  it('rejects a foreign or missing Origin even with the right token', async () => {
    await expect(connectApi(host.url, { token: host.token, origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
    await expect(connectApi(host.url, { token: host.token, origin: 'http://localhost:1' })).rejects.toThrow(
      'HTTP 403',
    );
    await expect(connectApi(host.url, { token: host.token, origin: null })).rejects.toThrow('HTTP 403');
  });
});

describe('bad messages get clear errors and the host keeps serving', () => {
  it('answers malformed JSON with an error event', async () => {
    expect(await client.sendRaw('{"id": 1, "channel": "app:info",')).toEqual({
      event: 'wire:error',
      payload: { code: 'invalid_input', message: 'The message is not valid JSON' },
    });
  });

  it('answers a wrongly shaped call with invalid_input under its id', async () => {
    const reply = await client.sendRaw(JSON.stringify({ id: 900, channel: ['app:info'] }));
    expect(reply).toMatchObject({ id: 900, result: { ok: false, error: { code: 'invalid_input' } } });
  });

  it('answers an unknown channel with invalid_input naming it', async () => {
    expect(await client.call('appeals:drop', {})).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown channel "appeals:drop"' },
    });
  });

  it('answers an invalid draft with field issues', async () => {
    const result = await client.call('appeals:create', { ...draft(), essence: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok ? [] : result.error.issues).toContainEqual(
      expect.objectContaining({ path: 'essence', code: 'required' }),
    );
  });

  it.each([
    ['a NUL', 'Немає води\u0000'],
    ['a lone surrogate', 'Немає води \ud800'],
  ])('refuses an essence with %s as unstorable, and stores nothing (issue 9)', async (_, essence) => {
    const before = await client.call('appeals:list', { limit: 200 });
    const result = await client.call('appeals:create', { ...draft(), essence });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(result.ok ? [] : result.error.issues).toContainEqual(
      expect.objectContaining({ path: 'essence', code: 'unstorable' }),
    );
    const after = await client.call('appeals:list', { limit: 200 });
    const count = (r: typeof before) => (r.ok ? (r.value as { items: unknown[] }).items.length : -1);
    expect(count(after)).toBe(count(before));
  });

  it('answers an oversized input with too_large', async () => {
    const result = await client.call('appeals:create', draft('x'.repeat(MAX_MESSAGE_BYTES)));
    expect(result).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('still serves calls on the same socket afterwards', async () => {
    const info = await client.call('app:info');
    expect(info).toMatchObject({ ok: true, value: { host: 'web' } });
  });
});

describe('the workstation through the host', () => {
  it('creates an appeal and lists it, and tells a second connection', async () => {
    const observer = await connectApi(host.url, { token: host.token });
    const created = await client.call('appeals:create', draft());
    if (!created.ok) throw new Error(created.error.message);
    const appeal = created.value as { id: string; applicant: { phones: string[] } };
    expect(appeal.applicant.phones).toEqual(['+380441234567']);

    expect(await observer.nextEvent()).toEqual({
      event: 'appeals:created',
      payload: { id: appeal.id, callId: null },
    });

    const listed = await client.call('appeals:list', { limit: 10 });
    if (!listed.ok) throw new Error(listed.error.message);
    const items = (listed.value as { items: { id: string; applicantName: string }[] }).items;
    expect(items.find((item) => item.id === appeal.id)).toMatchObject({ applicantName: 'Test Applicant' });
    await observer.close();
  });
});

describe('static files', () => {
  it('refuses a path out of the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const res = await rawGet(path);
      expect(res.status, path).toBe(400);
      expect(res.body).not.toContain('outside the renderer folder');
    }
  });

  it('falls back to index.html for app routes but not for missing assets', async () => {
    const route = await rawGet('/appeals/recent');
    expect(route.status).toBe(200);
    expect(route.type).toBe('text/html; charset=utf-8');
    expect(route.body).toContain('<div id="root">');
    expect((await rawGet('/assets/missing-Zz9yX8wV.js')).status).toBe(404);
  });
});
