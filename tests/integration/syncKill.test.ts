// A workstation killed (SIGKILL) while a push is in flight: the server applied the batch but the
// answer never arrived. After a restart nothing is lost and nothing is created twice.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { addAccount, startFakeServer, type FakeServer } from './support/syncFakeServer';
import { ctx, openSynced, until, value } from './support/syncWorkstation';
import { randomKey, REPO_ROOT, RESOURCES_DIR, useTempDirs } from './support/storeFiles';

const tempDir = useTempDirs('sync-kill-');
const CHILD = fileURLToPath(new URL('./support/syncKillChild.ts', import.meta.url));
let server: FakeServer;
beforeAll(async () => {
  server = await startFakeServer();
  addAccount(server, 'olena', 'correct horse');
});
afterAll(() => server.close());

/** Runs the child until the server has applied `pushes` pushes it has not answered yet, then kills it. */
function runUntilPushApplied(dataDir: string, key: Buffer, pushes: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        WORKSTATION_DB_KEY: key.toString('hex'),
        SYNC_DATA_DIR: dataDir,
        SYNC_RESOURCES_DIR: RESOURCES_DIR,
        SYNC_SERVER_URL: server.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let stderr = '';
    let buffered = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) if (line.startsWith('appeal ')) acknowledged.push(line.slice(7));
    });
    const watch = setInterval(() => {
      if (server.pushesApplied >= pushes && child.exitCode === null) child.kill('SIGKILL');
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      if (signal !== 'SIGKILL') reject(new Error(`child exited with ${code}: ${stderr}`));
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
