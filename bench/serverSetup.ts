import { randomUUID } from 'node:crypto';
// The parts bench/server.ts measures with: an embedded PostgreSQL migrated and seeded like
// `npm run server`, the server in its own process listening on loopback, plain HTTP clients, a
// TCP proxy that can cut the network, and bulk seeding of the server's database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/server/db/migrate';
import { createPool, type Pool } from '../src/server/db/pool';
import { demoUsers, seedReference, seedUsers } from '../src/server/db/seed';
import { freePort, startEmbeddedPostgres } from '../src/server/embedded';
import { appealPayload } from '../tests/integration/support/testDatabase';
import { uuidv7 } from '../src/shared/domain/ids';
import { AUTH_PATHS, type TokenPair } from '../src/shared/sync/auth';
import { SYNC_PATHS, type AppealCreatePayload, type Mutation } from '../src/shared/sync/protocol';
import { questionType } from '../tests/integration/support/drafts';

export const BENCH_PASSWORD = 'bench-password-1';

export interface BenchServer {
  url: string;
  pool: Pool;
  stop(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const parent = mkdtempSync(join(tmpdir(), 'bench-server-'));
  const db = await startEmbeddedPostgres({ dataDir: join(parent, 'cluster'), port: await freePort() });
  const pool = createPool(db.url, 10);
  await migrate(pool);
  await seedReference(pool);
  await seedUsers(pool, demoUsers(BENCH_PASSWORD));
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server process, for finding where time goes.
      ...(process.env['BENCH_CPU_PROF']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF']}`]
        : []),
      join(dirname(fileURLToPath(import.meta.url)), 'serverProcess.ts'),
    ],
    { env: { ...process.env, DATABASE_URL: db.url }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await listening(child);
  return {
    url,
    pool,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await pool.end();
      await db.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`The server process exited (${code})`)));
  });
}

export async function postJson<T>(url: string, body: string, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

export interface BenchSignIn {
  token: string;
  userId: string;
  deviceId: string;
}

/** A sign-in on a device of its own: a device pushes and pulls only under its own sign-in. */
export async function signIn(
  serverUrl: string,
  username: string,
  deviceId = randomUUID(),
): Promise<BenchSignIn> {
  const pair = await postJson<TokenPair>(
    `${serverUrl}${AUTH_PATHS.login}`,
    JSON.stringify({ username, password: BENCH_PASSWORD, deviceId }),
  );
  return { token: pair.accessToken, userId: pair.user.id, deviceId };
}

/** An appeal as a workstation pushes it, with a question type and executor from the reference data. */
/**
 * Registers one appeal through sync as `operator`, the template the seeders copy (the server made
 * it, so its copies are what the server would hold); returns its id.
 */
export async function pushTemplateAppeal(serverUrl: string, operator: BenchSignIn): Promise<string> {
  const [template] = appealMutations(1, 1, operator.userId);
  await postJson(
    `${serverUrl}${SYNC_PATHS.push}`,
    JSON.stringify({ deviceId: operator.deviceId, epoch: null, mutations: [template] }),
    operator.token,
  );
  return template!.entityId;
}

/** Buildings the bench's appeals are spread over, a different one each time (a stride prime to it). */
const BENCH_BUILDINGS = 60_000;
let benchAppeals = 0;

export function benchAppeal(): AppealCreatePayload {
  const payload = appealPayload({ ...questionType('standard') });
  // Spread over the city as a day's appeals are: the test helper puts every appeal at one building,
  // and 50,000 appeals there within minutes are one mass incident the detector would re-examine as a
  // whole for each new appeal, load no real center produces that would weigh on every other figure.
  const building = String(1 + ((benchAppeals++ * 7919) % BENCH_BUILDINGS));
  return {
    ...payload,
    applicant: { ...payload.applicant, address: { ...payload.applicant.address, building } },
    // Unique like a real device's `P-<tag>-<counter>`; the test helper's six hex digits repeat within
    // tens of thousands of appeals, and a workstation's store refuses a repeated provisional number.
    provisionalNumber: `P-${payload.id.slice(-12)}`,
  };
}

export function appealMutations(count: number, firstSeq: number, authorId: string): Mutation[] {
  return Array.from({ length: count }, (_, i) => {
    const payload = benchAppeal();
    return {
      mutationId: uuidv7(),
      seq: firstSeq + i,
      type: 'appeal.create',
      entityId: payload.id,
      createdAt: payload.createdAt,
      authorId,
      payload,
    };
  });
}

/**
 * `count` appeals straight into the server's tables with their change_log rows, as if pushed long
 * ago: the template is one appeal the server created, so every copy is a record it would serve.
 */
export async function seedAppeals(pool: Pool, templateId: string, count: number): Promise<void> {
  const chunk = 20_000;
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    await pool.query(
      `WITH g AS (
         SELECT i, gen_random_uuid() AS id, '1551-2025-' || lpad(i::text, 7, '0') AS num
           FROM generate_series($2::int + 1, $2::int + $3::int) AS i
       ),
       a AS (
         INSERT INTO appeals (id, official_number, center_code, year, provisional_number, device_id, operator_id,
           type, status, result, version, priority, received_on, deadline_on, category_id, executor_id,
           building_key, record, created_at, updated_at)
         SELECT g.id, g.num, t.center_code, 2025, 'S-' || g.i, t.device_id, t.operator_id, t.type, t.status,
           t.result, t.version, t.priority, t.received_on, t.deadline_on, t.category_id, t.executor_id,
           t.building_key,
           t.record || jsonb_build_object('id', g.id::text, 'officialNumber', g.num, 'provisionalNumber', 'S-' || g.i),
           t.created_at, t.updated_at
           FROM g CROSS JOIN (SELECT * FROM appeals WHERE id = $1::uuid) t
         ORDER BY g.i
         RETURNING id
       )
       INSERT INTO change_log (entity_type, entity_id, payload)
       SELECT 'appeal', a.id::text, '{"op":"create","version":1}'::jsonb FROM a`,
      [templateId, done, n],
    );
  }
}

export interface Proxy {
  url: string;
  /** false: new connections are refused and open ones cut, like a pulled network cable. */
  setUp(up: boolean): void;
  close(): Promise<void>;
}

export async function startProxy(targetUrl: string): Promise<Proxy> {
  const target = new URL(targetUrl);
  const open = new Set<Socket>();
  let up = true;
  const server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = createConnection(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setUp(value) {
      up = value;
      if (!value) for (const s of open) s.destroy();
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
