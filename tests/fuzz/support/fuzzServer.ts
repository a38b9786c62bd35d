// The central server for the fuzz tier: the real app (every route, the live socket) over its own
// embedded PostgreSQL, with a logger that keeps each failed request's error by request id, a
// sign-in per role (each on its own device), and sessions minted without a password check for the
// routes that end or rotate them.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { buildServer } from '../../../src/server/app';
import { createRefreshToken } from '../../../src/server/auth/sessions';
import { issueAccessToken } from '../../../src/server/auth/tokens';
import { serverConfig, type ServerConfig } from '../../../src/server/config';
import { roles, type Role, type SessionUser, type TokenPair } from '../../../src/shared/sync/auth';
import { login, startServerDatabase, type ServerDatabase } from '../../integration/server/serverHarness';

export const FUZZ_TOKEN_SECRET = 'fuzz-token-secret-0123456789abcdef';
export const FUZZ_PBX_TOKEN = 'fuzz-pbx-token-0123456789abcdef';

export interface MintedSession {
  accessToken: string;
  refreshToken: string;
}

export interface FuzzServer {
  db: ServerDatabase;
  app: FastifyInstance;
  config: ServerConfig;
  /** `http://127.0.0.1:PORT` when started with `listen`. */
  url: string | null;
  sessions: Record<Role, TokenPair>;
  /** The device each role's sign-in was made on (push and pull must name it). */
  devices: Record<Role, string>;
  users: Record<Role, SessionUser>;
  categories: string[];
  executors: string[];
  /** The logged error of a request (by its x-request-id), without the values it quotes. */
  errorFor(requestId: string | undefined): string | undefined;
  /** Every error logged for a request so far (a 5xx's cause), by request id. */
  requestErrors: Map<string, string>;
  /** Warnings and errors logged outside any request (the live socket's). */
  looseErrors: string[];
  /** A fresh sign-in of `role` made without a password (for logout and refresh). */
  mint(role: Role, options?: { deviceId?: string | null; ttlSeconds?: number }): Promise<MintedSession>;
  close(): Promise<void>;
}

/**
 * The embedded PostgreSQL, tried three times: on a busy machine the free port it was given can be
 * taken before it binds (it then fails with no error at all).
 */
async function startDatabase(): Promise<ServerDatabase> {
  let last: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await startServerDatabase();
    } catch (error) {
      last = error;
    }
  }
  throw new Error(
    `The embedded PostgreSQL did not start in 3 attempts: ${last instanceof Error ? last.message : String(last)}`,
  );
}

export async function startFuzzServer(
  options: { listen?: boolean; overrides?: Partial<ServerConfig> } = {},
): Promise<FuzzServer> {
  const db = await startDatabase();
  const errors = new Map<string, string>();
  const looseErrors: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        try {
          const entry = JSON.parse(line) as { reqId?: string; msg?: string; err?: unknown };
          const text = `${entry.msg ?? ''}${entry.err ? ` ${JSON.stringify(entry.err)}` : ''}`;
          if (entry.reqId) errors.set(entry.reqId, text);
          else looseErrors.push(text);
        } catch {
          looseErrors.push(line);
        }
      }
      done();
    },
  });
  const config = serverConfig(
    {
      metricsToken: null,
      tokenSecret: FUZZ_TOKEN_SECRET,
      pbxToken: FUZZ_PBX_TOKEN,
      accessTtlSeconds: 3_600,
      loginFailuresPerUser: 1_000_000_000,
      loginFailuresPerIp: 1_000_000_000,
      sip: {
        wsUri: 'wss://pbx.fuzz.test:8443',
        domain: 'pbx.fuzz.test',
        hotline: '1551',
        iceServers: [],
        wrapUpSeconds: 30,
      },
      ...options.overrides,
    },
    {},
  );
  const app = buildServer({ pool: db.pool, config, logger: pino({ level: 'warn' }, sink) });
  let url: string | null = null;
  if (options.listen) url = await app.listen({ port: 0, host: '127.0.0.1' });
  else await app.ready();

  const devices = Object.fromEntries(roles.map((r) => [r, randomUUID()])) as Record<Role, string>;
  const sessions = {} as Record<Role, TokenPair>;
  for (const role of roles) sessions[role] = await login(app, role, devices[role]);
  const users = Object.fromEntries(roles.map((r) => [r, sessions[r].user])) as Record<Role, SessionUser>;
  const categories = (
    await db.pool.query<{ id: string }>('SELECT id FROM categories ORDER BY id LIMIT 30')
  ).rows.map((r) => r.id);
  const executors = (
    await db.pool.query<{ id: string }>('SELECT id FROM executors ORDER BY id LIMIT 30')
  ).rows.map((r) => r.id);

  return {
    db,
    app,
    config,
    url,
    sessions,
    devices,
    users,
    categories,
    executors,
    errorFor: (id) => (id ? errors.get(id) : undefined),
    requestErrors: errors,
    looseErrors,
    async mint(role, { deviceId = null, ttlSeconds = 3_600 } = {}) {
      const user = users[role];
      const refresh = await createRefreshToken(db.pool, user.id, deviceId, 3_600);
      const accessToken = issueAccessToken(
        FUZZ_TOKEN_SECRET,
        { sub: user.id, role, sid: refresh.familyId, ...(deviceId ? { deviceId } : {}) },
        ttlSeconds,
      );
      return { accessToken, refreshToken: refresh.token };
    },
    async close() {
      await app.close();
      await db.stop();
    },
  };
}
