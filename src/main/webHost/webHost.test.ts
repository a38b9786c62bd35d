// The web host's transport rules with fake handlers; tests/integration/workstation/webHost.test.ts runs the same
// host over the real workstation.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { fakeHandlers } from '../ipc/test/fakeHandlers';
import { ok } from '../../shared/result';
import { MAX_MESSAGE_BYTES } from '../../shared/ipc/wire';
import { connectApi } from './test/testClient';
import { startWebHost, type HostedWorkstation, type WebHost } from './webHost';

let rendererDir: string;
let host: WebHost;
let listeners: Set<(event: string, payload: unknown) => void>;

function fakeWorkstation(): HostedWorkstation {
  listeners = new Set();
  return {
    handlers: fakeHandlers({ 'settings:get': () => ok({ locale: 'uk', theme: 'light' }) }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A request with the path exactly as given (fetch would normalise `..` away). */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Workstation</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  host = await startWebHost({
    port: 0,
    host: '127.0.0.1',
    rendererDir,
    workstation: fakeWorkstation(),
    logger: pino({ level: 'silent' }),
  });
});

afterAll(async () => {
  await host.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('web host static files', () => {
  it('serves index.html with the security headers', async () => {
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} wss:`);
    expect(await res.text()).toContain('<title>Workstation</title>');
  });

  it('caches hashed assets and revalidates with an ETag', async () => {
    const res = await fetch(new URL('/assets/index-AbCd1234.js', host.url));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const etag = res.headers.get('etag') ?? '';
    const again = await fetch(new URL('/assets/index-AbCd1234.js', host.url), {
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a missing asset instead of the page', async () => {
    expect((await fetch(new URL('/assets/missing-AbCd1234.js', host.url))).status).toBe(404);
  });

  it('refuses other methods and foreign Host names', async () => {
    expect((await fetch(host.url, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await rawGet('/', { Host: `evil.example:${host.port}` })).status).toBe(421);
  });

  it('refuses a path out of the renderer folder', async () => {
    expect((await rawGet('/../../../../etc/passwd')).status).toBe(400);
  });
});

describe('web host socket', () => {
  it('forwards workstation events to every connection until it closes', async () => {
    const a = await connectApi(host.url, { token: host.token });
    const b = await connectApi(host.url, { token: host.token });
    for (const listener of listeners) listener('appeals:changed', { ids: ['x1'] });
    expect(await a.nextEvent()).toEqual({ event: 'appeals:changed', payload: { ids: ['x1'] } });
    expect(await b.nextEvent()).toEqual({ event: 'appeals:changed', payload: { ids: ['x1'] } });
    await a.close();
    await b.close();
  });

  it('answers a binary frame with an error event', async () => {
    const client = await connectApi(host.url, { token: host.token });
    expect(await client.sendRaw(Buffer.from([1, 2, 3]))).toMatchObject({
      event: 'wire:error',
      payload: { code: 'invalid_input' },
    });
    await client.close();
  });

  it('closes only the offending socket when a frame is far over the limit', async () => {
    const offender = await connectApi(host.url, { token: host.token });
    const bystander = await connectApi(host.url, { token: host.token });
    const closed = new Promise<number>((resolve) => offender.socket.once('close', (code) => resolve(code)));
    offender.socket.send('x'.repeat(MAX_MESSAGE_BYTES * 2));
    expect(await closed).toBe(1009);
    expect(await bystander.call('settings:get', {})).toEqual({
      ok: true,
      value: { locale: 'uk', theme: 'light' },
    });
    await bystander.close();
  });

  it('refuses sockets on other paths', async () => {
    await expect(connectApi(host.url, { token: host.token, path: '/other' })).rejects.toThrow('HTTP 404');
  });
});

describe('startWebHost', () => {
  it('refuses to start without a built renderer', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'renderer-empty-'));
    const start = startWebHost({
      port: 0,
      host: '127.0.0.1',
      rendererDir: empty,
      workstation: fakeWorkstation(),
    });
    await expect(start).rejects.toThrow(/build the renderer/);
    rmSync(empty, { recursive: true, force: true });
  });

  it('refuses a weak token chosen by the caller', async () => {
    const start = startWebHost({
      port: 0,
      host: '127.0.0.1',
      rendererDir,
      workstation: fakeWorkstation(),
      token: 'guessable',
    });
    await expect(start).rejects.toThrow(/token/);
  });

  it('refuses a connect source that would inject a CSP directive', async () => {
    const start = startWebHost({
      port: 0,
      host: '127.0.0.1',
      rendererDir,
      workstation: fakeWorkstation(),
      connectSrc: ["ws://127.0.0.1:8080; script-src 'unsafe-inline'"],
    });
    await expect(start).rejects.toThrow(/Not a CSP source/);
  });

  it('stops forwarding events after close', async () => {
    const workstation = fakeWorkstation();
    const local = await startWebHost({
      port: 0,
      host: '127.0.0.1',
      rendererDir,
      workstation,
      logger: pino({ level: 'silent' }),
    });
    expect(listeners.size).toBe(1);
    await local.close();
    expect(listeners.size).toBe(0);
    await expect(fetch(local.url)).rejects.toThrow();
  });
});
