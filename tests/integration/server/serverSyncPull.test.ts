// Pull against a real PostgreSQL: a late-committing transaction is never skipped, and a replaced
// database sends clients to re-sync.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { uuidv7 } from '../../../src/shared/domain/ids';
import type { SessionUser } from '../../../src/shared/sync/auth';
import { PullResponse, SYNC_PATHS, type Mutation } from '../../../src/shared/sync/protocol';
import { applyMutationsIn, type PushContext } from '../../../src/server/sync/applyMutation';
import { currentEpoch, rotateEpoch, runSyncCommand } from '../../../src/server/sync/epoch';
import { MutationEnvelope } from '../../../src/server/sync/pushEnvelope';
import {
  appealMutation,
  buildSyncApp,
  consultationMutation,
  createUser,
  startTestDatabase,
  testPushContext,
  type TestDatabase,
} from '../support/testDatabase';

let db: TestDatabase;
let app: FastifyInstance;
let operator: SessionUser;
let ctx: PushContext;

beforeAll(async () => {
  db = await startTestDatabase(40);
  operator = await createUser(db.pool);
  app = await buildSyncApp(db.pool, [operator]);
  ctx = testPushContext(operator, uuidv7());
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pullRaw(body: Record<string, unknown>) {
  const res = await app.inject({
    method: 'POST',
    url: SYNC_PATHS.pull,
    payload: body,
    headers: { 'x-test-user': operator.id },
  });
  expect(res.statusCode).toBe(200);
  return PullResponse.parse(res.json());
}

async function pull(cursor: string | null, epoch: string | null = null, limit = 500) {
  const res = await pullRaw({ deviceId: ctx.deviceId, epoch, cursor, limit });
  if (res.status !== 'ok') throw new Error(`unexpected resync: ${res.reason}`);
  return res;
}

const entityIds = (res: Extract<PullResponse, { status: 'ok' }>) =>
  res.changes.map((c) =>
    c.kind === 'appeal' ? c.appeal.id : c.kind === 'consultation' ? c.consultation.id : c.id,
  );

/** Pulls pages until the server has nothing more ready now. */
async function drain(cursor: string | null, limit = 500) {
  const ids: string[] = [];
  for (;;) {
    const page = await pull(cursor, null, limit);
    ids.push(...entityIds(page));
    cursor = page.cursor;
    if (!page.hasMore) return { ids, cursor };
  }
}

/** Applies a mutation in a transaction the test holds open until it calls commit or rollback. */
async function openTransaction(m: Mutation) {
  const client: pg.PoolClient = await db.pool.connect();
  await client.query('BEGIN');
  const [result] = await applyMutationsIn(client, ctx, [MutationEnvelope.parse(m)]);
  expect(result?.status).toBe('applied');
  const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
    await client.query(sql);
    client.release();
  };
  return { commit: () => end('COMMIT'), rollback: () => end('ROLLBACK') };
}

async function commitNow(m: Mutation) {
  await (await openTransaction(m)).commit();
}

describe('pull', () => {
  it('returns the full server record with the official number, status and version', async () => {
    const start = (await drain(null)).cursor;
    const m = appealMutation();
    await commitNow(m);
    const page = await pull(start);
    expect(page.changes).toHaveLength(1);
    const change = page.changes[0]!;
    expect(change.kind === 'appeal' && change.appeal).toMatchObject({
      id: m.entityId,
      officialNumber: expect.stringMatching(/^1551-2026-\d{6}$/),
      status: 'registered',
      version: 1,
    });
    expect(page.cursor).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('does not pass a transaction that commits late: its change arrives after the earlier-started one commits', async () => {
    const start = (await drain(null)).cursor;
    const a = appealMutation();
    // Appeal creations queue on the registration counter, so the change that overtakes is a consultation.
    const b = consultationMutation();
    const held = await openTransaction(a); // A has its txid and holds it
    await commitNow(b); // B starts later, commits first

    const first = await pull(start);
    expect(entityIds(first)).toEqual([]); // B waits behind A, which is still running
    expect(first.hasMore).toBe(false);

    await held.commit();
    const second = await pull(first.cursor);
    expect(entityIds(second)).toEqual([a.entityId, b.entityId]);
    const third = await pull(second.cursor);
    expect(entityIds(third)).toEqual([]);
  });

  it('pages with hasMore and a cursor, delivering each change once', async () => {
    const start = (await drain(null)).cursor;
    const batch = [
      appealMutation(),
      consultationMutation(),
      appealMutation(),
      appealMutation(),
      consultationMutation(),
    ];
    for (const m of batch) await commitNow(m);
    const page1 = await pull(start, null, 2);
    expect(page1.hasMore).toBe(true);
    const rest = await drain(page1.cursor, 2);
    expect([...entityIds(page1), ...rest.ids]).toEqual(batch.map((m) => m.entityId));
  });

  it('under random interleavings of appliers, rollbacks and pullers, every puller gets exactly the committed changes', async () => {
    const start = (await drain(null)).cursor;
    const committed = new Set<string>();
    const transactions = 300;
    let next = 0;
    let appliersDone = false;

    const applier = async () => {
      while (next < transactions) {
        next++;
        const m = Math.random() < 0.5 ? appealMutation() : consultationMutation();
        const tx = await openTransaction(m);
        await sleep(Math.random() * 8);
        if (Math.random() < 0.1) {
          await tx.rollback();
        } else {
          await tx.commit();
          committed.add(m.entityId);
        }
      }
    };
    const puller = async () => {
      const seen: string[] = [];
      let cursor = start;
      for (;;) {
        const done = appliersDone; // read before pulling: a pull after the last commit sees everything
        const page = await pull(cursor, null, 1 + Math.floor(Math.random() * 10));
        seen.push(...entityIds(page));
        cursor = page.cursor;
        if (done && !page.hasMore) return seen;
        if (!page.hasMore) await sleep(Math.random() * 5);
      }
    };

    const pullers = Array.from({ length: 3 }, puller);
    await Promise.all(Array.from({ length: 8 }, applier));
    appliersDone = true;
    const results = await Promise.all(pullers);

    expect(committed.size).toBeGreaterThan(200);
    for (const seen of results) {
      expect(new Set(seen).size).toBe(seen.length); // no duplicates
      expect(new Set(seen)).toEqual(committed); // nothing skipped, nothing rolled back
    }
  });
});

describe('epoch', () => {
  it('sends a client with another epoch to re-sync, and the restore command renews the epoch', async () => {
    const before = await currentEpoch(db.pool);
    expect((await pull(null, before)).epoch).toBe(before);

    const after = await rotateEpoch(db.pool);
    expect(after).not.toBe(before);
    const res = await pullRaw({ deviceId: ctx.deviceId, epoch: before, cursor: null });
    expect(res).toMatchObject({ status: 'resync', epoch: after });
    expect((await pull(null, after)).epoch).toBe(after);

    expect(await runSyncCommand(['--rotate-epoch'], db.pool)).toBe(true);
    expect(await currentEpoch(db.pool)).not.toBe(after);
    expect(await runSyncCommand([], db.pool)).toBe(false);
  });

  it('sends a client whose cursor is ahead of the server transaction counter to re-sync', async () => {
    const { cursor } = await drain(null);
    const txid = BigInt(cursor.split('.')[0]!);
    const ahead = `${txid + 1_000_000n}.1`;
    const res = await pullRaw({ deviceId: ctx.deviceId, epoch: await currentEpoch(db.pool), cursor: ahead });
    expect(res).toMatchObject({
      status: 'resync',
      reason: expect.stringContaining('restored from a backup'),
    });
    expect((await pull(cursor)).status).toBe('ok');
  });
});
