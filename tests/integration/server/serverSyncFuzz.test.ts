// Bad input to the sync endpoints: every answer is a 4xx naming the problem, never a 5xx, and a
// refused request stores nothing.
import fc from 'fast-check';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { ApiError } from '../../../src/shared/sync/auth';
import { SYNC_LIMITS, SYNC_PATHS } from '../../../src/shared/sync/protocol';
import { appealMutation } from '../support/testDatabase';
import { useSyncApp } from '../support/syncApp';

const env = useSyncApp();

async function send(url: string, payload: string) {
  const res = await env.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': 'application/json', 'x-test-user': env.operator.id },
  });
  return { status: res.statusCode, body: res.json() as unknown };
}

async function storedRows(): Promise<number> {
  const { rows } = await env.db.pool.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM sync_ledger) + (SELECT count(*) FROM sync_rejections) + (SELECT count(*) FROM appeals)
          + (SELECT count(*) FROM consultations) + (SELECT count(*) FROM change_log) AS n`,
  );
  return Number(rows[0]!.n);
}

async function expectRefused(url: string, payload: string, naming: RegExp) {
  const res = await send(url, payload);
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const error = ApiError.parse(res.body).error;
  expect(`${error.message} ${(error.issues ?? []).map((i) => i.path).join(' ')}`).toMatch(naming);
  return res.status;
}

const valid = () => ({ deviceId: uuidv7(), epoch: null, mutations: [appealMutation()] });

describe('bad input to push and pull', () => {
  it('answers malformed JSON, wrong types, unknown fields and oversize bodies with a 4xx naming the problem, storing nothing', async () => {
    const before = await storedRows();
    await expectRefused(SYNC_PATHS.push, '{"deviceId": ', /JSON/);
    await expectRefused(SYNC_PATHS.push, JSON.stringify({ ...valid(), deviceId: 42 }), /deviceId/);
    await expectRefused(SYNC_PATHS.push, JSON.stringify({ ...valid(), mutations: [] }), /mutations/);
    await expectRefused(SYNC_PATHS.push, JSON.stringify({ ...valid(), extra: true }), /extra/);
    const body = valid();
    await expectRefused(
      SYNC_PATHS.push,
      JSON.stringify({ ...body, mutations: [{ ...body.mutations[0], seq: 'one' }] }),
      /mutations\.0\.seq/,
    );
    await expectRefused(
      SYNC_PATHS.push,
      JSON.stringify({ ...body, mutations: [{ ...body.mutations[0], sneaky: 1 }] }),
      /sneaky/,
    );
    await expectRefused(
      SYNC_PATHS.push,
      JSON.stringify({
        ...body,
        mutations: Array.from({ length: SYNC_LIMITS.pushBatch + 1 }, () => appealMutation()),
      }),
      /mutations/,
    );
    expect(
      await expectRefused(
        SYNC_PATHS.push,
        JSON.stringify({ ...body, pad: 'x'.repeat(SYNC_LIMITS.bodyBytes) }),
        /limit/,
      ),
    ).toBe(413);
    await expectRefused(
      SYNC_PATHS.pull,
      JSON.stringify({ deviceId: uuidv7(), epoch: null, cursor: 'abc' }),
      /cursor/,
    );
    await expectRefused(
      SYNC_PATHS.pull,
      JSON.stringify({ deviceId: uuidv7(), epoch: null, cursor: '99999999999999999999.1' }),
      /cursor/,
    );
    await expectRefused(
      SYNC_PATHS.pull,
      JSON.stringify({ deviceId: uuidv7(), epoch: null, cursor: null, limit: 0 }),
      /limit/,
    );
    await expectRefused(
      SYNC_PATHS.pull,
      JSON.stringify({ deviceId: uuidv7(), epoch: null, cursor: null, x: 1 }),
      /x/,
    );
    expect(await storedRows()).toBe(before);
  });

  it('never answers random JSON bodies with a 5xx, and stores nothing from them', async () => {
    const before = await storedRows();
    const mutationLike = fc.record(
      {
        mutationId: fc.uuid(),
        seq: fc.oneof(fc.integer(), fc.string()),
        type: fc.string(),
        payload: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record({
        deviceId: fc.oneof(fc.uuid(), fc.string()),
        epoch: fc.jsonValue(),
        mutations: fc.array(mutationLike, { maxLength: 3 }),
      }),
      fc.record({
        deviceId: fc.uuid(),
        epoch: fc.constant(null),
        cursor: fc.oneof(fc.string(), fc.constant(null)),
        limit: fc.jsonValue(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(SYNC_PATHS.push, SYNC_PATHS.pull), async (body, url) => {
        const res = await send(url, JSON.stringify(body) ?? 'null');
        // A random body can, rarely, be a valid pull; anything else is a client error.
        if (res.status === 200) return;
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(ApiError.safeParse(res.body).success).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(await storedRows()).toBe(before);
  });
});
