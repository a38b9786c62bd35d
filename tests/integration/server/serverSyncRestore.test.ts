// The server's side of a restore (protocol.ts, "Restore") against a real PostgreSQL: numbers re-sent
// with lost appeals are kept, rows a client holds that the database lost are noticed on pull and on
// push, and call records keep their newest version.
import { uuidv7 } from '../../../src/shared/domain/ids';
import type { CallRecord } from '../../../src/shared/softphone/calls';
import {
  PullResponse,
  PushResponse,
  SYNC_PATHS,
  type Mutation,
  type PullRequest,
  type PushRequest,
} from '../../../src/shared/sync/protocol';
import { rotateEpoch, RESTORE_NUMBER_GAP } from '../../../src/server/sync/epoch';
import { numberProof } from '../../../src/server/sync/numberProof';
import { appealMutation, appealPayload } from '../support/testDatabase';
import { useSyncApp } from '../support/syncApp';

const env = useSyncApp();

async function post(url: string, payload: PushRequest | PullRequest) {
  const res = await env.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'x-test-user': env.operator.id },
  });
  expect(res.statusCode).toBe(200);
  return res.json() as unknown;
}
const push = async (body: PushRequest) => PushResponse.parse(await post(SYNC_PATHS.push, body));
const pull = async (body: PullRequest) => PullResponse.parse(await post(SYNC_PATHS.pull, body));

const numberOf = (r: PushResponse['results'][number] | undefined) =>
  r && r.status !== 'rejected' ? r.officialNumber : null;
const sequenceOf = (n: string | null) => Number(n?.split('-')[2]);

/**
 * A re-send after a restore: the appeal with the number the server gave it before, and the
 * server's proof of it (the test app's secret is 'test-secret'), as the workstation kept them.
 */
function resent(officialNumber: string, { proven = true } = {}): Mutation {
  const payload = appealPayload({ officialNumber });
  if (proven) payload.officialNumberProof = numberProof('test-secret').sign(payload.id, officialNumber);
  return appealMutation(payload);
}

describe('a re-sent appeal that carries its earlier official number', () => {
  it('keeps the number when it is free, and later appeals are numbered after it', async () => {
    const device = uuidv7();
    const [first] = (await push({ deviceId: device, epoch: null, mutations: [appealMutation()] })).results;
    const base = sequenceOf(numberOf(first));
    const year = numberOf(first)!.split('-')[1];
    const kept = `1551-${year}-${String(base + 50).padStart(6, '0')}`;
    const [again, next] = (
      await push({ deviceId: device, epoch: null, mutations: [resent(kept), appealMutation()] })
    ).results;
    expect(numberOf(again)).toBe(kept);
    expect(sequenceOf(numberOf(next))).toBe(base + 51);
  });

  it('ignores a number the server cannot prove it gave: no client picks a number or moves the sequence', async () => {
    const device = uuidv7();
    const [first] = (await push({ deviceId: device, epoch: null, mutations: [appealMutation()] })).results;
    const base = sequenceOf(numberOf(first));
    const year = numberOf(first)!.split('-')[1];
    const forged = [
      `1551-${year}-${String(base + 50).padStart(6, '0')}`,
      `1551-${year}-999999999999999999`,
      `1551-2099-000001`,
    ];
    const forgedProof = resent(forged[0]!, { proven: false });
    forgedProof.payload = { ...forgedProof.payload, officialNumberProof: 'AAAAAAAAAAAAAAAAAAAAAA' } as never;
    const results = (
      await push({
        deviceId: device,
        epoch: null,
        mutations: [...forged.map((n) => resent(n, { proven: false })), forgedProof, appealMutation()],
      })
    ).results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    // Each got the next number of the real sequence, in order, and none of the claimed ones.
    expect(results.map((r) => sequenceOf(numberOf(r)))).toEqual([1, 2, 3, 4, 5].map((i) => base + i));
    for (const r of results) expect(numberOf(r)).toMatch(new RegExp(`^1551-${year}-\\d{6}$`));
  });

  it('gets a new number when another appeal holds it, and the history records the earlier one', async () => {
    const device = uuidv7();
    const [first] = (await push({ deviceId: device, epoch: null, mutations: [appealMutation()] })).results;
    const taken = numberOf(first)!;
    const m = resent(taken);
    const [result] = (await push({ deviceId: device, epoch: null, mutations: [m] })).results;
    expect(numberOf(result)).not.toBe(taken);
    expect(numberOf(result)).toMatch(/^1551-\d{4}-\d{6}$/);
    const { rows } = await env.db.pool.query<{ change: { previousNumber?: string } }>(
      'SELECT change FROM appeal_history WHERE appeal_id = $1',
      [m.entityId],
    );
    expect(rows[0]?.change.previousNumber).toBe(taken);
  });

  it.each([
    ['another center', '1414-2026-000777'],
    ['another year', '1551-2019-000777'],
    ['a malformed number', '1551-2026-77x'],
  ])('ignores a number of %s and numbers the appeal as usual', async (_label, claimed) => {
    const [result] = (await push({ deviceId: uuidv7(), epoch: null, mutations: [resent(claimed)] })).results;
    expect(result?.status).toBe('applied');
    expect(numberOf(result)).not.toBe(claimed);
    expect(numberOf(result)).toMatch(/^1551-\d{4}-\d{6}$/);
  });
});

describe('noticing a restore', () => {
  it('asks for a re-sync when the cursor names a change the database no longer has', async () => {
    const device = uuidv7();
    await push({ deviceId: device, epoch: null, mutations: [appealMutation()] });
    let page = await pull({ deviceId: device, epoch: null, cursor: null });
    while (page.status === 'ok' && page.hasMore)
      page = await pull({ deviceId: device, epoch: page.epoch, cursor: page.cursor });
    expect(page.status).toBe('ok');
    if (page.status !== 'ok') return;
    const [txid, id] = page.cursor.split('.');
    // Still there: an ordinary pull.
    expect((await pull({ deviceId: device, epoch: page.epoch, cursor: page.cursor })).status).toBe('ok');
    // The same txid and id written again later (a file-level restore rewinds both): the stamp differs.
    const rewritten = `${txid}.${id}.${Date.now() * 1000 - 123}`;
    expect((await pull({ deviceId: device, epoch: page.epoch, cursor: rewritten })).status).toBe('resync');
    // Gone altogether (what a restore into the same cluster leaves).
    await env.db.pool.query('DELETE FROM change_log WHERE id = $1', [id]);
    const after = await pull({ deviceId: device, epoch: page.epoch, cursor: page.cursor });
    expect(after).toMatchObject({ status: 'resync', reason: expect.stringMatching(/restored/) });
  });

  it('asks for a re-sync on push and pull when the ledger lost what it acknowledged, and still applies the batch', async () => {
    const device = uuidv7();
    const m = appealMutation(appealPayload(), 1);
    await push({ deviceId: device, epoch: null, mutations: [m] });
    const held = { deviceId: device, epoch: null, acknowledgedSeq: 1 };
    expect((await pull({ ...held, cursor: null })).status).toBe('ok');
    await env.db.pool.query('DELETE FROM sync_ledger WHERE device_id = $1', [device]);
    expect((await pull({ ...held, cursor: null })).status).toBe('resync');
    const next = appealMutation(appealPayload(), 2);
    const answer = await push({ ...held, mutations: [next] });
    expect(answer.resync).toMatch(/restored/);
    expect(answer.results[0]?.status).toBe('applied');
    // The new ledger row does not hide the loss: the acknowledged row itself is checked.
    expect((await push({ ...held, mutations: [next] })).resync).toMatch(/restored/);
  });

  it('leaves a gap in every number sequence when the restore procedure rotates the epoch', async () => {
    const device = uuidv7();
    const [before] = (await push({ deviceId: device, epoch: null, mutations: [appealMutation()] })).results;
    await rotateEpoch(env.db.pool);
    const [after] = (await push({ deviceId: device, epoch: null, mutations: [appealMutation()] })).results;
    expect(sequenceOf(numberOf(after))).toBe(sequenceOf(numberOf(before)) + RESTORE_NUMBER_GAP + 1);
  });
});

describe('call records', () => {
  function call(version: number, overrides: Partial<CallRecord> = {}): CallRecord {
    return {
      id: '019a0000-0000-7000-8000-00000000c0de',
      sipCallId: 'a84b4c76e66710@pbx',
      direction: 'inbound',
      localNumber: '1551',
      remoteNumber: '+380671234567',
      remoteName: null,
      operatorId: 'ignored-the-server-knows-who-pushed',
      ringAt: '2026-11-22T10:00:00.000Z',
      answeredAt: version >= 2 ? '2026-11-22T10:00:04.000Z' : null,
      endedAt: version >= 3 ? '2026-11-22T10:03:00.000Z' : null,
      result: version >= 3 ? 'answered' : null,
      transferTarget: null,
      appealIds: [],
      consultationIds: [],
      version,
      updatedAt: '2026-11-22T10:03:00.000Z',
      ...overrides,
    };
  }
  const upsert = (record: CallRecord, seq: number): Mutation => ({
    mutationId: uuidv7(),
    seq,
    type: 'call.upsert',
    entityId: record.id,
    createdAt: record.updatedAt,
    authorId: env.operator.id,
    payload: record,
  });

  it('keeps the newest version whatever order the versions arrive in', async () => {
    const device = uuidv7();
    const results = (
      await push({
        deviceId: device,
        epoch: null,
        mutations: [upsert(call(1), 1), upsert(call(3), 3), upsert(call(2), 2)],
      })
    ).results;
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'applied']);
    const late = (await push({ deviceId: device, epoch: null, mutations: [upsert(call(2), 4)] })).results;
    expect(late[0]?.status).toBe('duplicate');
    const { rows } = await env.db.pool.query<{ version: number; result: string; operator_id: string }>(
      'SELECT version, result, operator_id::text FROM calls WHERE id = $1',
      [call(1).id],
    );
    expect(rows).toEqual([{ version: 3, result: 'answered', operator_id: env.operator.id }]);
  });

  it('rejects a record with a control character in the caller id and stores nothing', async () => {
    const bad = call(1, { id: '019a0000-0000-7000-8000-00000000bad1', remoteNumber: '+380\u0007' });
    const [result] = (await push({ deviceId: uuidv7(), epoch: null, mutations: [upsert(bad, 1)] })).results;
    expect(result?.status).toBe('rejected');
    expect((await env.db.pool.query('SELECT 1 FROM calls WHERE id = $1', [bad.id])).rowCount).toBe(0);
  });
});
