// For the integration tests: a throwaway embedded PostgreSQL with every migration, a signed-in user
// and a Fastify app that serves only the sync routes.
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Consultation } from '../../shared/domain/appeal';
import { uuidv7 } from '../../shared/domain/ids';
import type { SessionUser } from '../../shared/sync/auth';
import type { AppealCreatePayload, Mutation } from '../../shared/sync/protocol';
import { migrate } from '../db/migrate';
import { freePort, startEmbeddedPostgres } from '../embedded';
import { errorHandler, notFoundHandler } from '../errors';
import { syncRoutes } from './routes';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  stop(): Promise<void>;
}

export async function startTestDatabase(poolSize = 20): Promise<TestDatabase> {
  const parent = mkdtempSync(join(tmpdir(), 'sync-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), port: await freePort() });
  const url = server.url;
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined);
  await migrate(pool);
  return {
    url,
    pool,
    async stop() {
      await pool.end();
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export async function createUser(
  pool: pg.Pool,
  role: SessionUser['role'] = 'operator',
): Promise<SessionUser> {
  const username = `${role}-${Math.random().toString(36).slice(2, 10)}`;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO users (username, name, role, password_hash) VALUES ($1, $2, $3, 'unused') RETURNING id::text`,
    [username, `Test ${role}`, role],
  );
  return { id: rows[0]!.id, username, name: `Test ${role}`, role };
}

/** The sync routes behind a stand-in for sign-in: the `x-test-user` header picks the user. */
export async function buildSyncApp(pool: pg.Pool, users: readonly SessionUser[]): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onRequest', async (request) => {
    const user = users.find((u) => u.id === request.headers['x-test-user']);
    if (user) request.user = user;
  });
  await app.register(syncRoutes, { pool, centerCode: '1551' });
  await app.ready();
  return app;
}

let seqCounter = 0;

/** An appeal as a workstation pushes it: valid by default. */
export function appealPayload(overrides: Partial<AppealCreatePayload> = {}): AppealCreatePayload {
  const id = uuidv7();
  return {
    id,
    provisionalNumber: `P-${id.slice(-6)}`,
    type: 'statement',
    channel: 'phone',
    applicant: {
      fullName: 'Коваленко Марія Іванівна',
      phones: ['+380671234567'],
      address: { city: 'Київ', district: '', street: 'вул. Хрещатик', building: '22', flat: '5' },
      email: '',
      iin: '',
    },
    benefit: 'none',
    signatories: null,
    categoryId: 'cat-1',
    executorId: 'exec-1',
    essence: 'Немає опалення в квартирі третій день.',
    attachments: [],
    consentToPublish: false,
    repeatOf: null,
    priority: false,
    receivedOn: '2026-03-02',
    deadlineOn: '2026-04-01',
    deadlineRule: 'ua_month',
    createdAt: '2026-03-02T09:15:00.000Z',
    operatorId: 'op-1',
    ...overrides,
  };
}

export function consultationPayload(): Consultation {
  return {
    id: uuidv7(),
    channel: 'phone',
    phone: '',
    categoryId: 'cat-1',
    executorId: '',
    question: 'Графік прийому?',
    answer: 'Пн-Пт 9-18',
    createdAt: '2026-03-02T09:20:00.000Z',
    operatorId: 'op-1',
  };
}

/** A mutation envelope around a payload; seq is unique per test process unless given. */
export function appealMutation(payload = appealPayload(), seq = ++seqCounter): Mutation {
  return {
    mutationId: uuidv7(),
    seq,
    type: 'appeal.create',
    entityId: payload.id,
    createdAt: payload.createdAt,
    payload,
  };
}

export function consultationMutation(payload = consultationPayload(), seq = ++seqCounter): Mutation {
  return {
    mutationId: uuidv7(),
    seq,
    type: 'consultation.create',
    entityId: payload.id,
    createdAt: payload.createdAt,
    payload,
  };
}
