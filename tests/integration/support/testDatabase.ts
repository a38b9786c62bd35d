// For the server's integration tests, the fuzz tier and bench/serverSetup.ts: a throwaway embedded
// PostgreSQL with every migration, a signed-in user and a Fastify app that serves only the sync routes.
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import type { Consultation } from '../../../src/shared/domain/appeal';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { addMonths, localDateOf } from '../../../src/shared/domain/localDate';
import type { SessionUser } from '../../../src/shared/sync/auth';
import type { AppealCreatePayload, Mutation } from '../../../src/shared/sync/protocol';
import { migrate } from '../../../src/server/db/migrate';
import { createPool } from '../../../src/server/db/pool';
import { freePort, startEmbeddedPostgres } from '../../../src/server/embedded';
import { errorHandler, notFoundHandler } from '../../../src/server/errors';
import { useBoundedJson } from '../../../src/server/jsonBody';
import type { PushContext } from '../../../src/server/sync/createRecords';
import { numberProof } from '../../../src/server/sync/numberProof';
import { syncRoutes } from '../../../src/server/sync/routes';
import { appealPolicy } from '../../../src/server/sync/serverOwned';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  stop(): Promise<void>;
}

export async function startTestDatabase(poolSize = 20): Promise<TestDatabase> {
  const parent = mkdtempSync(join(tmpdir(), 'sync-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: join(parent, 'data'), port: await freePort() });
  const url = server.url;
  const pool = createPool(url, poolSize);
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

/** A push context for tests that apply mutations inside their own transaction. */
export function testPushContext(user: SessionUser, deviceId: string, now = new Date()): PushContext {
  return {
    deviceId,
    userId: user.id,
    role: user.role,
    centerCode: '1551',
    policy: appealPolicy(),
    proof: numberProof('test-secret'),
    now,
  };
}

/** The author `appealMutation()` and its kin put in a mutation when none is given. */
let defaultAuthor = '00000000-0000-0000-0000-000000000000';

/**
 * The sync routes behind a stand-in for sign-in: the `x-test-user` header picks the user, and the
 * sign-in's device is the one the body names unless `x-test-device` names another. The first user
 * becomes the default author of the mutation helpers below.
 */
export async function buildSyncApp(
  pool: pg.Pool,
  users: readonly SessionUser[],
  options: { clock?: () => Date } = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  useBoundedJson(app);
  if (users[0]) defaultAuthor = users[0].id;
  app.addHook('onRequest', async (request) => {
    const user = users.find((u) => u.id === request.headers['x-test-user']);
    if (user) request.user = user;
  });
  app.addHook('preValidation', async (request) => {
    const named = request.headers['x-test-device'];
    const body = request.body as { deviceId?: unknown } | null;
    const deviceId =
      typeof named === 'string' ? named : typeof body?.deviceId === 'string' ? body.deviceId : null;
    request.auth = { sessionId: 'test', deviceId };
  });
  await app.register(syncRoutes, {
    pool,
    centerCode: '1551',
    secret: () => Promise.resolve('test-secret'),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.ready();
  return app;
}

let seqCounter = 0;

/** An appeal as a workstation pushes it: valid by default, made now (or at `overrides.createdAt`). */
export function appealPayload(overrides: Partial<AppealCreatePayload> = {}): AppealCreatePayload {
  const id = uuidv7();
  const createdAt = overrides.createdAt ?? new Date().toISOString();
  const receivedOn = localDateOf(new Date(createdAt), 'Europe/Kyiv');
  return {
    supplements: [],
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
    receivedOn,
    deadlineOn: addMonths(receivedOn, 1),
    deadlineRule: 'ua_month',
    createdAt,
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
    createdAt: new Date().toISOString(),
    operatorId: 'op-1',
  };
}

/** A mutation envelope around a payload; seq is unique per test process unless given. */
export function appealMutation(
  payload = appealPayload(),
  seq = ++seqCounter,
  authorId = defaultAuthor,
): Mutation {
  return { ...envelope(payload, seq, authorId), type: 'appeal.create', payload };
}

export function consultationMutation(
  payload = consultationPayload(),
  seq = ++seqCounter,
  authorId = defaultAuthor,
): Mutation {
  return { ...envelope(payload, seq, authorId), type: 'consultation.create', payload };
}

function envelope(payload: { id: string; createdAt: string }, seq: number, authorId: string) {
  return { mutationId: uuidv7(), seq, entityId: payload.id, createdAt: payload.createdAt, authorId };
}
