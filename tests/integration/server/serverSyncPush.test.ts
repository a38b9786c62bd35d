// Push against a real PostgreSQL: every mutation applied exactly once, whatever the delivery does.
import { uuidv7 } from '../../../src/shared/domain/ids';
import type { SessionUser } from '../../../src/shared/sync/auth';
import { PushResponse, SYNC_PATHS, type Mutation, type PushRequest } from '../../../src/shared/sync/protocol';
import { appealMutation, appealPayload, consultationMutation } from '../support/testDatabase';
import { useSyncApp } from '../support/syncApp';

const env = useSyncApp();

async function push(body: PushRequest, user: SessionUser | null = env.operator) {
  const res = await env.app.inject({
    method: 'POST',
    url: SYNC_PATHS.push,
    payload: body,
    headers: user ? { 'x-test-user': user.id } : {},
  });
  return { status: res.statusCode, body: res.json() as unknown };
}

async function pushOk(deviceId: string, mutations: Mutation[]) {
  const res = await push({ deviceId, epoch: null, mutations });
  expect(res.status).toBe(200);
  return PushResponse.parse(res.body).results;
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await env.db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);

describe('push', () => {
  it('applies a new appeal once, with an official number, history, change log and ledger row', async () => {
    const device = uuidv7();
    const m = appealMutation();
    const [result] = await pushOk(device, [m]);
    expect(result).toMatchObject({ mutationId: m.mutationId, status: 'applied' });
    const number = result!.status === 'applied' ? result!.officialNumber : null;
    expect(number).toMatch(/^1551-2026-\d{6}$/);
    const row = (await env.db.pool.query('SELECT * FROM appeals WHERE id = $1', [m.entityId])).rows[0];
    expect(row).toMatchObject({
      official_number: number,
      status: 'registered',
      version: 1,
      device_id: device,
    });
    expect(await count('SELECT count(*) AS n FROM appeal_history WHERE appeal_id = $1', [m.entityId])).toBe(
      1,
    );
    expect(await count('SELECT count(*) AS n FROM change_log WHERE entity_id = $1', [m.entityId])).toBe(1);
    expect(
      await count("SELECT count(*) AS n FROM sync_ledger WHERE mutation_id = $1 AND status = 'applied'", [
        m.mutationId,
      ]),
    ).toBe(1);
  });

  it('answers the same batch pushed again with duplicate and the same official numbers, changing nothing', async () => {
    const device = uuidv7();
    const batch = [appealMutation(), appealMutation(), consultationMutation()];
    const first = await pushOk(device, batch);
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const changes = await count('SELECT count(*) AS n FROM change_log');
    const second = await pushOk(device, batch);
    expect(second.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(second.map((r) => ('officialNumber' in r ? r.officialNumber : undefined))).toEqual(
      first.map((r) => ('officialNumber' in r ? r.officialNumber : undefined)),
    );
    expect(await count('SELECT count(*) AS n FROM change_log')).toBe(changes);
  });

  it('applies a reordered batch in seq order and a mutation delivered twice in it once', async () => {
    const device = uuidv7();
    const [a, b, c] = [appealMutation(), appealMutation(), appealMutation()];
    const results = await pushOk(device, [c!, a!, b!, a!, c!]);
    expect(results.map((r) => [r.seq, r.status])).toEqual([
      [a!.seq, 'applied'],
      [a!.seq, 'duplicate'],
      [b!.seq, 'applied'],
      [c!.seq, 'applied'],
      [c!.seq, 'duplicate'],
    ]);
    const numbers = results.map((r) => ('officialNumber' in r ? r.officialNumber : null));
    expect(numbers[0]).toBe(numbers[1]);
    expect(numbers[3]).toBe(numbers[4]);
    // Numbers follow the device's order, not the order of delivery.
    expect(numbers[0]! < numbers[2]! && numbers[2]! < numbers[3]!).toBe(true);
    expect(
      await count('SELECT count(*) AS n FROM appeals WHERE id = ANY($1::uuid[])', [
        [a!.entityId, b!.entityId, c!.entityId],
      ]),
    ).toBe(3);
  });

  it('applies exactly once when two pushes of the same mutations race', async () => {
    const device = uuidv7();
    const batch = Array.from({ length: 20 }, () => appealMutation());
    const pushes = await Promise.all(Array.from({ length: 4 }, () => pushOk(device, batch)));
    for (let i = 0; i < batch.length; i++) {
      const outcomes = pushes.map((results) => results[i]!);
      expect(outcomes.filter((r) => r.status === 'applied')).toHaveLength(1);
      expect(outcomes.filter((r) => r.status === 'duplicate')).toHaveLength(3);
      expect(new Set(outcomes.map((r) => ('officialNumber' in r ? r.officialNumber : null))).size).toBe(1);
    }
    const ids = batch.map((m) => m.entityId);
    expect(await count('SELECT count(*) AS n FROM appeals WHERE id = ANY($1::uuid[])', [ids])).toBe(20);
    expect(await count('SELECT count(*) AS n FROM change_log WHERE entity_id = ANY($1::text[])', [ids])).toBe(
      20,
    );
  });

  it('answers an appeal re-sent under a new mutation (after a re-sync) with duplicate and its number', async () => {
    const device = uuidv7();
    const payload = appealPayload();
    const [first] = await pushOk(device, [appealMutation(payload)]);
    const [again] = await pushOk(device, [appealMutation(payload)]);
    expect(again).toMatchObject({
      status: 'duplicate',
      officialNumber: (first as { officialNumber: string }).officialNumber,
    });
    expect(await count('SELECT count(*) AS n FROM change_log WHERE entity_id = $1', [payload.id])).toBe(1);
  });

  it('rejects a (device, seq) reused by another mutation as a conflict, and stores the rejection', async () => {
    const device = uuidv7();
    const original = appealMutation();
    await pushOk(device, [original]);
    const impostor = appealMutation(appealPayload(), original.seq);
    const [result] = await pushOk(device, [impostor]);
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    expect(await count('SELECT count(*) AS n FROM appeals WHERE id = $1', [impostor.entityId])).toBe(0);
    const stored = await env.db.pool.query(
      'SELECT code, user_id FROM sync_rejections WHERE mutation_id = $1',
      [impostor.mutationId],
    );
    expect(stored.rows).toEqual([{ code: 'conflict', user_id: env.operator.id }]);
  });

  it('rejects a mutation with a bad payload with its reason, stores it, and applies the rest of the batch', async () => {
    const device = uuidv7();
    const good1 = appealMutation();
    const bad = appealMutation(appealPayload({ receivedOn: 'yesterday' }));
    const good2 = consultationMutation();
    const results = await pushOk(device, [good1, bad, good2]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    const rejected = results[1]!;
    expect(rejected.status === 'rejected' && rejected.reason).toMatchObject({ code: 'invalid' });
    expect(rejected.status === 'rejected' && rejected.reason.message).toContain('payload.receivedOn');
    expect(
      await count('SELECT count(*) AS n FROM sync_rejections WHERE mutation_id = $1', [bad.mutationId]),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM appeals WHERE id = $1', [bad.entityId])).toBe(0);
    // The same rejected mutation delivered again gets the same answer, stored once.
    const [again] = await pushOk(device, [bad]);
    expect(again).toEqual(rejected);
    expect(
      await count('SELECT count(*) AS n FROM sync_rejections WHERE mutation_id = $1', [bad.mutationId]),
    ).toBe(1);
  });

  it('rejects a mutation whose entityId is not its payload id', async () => {
    const m = { ...appealMutation(), entityId: uuidv7() };
    const [result] = await pushOk(uuidv7(), [m]);
    expect(result).toMatchObject({
      status: 'rejected',
      reason: { code: 'invalid', message: expect.stringContaining('entityId') },
    });
  });

  it('records the signed-in user as the operator of what it pushes, whatever operatorId the payload claims', async () => {
    const forged = appealMutation(appealPayload({ operatorId: 'someone-else' }));
    const consultation = consultationMutation();
    const results = await pushOk(uuidv7(), [forged, consultation]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const appeal = (
      await env.db.pool.query<{ operator_id: string; record: { operatorId: string } }>(
        'SELECT operator_id, record FROM appeals WHERE id = $1',
        [forged.entityId],
      )
    ).rows[0]!;
    expect(appeal.operator_id).toBe(env.operator.id);
    expect(appeal.record.operatorId).toBe(env.operator.id);
    const stored = (
      await env.db.pool.query<{ operator_id: string; record: { operatorId: string } }>(
        'SELECT operator_id, record FROM consultations WHERE id = $1',
        [consultation.entityId],
      )
    ).rows[0]!;
    expect(stored.operator_id).toBe(env.operator.id);
    expect(stored.record.operatorId).toBe(env.operator.id);
  });

  it('refuses a request without a signed-in user', async () => {
    const res = await push({ deviceId: uuidv7(), epoch: null, mutations: [appealMutation()] }, null);
    expect(res.status).toBe(401);
  });
});
