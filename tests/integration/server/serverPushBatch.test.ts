// The batched push path and sequence-based registration numbers against a real PostgreSQL: one
// statement per batch must keep every per-mutation outcome the one-by-one path gave.
import { formatRegistrationNumber, nextRegistrationNumbers } from '../support/registrationNumbers';
import { withTransaction } from '../../../src/server/db/pool';
import { appealMutation, appealPayload, consultationMutation } from '../support/testDatabase';
import { useSyncApp } from '../support/syncApp';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { PushResponse, SYNC_PATHS, type Mutation } from '../../../src/shared/sync/protocol';

const env = useSyncApp();

async function pushOk(deviceId: string, mutations: Mutation[]) {
  const res = await env.app.inject({
    method: 'POST',
    url: SYNC_PATHS.push,
    payload: { deviceId, epoch: null, mutations },
    headers: { 'x-test-user': env.operator.id },
  });
  expect(res.statusCode).toBe(200);
  return PushResponse.parse(res.json()).results;
}

const numberOf = (r: PushResponse['results'][number] | undefined) =>
  r && r.status !== 'rejected' ? r.officialNumber : null;

describe('registration numbers', () => {
  it('continue after the counter row an older server left for that center and year', async () => {
    await env.db.pool.query(
      `INSERT INTO registration_counters (center_code, year, last) VALUES ('7777', 2040, 41)`,
    );
    const numbers = await withTransaction(env.db.pool, (c) => nextRegistrationNumbers(c, '7777', 2040, 3));
    expect(numbers).toEqual(['7777-2040-000042', '7777-2040-000043', '7777-2040-000044']);
  });

  it('are formatted alike by the server code and the database, keeping a seventh digit', async () => {
    for (const n of [7, 123456, 1234567]) {
      const { rows } = await env.db.pool.query<{ s: string }>(
        'SELECT format_registration_number($1, $2, $3) AS s',
        ['1551', 2030, n],
      );
      expect(rows[0]!.s).toBe(formatRegistrationNumber('1551', 2030, n));
    }
    expect(formatRegistrationNumber('1551', 2030, 1234567)).toBe('1551-2030-1234567');
  });

  it('are taken from the year each appeal was received in, within one batch', async () => {
    // A workstation offline over New Year pushes on 2 January: each keeps its own year.
    env.setNow(new Date('2028-01-02T08:00:00Z'));
    const a = appealMutation(appealPayload({ createdAt: '2027-12-31T15:00:00.000Z' }), 1);
    const b = appealMutation(appealPayload({ createdAt: '2028-01-01T15:00:00.000Z' }), 2);
    const results = await pushOk(uuidv7(), [a, b]).finally(() => env.setNow(null));
    expect(numberOf(results[0])).toMatch(/^1551-2027-\d{6}$/);
    expect(numberOf(results[1])).toMatch(/^1551-2028-\d{6}$/);
  });
});

describe('a batch', () => {
  it('creates an appeal sent twice under two mutation ids once, answering the second duplicate with its number', async () => {
    const payload = appealPayload();
    const first = appealMutation(payload, 1);
    const second = appealMutation(payload, 2);
    const [a, b] = await pushOk(uuidv7(), [first, second]);
    expect(a).toMatchObject({ status: 'applied' });
    expect(b).toMatchObject({ status: 'duplicate', officialNumber: numberOf(a) });
    const { rows } = await env.db.pool.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM appeals WHERE id = $1) + (SELECT count(*) FROM change_log WHERE entity_id = $1::text) AS n`,
      [payload.id],
    );
    expect(rows[0]!.n).toBe('2');
    const ledger = await env.db.pool.query<{ status: string; result: { officialNumber: string } }>(
      'SELECT status, result FROM sync_ledger WHERE mutation_id = ANY($1::uuid[]) ORDER BY seq',
      [[first.mutationId, second.mutationId]],
    );
    expect(ledger.rows).toEqual([
      { status: 'applied', result: { officialNumber: numberOf(a) } },
      { status: 'applied', result: { officialNumber: numberOf(a) } },
    ]);
  });

  it('of mixed appeals, consultations and a bad mutation records each outcome in order and one change per record', async () => {
    const device = uuidv7();
    const good = [
      appealMutation(undefined, 1),
      consultationMutation(undefined, 2),
      appealMutation(undefined, 4),
    ];
    const bad = { ...appealMutation(undefined, 3), entityId: uuidv7() };
    const results = await pushOk(device, [good[0]!, good[1]!, bad, good[2]!]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied']);
    const log = await env.db.pool.query<{ entity_id: string }>(
      'SELECT entity_id FROM change_log WHERE entity_id = ANY($1) ORDER BY txid, id',
      [good.map((m) => m.entityId)],
    );
    // One transaction: the rows commit together; appeals keep the device's order among themselves.
    expect(log.rows.map((r) => r.entity_id).sort()).toEqual(good.map((m) => m.entityId).sort());
    const appeals = log.rows.map((r) => r.entity_id).filter((id) => id !== good[1]!.entityId);
    expect(appeals).toEqual([good[0]!.entityId, good[2]!.entityId]);
    const ledger = await env.db.pool.query<{ seq: string; status: string }>(
      'SELECT seq::text, status FROM sync_ledger WHERE device_id = $1 ORDER BY seq',
      [device],
    );
    expect(ledger.rows.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied']);
    // Pushed again: the recorded outcomes, nothing new.
    const again = await pushOk(device, [good[0]!, good[1]!, bad, good[2]!]);
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'rejected', 'duplicate']);
    expect(numberOf(again[0])).toBe(numberOf(results[0]));
  });

  it('gives 1,000 appeals pushed by 20 devices at once 1,000 distinct numbers without a lock held to commit', async () => {
    // A year of its own, so the numbers start from 1 whatever other tests pushed.
    env.setNow(new Date('2033-05-05T12:00:00Z'));
    const batches = Array.from({ length: 20 }, () =>
      Array.from({ length: 50 }, (_, i) =>
        appealMutation(appealPayload({ createdAt: '2033-05-05T09:00:00.000Z' }), i + 1),
      ),
    );
    const results = (
      await Promise.all(batches.map((b) => pushOk(uuidv7(), b))).finally(() => env.setNow(null))
    ).flat();
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    expect(new Set(results.map(numberOf)).size).toBe(1000);
  });
});
