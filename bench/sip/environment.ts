// What the softphone benchmark runs against, all real and on loopback: the central server on an
// embedded PostgreSQL with enough operator accounts, the reference PBX (Kamailio + rtpengine)
// pointed at it, and a renderer build of the current checkout.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_RING_SECONDS, DEFAULT_WAIT_SECONDS } from '../../deploy/pbx/pbxConfig';
import { seedUsers } from '../../src/server/db/seed';
import { openStore } from '../../src/main/core/db/openStore';
import { fileKeyProvider } from '../../src/main/security/keyProvider';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import { STORE_FILE_NAME } from '../../src/main/workstation';
import { demoPassword, startRealServer, type RealServer } from '../../tests/e2e/support/serverInstance';
import { freePort } from '../../tests/sip/support/ports';
import { TEST_DOMAIN, TEST_HOTLINE } from '../../tests/sip/support/testPbx';
import { startTestPbx, type TestPbx } from '../../tests/sip/support/testPbx';

const ROOT = resolve(import.meta.dirname, '../..');
const BENCH_DIR = join(ROOT, '.bench');

export interface SipBenchEnvironment {
  server: RealServer;
  pbx: TestPbx;
  sipWsUri: string;
  rendererDir: string;
  hotline: string;
  close(): Promise<void>;
}

export const operatorName = (n: number) => `operator${n}`;

export async function startEnvironment(operators: number): Promise<SipBenchEnvironment> {
  const work = mkdtempSync(join(tmpdir(), 'sip-bench-'));
  const rendererDir = join(work, 'renderer');
  // The benchmark measures this checkout, not whatever out/renderer was built from.
  execFileSync('npx', ['vite', 'build', '--outDir', rendererDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const token = randomBytes(32).toString('hex');
  const wssPort = await freePort();
  const sipWsUri = `wss://127.0.0.1:${wssPort}`;
  const server = await startRealServer({
    SIP_WS_URI: sipWsUri,
    SIP_DOMAIN: TEST_DOMAIN,
    HOTLINE_NUMBER: TEST_HOTLINE,
    PBX_TOKEN: token,
    // Back to available as soon as a call ends: the load figure is about the phone path, and a
    // 30 s wrap-up would leave 20 operators unable to take 5 calls a second by design.
    WRAP_UP_SECONDS: '0',
  });
  let pbx: TestPbx | undefined;
  try {
    const extra = Array.from({ length: Math.max(0, operators - 3) }, (_, i) => operatorName(i + 4));
    await seedUsers(
      server.pool,
      extra.map((username) => ({
        username,
        name: `Bench ${username}`,
        role: 'operator' as const,
        password: demoPassword(username),
      })),
    );
    pbx = await startTestPbx({
      serverUrl: server.url,
      token,
      wssPort,
      // ~4 ports a call, held 30 s after it ends: room for 250 calls in any 30 s.
      rtpPorts: 1000,
      // Warnings and errors only: a chatty log would cost CPU the figures need.
      logLevel: 1,
      // What `npm run pbx` runs with: a caller is held for a free operator up to 10 s, and a
      // call is offered to the next operator after 20 s of ringing.
      ringSeconds: DEFAULT_RING_SECONDS,
      waitSeconds: DEFAULT_WAIT_SECONDS,
    });
  } catch (error) {
    await server.close();
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  const started = pbx;
  return {
    server,
    pbx: started,
    sipWsUri,
    rendererDir,
    hotline: TEST_HOTLINE,
    close: async () => {
      await started.close();
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * Marks the copied store as already in step with `serverUrl`, as an operator's store is on any
 * working day. Without it the workstation meets "a new server", starts a re-sync and re-sends all
 * its appeals (a million of them here), which keeps its main process busy for minutes; that is a
 * first-connection cost, not the ringing and screen-pop path this benchmark measures.
 */
export async function bindStoreToServer(dataDir: string, server: RealServer): Promise<void> {
  const { rows } = await server.pool.query<{ epoch: string }>(
    'SELECT epoch FROM server_epoch WHERE singleton',
  );
  const epoch = rows[0]?.epoch;
  if (!epoch) throw new Error('the server has no epoch row');
  const key = await fileKeyProvider(join(dataDir, 'store.key')).getKey();
  const opened = openStore({ file: join(dataDir, STORE_FILE_NAME), key });
  if (!opened.ok) throw new Error(opened.error.message);
  try {
    opened.value.db
      .prepare(
        `UPDATE sync_state SET server_url = ?, epoch = ?, cursor = NULL, acknowledged_seq = NULL, resyncing = 0
         WHERE singleton = 1`,
      )
      .run(server.url, epoch);
  } finally {
    opened.value.close();
  }
}

export interface PreparedStore {
  dataDir: string;
  rows: number;
  /** Where it came from, said in the output. */
  note: string;
  remove(): void;
}

/**
 * A data folder for operator1 holding a copy of the largest store `npm run bench` built under
 * .bench/ (the cache itself is never opened: the workstation migrates and writes). Null when none
 * was built: the screen-pop figure is then measured against an empty store and says so.
 */
export function prepareBenchStore(): PreparedStore | null {
  if (!existsSync(join(BENCH_DIR, 'store.key'))) return null;
  const candidates = readdirSync(BENCH_DIR)
    .map((name) => /^store-schema(\d+)-(kyiv1551|synthetic)-(\d+)\.db$/.exec(name))
    .filter(
      (m): m is RegExpExecArray => m !== null && existsSync(join(BENCH_DIR, m[0].replace(/\.db$/, '.json'))),
    )
    .sort((a, b) => Number(b[3]) - Number(a[3]));
  const best = candidates[0];
  if (!best) return null;
  const dataDir = mkdtempSync(join(tmpdir(), 'sip-bench-store-'));
  copyFileSync(join(BENCH_DIR, best[0]), join(dataDir, STORE_FILE_NAME));
  copyFileSync(join(BENCH_DIR, 'store.key'), join(dataDir, 'store.key'));
  const migrated = Number(best[1]) === LATEST_SCHEMA_VERSION ? '' : `, migrated from schema ${best[1]}`;
  return {
    dataDir,
    rows: Number(best[3]),
    note: `${best[0]} (${best[2]}${migrated})`,
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
