// For the lifecycle tests: a "desk" is one signed-in user on one workstation (its own device id and
// mutation numbering) that pushes and pulls through the real server, as a workstation does.
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AppealAmendment } from '../../../src/shared/domain/amendment';
import type { Appeal } from '../../../src/shared/domain/appeal';
import { uuidv7 } from '../../../src/shared/domain/ids';
import type { LifecycleAction } from '../../../src/shared/domain/lifecycle';
import type { SessionUser, TokenPair } from '../../../src/shared/sync/auth';
import {
  PullResponse,
  PushResponse,
  SYNC_PATHS,
  type AppealCreatePayload,
  type Change,
  type Mutation,
  type MutationResult,
} from '../../../src/shared/sync/protocol';
import { APPEAL_COLUMNS, appealFromRow, type AppealRow } from '../../../src/server/appeals/repository';
import type { Pool } from '../../../src/server/db/pool';
import { appealPayload } from '../support/testDatabase';
import { bearer, loginAs } from './serverHarness';

export interface Desk {
  user: SessionUser;
  token: TokenPair;
  deviceId: string;
  seq: number;
  cursor: string | null;
}

export async function openDesk(app: FastifyInstance, username: string): Promise<Desk> {
  const deviceId = randomUUID();
  const token = await loginAs(app, username, deviceId);
  return { user: token.user, token, deviceId, seq: 0, cursor: null };
}

function envelope(desk: Desk, entityId: string) {
  return {
    mutationId: uuidv7(),
    seq: ++desk.seq,
    entityId,
    createdAt: new Date().toISOString(),
    authorId: desk.user.id,
  };
}

/** A category of each term in the seeded classifier, with its default executor. */
export const CATEGORIES = {
  standard: { id: 't-f4457149', executorId: 'e-a1536e79' },
  short: { id: 't-cfc53634', executorId: 'e-c042331b' },
} as const;

export function registration(desk: Desk, overrides: Partial<AppealCreatePayload> = {}): Mutation {
  const payload = appealPayload({
    categoryId: CATEGORIES.standard.id,
    executorId: CATEGORIES.standard.executorId,
    operatorId: desk.user.id,
    ...overrides,
  });
  return { ...envelope(desk, payload.id), type: 'appeal.create', payload };
}

export function transition(
  desk: Desk,
  appealId: string,
  action: LifecycleAction,
  baseVersion: number,
): Mutation {
  return { ...envelope(desk, appealId), type: 'appeal.transition', payload: { action, baseVersion } };
}

export function amendment(
  desk: Desk,
  appealId: string,
  change: AppealAmendment,
  baseVersion: number,
): Mutation {
  return { ...envelope(desk, appealId), type: 'appeal.amend', payload: { amendment: change, baseVersion } };
}

export async function push(
  app: FastifyInstance,
  desk: Desk,
  mutations: readonly Mutation[],
): Promise<MutationResult[]> {
  const res = await app.inject({
    method: 'POST',
    url: SYNC_PATHS.push,
    headers: bearer(desk.token),
    payload: { deviceId: desk.deviceId, epoch: null, mutations },
  });
  if (res.statusCode !== 200) throw new Error(`push: ${res.statusCode} ${res.body}`);
  return PushResponse.parse(res.json()).results;
}

/** Pushes one mutation and returns its result. */
export async function pushOne(app: FastifyInstance, desk: Desk, m: Mutation): Promise<MutationResult> {
  const [result] = await push(app, desk, [m]);
  return result!;
}

/** Everything the desk has not pulled yet, page after page, as a workstation pulls. */
export async function pullNew(app: FastifyInstance, desk: Desk): Promise<Change[]> {
  const changes: Change[] = [];
  for (;;) {
    const res = await app.inject({
      method: 'POST',
      url: SYNC_PATHS.pull,
      headers: bearer(desk.token),
      payload: { deviceId: desk.deviceId, epoch: null, cursor: desk.cursor, limit: 50 },
    });
    if (res.statusCode !== 200) throw new Error(`pull: ${res.statusCode} ${res.body}`);
    const page = PullResponse.parse(res.json());
    if (page.status !== 'ok') throw new Error(`pull: resync ${page.reason}`);
    changes.push(...page.changes);
    desk.cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

export async function storedAppeal(pool: Pool, id: string): Promise<Appeal> {
  const { rows } = await pool.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM appeals WHERE id = $1`, [id]);
  if (!rows[0]) throw new Error(`no appeal ${id}`);
  return appealFromRow(rows[0]);
}

export interface HistoryRow {
  kind: string;
  version: number;
  status_before: string | null;
  status_after: string | null;
  device_id: string | null;
  user_id: string | null;
  change: Record<string, unknown>;
}

export async function historyOf(pool: Pool, appealId: string): Promise<HistoryRow[]> {
  const { rows } = await pool.query<HistoryRow>(
    `SELECT kind, version, status_before, status_after, device_id, user_id::text, change
       FROM appeal_history WHERE appeal_id = $1 ORDER BY at, id`,
    [appealId],
  );
  return rows;
}

export async function auditOf(
  pool: Pool,
  appealId: string,
): Promise<{ action: string; user_id: string; details: Record<string, unknown> }[]> {
  const { rows } = await pool.query<{ action: string; user_id: string; details: Record<string, unknown> }>(
    `SELECT action, user_id::text, details FROM audit_log
      WHERE appeal_id = $1 AND action IN ('appeal.create', 'appeal.change') ORDER BY id`,
    [appealId],
  );
  return rows;
}

/** The reason of a rejected result (fails the test when it was not rejected). */
export function rejection(result: MutationResult) {
  if (result.status !== 'rejected') throw new Error(`expected a rejection, got ${result.status}`);
  return result.reason;
}
