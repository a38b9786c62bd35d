// `npm run start:web` as a real process: one ready line, a working API behind it, a clean exit on
// SIGTERM, and the store surviving a restart with the key it made on first start.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectApi } from '../../../src/main/webHost/test/testClient';

const READY = /^Workstation ready: (http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]{43})$/;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

let dir: string;
let rendererDir: string;

function startWeb(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [resolve('scripts/startWeb.mjs'), ...args], {
    cwd: resolve('.'),
    env: { ...process.env, WORKSTATION_DB_KEY: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function ready(running: Running) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = READY.exec(running.stdout().split('\n')[0] ?? '');
    if (match) return { url: match[1] as string, port: Number(match[2]), token: match[3] as string };
    if (running.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not ready; stdout: ${running.stdout()} stderr: ${running.stderr()}`);
}

async function stop(running: Running) {
  running.child.kill('SIGTERM');
  return running.exited;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'start-web-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Workstation</title>');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run start:web', () => {
  it('prints one ready line, serves the API, exits cleanly, and reopens its store after a restart', async () => {
    const dataDir = join(dir, 'data-file-key');
    const started = Date.now();
    const first = startWeb(['--port', '0', '--data', dataDir, '--renderer', rendererDir]);
    const at = await ready(first);
    console.info(`start:web ready after ${Date.now() - started} ms (process spawn included)`);

    const page = await fetch(at.url);
    expect(page.status).toBe(200);
    const client = await connectApi(at.url, { token: at.token });
    expect(await client.call('app:info')).toMatchObject({ ok: true, value: { host: 'web' } });
    const consultation = await client.call('consultations:create', {
      question: 'Where to pay for heating?',
      answer: 'At any bank, with the account number from the bill',
    });
    expect(consultation.ok).toBe(true);
    await client.close();

    expect(await stop(first)).toBe(0);
    expect(first.stdout().trimEnd().split('\n')).toHaveLength(1);
    expect(statSync(join(dataDir, 'store.key')).mode & 0o777).toBe(0o600);

    const second = startWeb(['--port', '0', '--data', dataDir, '--renderer', rendererDir]);
    const again = await ready(second);
    const reopened = await connectApi(again.url, { token: again.token });
    const list = await reopened.call('consultations:list', {});
    expect(list).toMatchObject({ ok: true, value: { items: [{ question: 'Where to pay for heating?' }] } });
    await reopened.close();
    expect(await stop(second)).toBe(0);
  });

  it('takes the key from WORKSTATION_DB_KEY when it is set, writing no key file', async () => {
    const dataDir = join(dir, 'data-env-key');
    const running = startWeb(['--port', '0', '--data', dataDir, '--renderer', rendererDir], {
      WORKSTATION_DB_KEY: randomBytes(32).toString('hex'),
    });
    await ready(running);
    expect(await stop(running)).toBe(0);
    expect(readdirSync(dataDir)).not.toContain('store.key');
  });

  it('explains a port that is taken and exits with an error', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const running = startWeb([
      '--port',
      String(port),
      '--data',
      join(dir, 'data-busy'),
      '--renderer',
      rendererDir,
    ]);
    expect(await running.exited).toBe(1);
    expect(running.stderr()).toContain(`Port ${port} on 127.0.0.1 is in use`);
    expect(running.stdout()).toBe('');
    blocker.close();
  });
});
