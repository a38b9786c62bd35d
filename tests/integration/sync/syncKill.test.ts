// A workstation killed (SIGKILL) while a push is in flight: the server applied the batch but the
// answer never arrived. After a restart nothing is lost and nothing is created twice.
import { addAccount, startFakeServer, type FakeServer } from '../support/syncFakeServer';
import { ctx, openSynced, until, value } from '../support/syncWorkstation';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { spawnSyncChild } from '../support/syncChildProcess';

const tempDir = useTempDirs('sync-kill-');
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer();
  addAccount(server, 'olena', 'correct horse');
});
afterAll(() => server.close());

/** Runs the child until the server has applied `pushes` pushes it has not answered yet, then kills it. */
function runUntilPushApplied(dataDir: string, key: Buffer, pushes: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const { child, acknowledged, stderr } = spawnSyncChild(dataDir, key, server.url);
    const watch = setInterval(() => {
      if (server.pushesApplied >= pushes && child.exitCode === null) child.kill('SIGKILL');
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}: ${stderr()}`));
      else resolve(acknowledged);
    });
  });
}

it('loses nothing and duplicates nothing when the workstation is killed mid-push', async () => {
  const dir = tempDir();
  const key = randomKey();
  // Pushes are applied at once and answered late: the kill lands between the two.
  server.pushDelayMs = 400;
  const acknowledged = await runUntilPushApplied(dir, key, 2);
  expect(acknowledged.length).toBeGreaterThan(0);
  server.pushDelayMs = 0;

  // The restarted workstation keeps its session (refresh token in the store) and pushes again.
  const w = await openSynced(dir, key, server.url);
  try {
    expect(await value(w.handlers['auth:session']({}, ctx))).toMatchObject({ user: { username: 'olena' } });
    await until(
      'drained after the restart',
      async () => (await value(w.handlers['sync:status']({}, ctx))).waiting === 0,
    );
    for (const id of acknowledged) {
      expect(server.creations.get(id)).toBe(1);
      const appeal = await value(w.handlers['appeals:get']({ id }, ctx));
      await until(
        'the official number is local',
        async () =>
          (await value(w.handlers['appeals:get']({ id }, ctx))).officialNumber ===
          server.state.appeals.get(id)!.officialNumber,
      );
      expect(appeal.id).toBe(id);
    }
    expect([...server.creations.values()].every((n) => n === 1)).toBe(true);
    // Pushes repeated after the restart were answered from the ledger.
    expect(server.requests.filter((r) => r.path === '/api/v1/sync/push').length).toBeGreaterThan(0);
  } finally {
    w.close();
  }
}, 30_000);
