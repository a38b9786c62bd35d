// A workstation killed (SIGKILL) again and again against the real central server: at random moments
// and in the window where the server has committed a push whose answer never arrives. After each
// restart nothing acknowledged is lost, nothing is created twice, and official numbers converge.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedUsers } from '../../../src/server/db/seed';
import { startRealServer, type RealServer } from '../../e2e/support/serverInstance';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { spawnSyncChild } from '../support/syncChildProcess';
import { ctx, openSynced, until, value } from '../support/syncWorkstation';

const tempDir = useTempDirs('sync-kill-real-');
let server: RealServer;

/**
 * Forwards to the real server; a push answer is held back `delayMs` after the server committed it,
 * so a kill in that window is a kill mid-push.
 */
const proxy = {
  killsMidPush: 0,
  delayMs: 0,
  pushesAnswered: 0,
  pushesCommitted: 0,
  url: '',
  http: null as Server | null,
};

beforeAll(async () => {
  server = await startRealServer();
  // The account the child signs in with (syncKillChild.ts).
  await seedUsers(server.pool, [
    { username: 'olena', name: 'Олена Тест', role: 'operator', password: 'correct horse' },
  ]);
  proxy.http = createServer((req, res) => {
    const upstream = request(
      `${server.url}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const isPush = req.url === '/api/v1/sync/push' && answer.statusCode === 200;
          if (isPush) proxy.pushesCommitted++;
          setTimeout(
            () => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(chunks));
              if (isPush) proxy.pushesAnswered++;
            },
            isPush ? proxy.delayMs : 0,
          );
        });
      },
    );
    upstream.on('error', () => res.destroy());
    res.on('error', () => undefined);
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.http!.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(proxy.http.address() as AddressInfo).port}`;
}, 30_000);

afterAll(async () => {
  proxy.http?.closeAllConnections();
  await new Promise((r) => proxy.http?.close(r));
  await server?.close();
});

type Kill = { midPush: number } | { afterMs: number };

/** Runs the child until the kill condition, then SIGKILLs it; resolves with the ids it acknowledged. */
function runAndKill(dataDir: string, key: Buffer, kill: Kill): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const { child, acknowledged, stderr } = spawnSyncChild(dataDir, key, proxy.url);
    const committedAtStart = proxy.pushesCommitted;
    let firstAppealAt: number | null = null;
    const watch = setInterval(() => {
      if (child.exitCode !== null || child.signalCode !== null || child.killed) return;
      if (acknowledged.length > 0) firstAppealAt ??= Date.now();
      const due =
        'midPush' in kill
          ? proxy.pushesCommitted - committedAtStart >= kill.midPush &&
            proxy.pushesCommitted > proxy.pushesAnswered
          : firstAppealAt !== null && Date.now() - firstAppealAt >= kill.afterMs;
      if (!due) return;
      // A kill between the server's commit and its answer reaching the workstation.
      if (proxy.pushesCommitted > proxy.pushesAnswered) proxy.killsMidPush++;
      child.kill('SIGKILL');
    }, 1);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}: ${stderr()}`));
      else resolve(acknowledged);
    });
  });
}

it('loses nothing and duplicates nothing when the workstation is killed repeatedly, also mid-push', async () => {
  const dir = tempDir();
  const key = randomKey();
  // Fixed schedule so every run kills at the same kinds of moments.
  const kills: Kill[] = [{ midPush: 1 }, { afterMs: 37 }, { midPush: 2 }, { afterMs: 140 }, { midPush: 1 }];
  const acknowledged: string[] = [];
  for (const kill of kills) {
    proxy.delayMs = 'midPush' in kill ? 400 : 0;
    acknowledged.push(...(await runAndKill(dir, key, kill)));
  }
  proxy.delayMs = 0;
  expect(acknowledged.length).toBeGreaterThan(kills.length);
  expect(proxy.killsMidPush).toBeGreaterThanOrEqual(3);

  const w = await openSynced(dir, key, proxy.url);
  try {
    const status = () => value(w.handlers['sync:status']({}, ctx));
    await until('drained after the last restart', async () => (await status()).waiting === 0, 15_000);
    const { rows } = await server.pool.query<{ id: string; official_number: string }>(
      'SELECT id::text, official_number FROM appeals',
    );
    const onServer = new Map(rows.map((r) => [r.id, r.official_number]));
    expect(onServer.size).toBe(rows.length);
    expect(new Set(onServer.values()).size).toBe(rows.length);
    for (const id of acknowledged)
      expect(onServer.has(id), `acknowledged appeal ${id} on the server`).toBe(true);
    // Every appeal on the server (also those committed locally just before a kill) has its number locally.
    for (const [id, number] of onServer) {
      await until(
        'the official number is local',
        async () => (await value(w.handlers['appeals:get']({ id }, ctx))).officialNumber === number,
      );
    }
    const { rows: dupes } = await server.pool.query(
      'SELECT provisional_number FROM appeals GROUP BY provisional_number HAVING count(*) > 1',
    );
    expect(dupes).toEqual([]);
    console.info(
      `kill/restart: ${kills.length} kills (${proxy.killsMidPush} mid-push), ${acknowledged.length} acknowledged, ${onServer.size} on the server`,
    );
  } finally {
    w.close();
  }
}, 40_000);
