// The appeal's lifecycle between real workstations (encrypted stores, sync engines, the demo
// accounts signed in) and the real central server (Fastify + embedded PostgreSQL): steps taken
// offline are applied exactly once when the network returns (one history row each), two analysts
// racing end with one step applied and the other refused stale_version, an executor's answer and a
// feedback outcome entered offline sync once, a step taken on the server reaches an open work list
// within 2 s (measured and printed), and a forwarded appeal leaves the executor's workstation.
import { openWorkstation, type Workstation } from '../../../src/main/workstation';
import { withParsedInput } from '../../../src/main/ipc/test/parsedHandlers';
import type { LifecycleAction } from '../../../src/shared/domain/lifecycle';
import type { ChannelInput } from '../../../src/shared/ipc/contract';
import { DEMO_EXECUTOR_ORGANISATIONS } from '../../../src/server/db/seed';
import { demoPassword, startRealServer, type RealServer } from '../../e2e/support/serverInstance';
import { RESOURCES_DIR, randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, openSynced, register, until, value } from '../support/syncWorkstation';
import { fixedKey } from '../support/workstation';

const tempDir = useTempDirs('sync-lifecycle-real-');
const EXECUTOR1 = DEMO_EXECUTOR_ORGANISATIONS.executor1;
const EXECUTOR2 = DEMO_EXECUTOR_ORGANISATIONS.executor2;
let server: RealServer;
const opened: Workstation[] = [];

beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterAll(async () => {
  for (const w of opened) w.close();
  await server?.close();
});

async function station(username: string, tuning: 'fast' | 'default' = 'fast'): Promise<Workstation> {
  let w: Workstation;
  if (tuning === 'fast') w = await openSynced(tempDir(), randomKey(), server.url);
  else {
    // The engine's own pace (a pull a second, the live channel): what a user's workstation does.
    const result = await openWorkstation({
      dataDir: tempDir(),
      keyProvider: fixedKey(randomKey()),
      resourcesDir: RESOURCES_DIR,
      host: 'web',
      sync: { serverUrl: server.url },
    });
    if (!result.ok) throw new Error(result.error.message);
    w = withParsedInput(result.value);
  }
  opened.push(w);
  await value(w.handlers['auth:login']({ username, password: demoPassword(username) }, ctx));
  return w;
}

const status = (w: Workstation) => value(w.handlers['sync:status']({}, ctx));
const drained = (w: Workstation) => async () => (await status(w)).waiting === 0;
const state = (w: Workstation, id: string) => value(w.handlers['appeals:state']({ id }, ctx));
const listed = async (w: Workstation, q: ChannelInput<'worklists:list'>) =>
  (await value(w.handlers['worklists:list'](q as never, ctx))).items.map((a) => a.id);
const act = (w: Workstation, id: string, action: LifecycleAction, baseVersion: number) =>
  value(w.handlers['appeals:act']({ id, action, baseVersion }, ctx));
const cached = async (w: Workstation, id: string) => (await w.handlers['appeals:get']({ id }, ctx)).ok;
const versionAt = (w: Workstation, id: string, version: number) => async () =>
  (await state(w, id)).appeal.version === version;

let operator: Workstation;
/** An appeal registered by an operator, on the server and cached on `on`. */
async function registered(on: Workstation[]): Promise<string> {
  operator ??= await station('operator1');
  const appeal = await register(operator);
  await until('the operator drains', drained(operator));
  for (const w of on) await until('the appeal arrives', () => cached(w, appeal.id));
  return appeal.id;
}

async function serverAppeal(id: string) {
  const { rows } = await server.pool.query<{ status: string; version: number; executor_id: string }>(
    'SELECT status, version, executor_id FROM appeals WHERE id = $1',
    [id],
  );
  return rows[0]!;
}

/** Lifecycle steps stored for the appeal: one history row per step applied. */
async function stepsOnServer(id: string): Promise<string[]> {
  const { rows } = await server.pool.query<{ kind: string }>(
    `SELECT change->'action'->>'kind' AS kind FROM appeal_history
     WHERE appeal_id = $1 AND kind = 'transition' ORDER BY id`,
    [id],
  );
  return rows.map((r) => r.kind);
}

const tokens = new Map<string, string>();
async function tokenOf(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: demoPassword(username) }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  tokens.set(username, accessToken);
  return accessToken;
}

/** A step taken on the server through its REST API (an integrating organisation, another desk). */
async function actOnServer(token: string, id: string, action: LifecycleAction, baseVersion: number) {
  const answer = await fetch(`${server.url}/api/v1/appeals/${id}/transitions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, baseVersion }),
  });
  if (answer.status !== 200) throw new Error(`${action.kind}: HTTP ${answer.status} ${await answer.text()}`);
}

describe('The lifecycle with the real server', () => {
  it('an analyst assigns offline; when the network returns the step is applied once and the decided state arrives', async () => {
    const analyst = await station('analyst');
    const id = await registered([analyst]);
    expect(await listed(analyst, { list: 'to_assign' })).toContain(id);
    await server.stop();
    const acted = await act(analyst, id, { kind: 'assign', executorId: EXECUTOR1 }, 1);
    expect(acted.pending).toEqual([expect.objectContaining({ kind: 'assign', state: 'waiting' })]);
    expect(await listed(analyst, { list: 'to_assign' })).not.toContain(id);
    await until('offline', async () => !(await status(analyst)).online);
    await server.start();
    await until('the decided state', versionAt(analyst, id, 2), 15_000);
    expect((await state(analyst, id)).pending).toEqual([]);
    expect(await serverAppeal(id)).toEqual({ status: 'assigned', version: 2, executor_id: EXECUTOR1 });
    expect(await stepsOnServer(id)).toEqual(['assign']);
  });

  it('two analysts racing: one step applied, the other refused stale_version, and both show the winner', async () => {
    const one = await station('analyst');
    const two = await station('lead');
    const id = await registered([one, two]);
    await server.stop();
    await act(one, id, { kind: 'assign', executorId: EXECUTOR1 }, 1);
    await act(two, id, { kind: 'assign', executorId: EXECUTOR2 }, 1);
    await server.start();
    await until(
      'both decided',
      async () => (await status(one)).waiting + (await status(two)).waiting === 0,
      15_000,
    );
    const winner = (await serverAppeal(id)).executor_id;
    expect(await stepsOnServer(id)).toEqual(['assign']);
    const loser = winner === EXECUTOR1 ? two : one;
    for (const w of [one, two])
      await until('the winner arrives', async () => (await state(w, id)).appeal.executorId === winner);
    expect((await state(loser, id)).pending).toEqual([
      expect.objectContaining({ kind: 'assign', state: 'rejected', refusal: 'stale_version' }),
    ]);
  });

  it("an executor's answer and a feedback outcome entered offline each sync exactly once", async () => {
    const analyst = await station('analyst');
    const executor = await station('executor1');
    const feedback = await station('feedback');
    const id = await registered([analyst]);
    await act(analyst, id, { kind: 'assign', executorId: EXECUTOR1 }, 1);
    await until('in the inbox', async () => (await listed(executor, { list: 'inbox' })).includes(id), 15_000);

    await server.stop();
    await act(executor, id, { kind: 'answer', result: 'done', text: 'Heating restored' }, 2);
    expect(await listed(executor, { list: 'inbox' })).not.toContain(id);
    await server.start();
    await until('answered', versionAt(analyst, id, 3), 15_000);
    expect(await listed(analyst, { list: 'to_check' })).toContain(id);
    await act(analyst, id, { kind: 'control_accept' }, 3);
    await until(
      'to call back',
      async () => (await listed(feedback, { list: 'to_call_back' })).includes(id),
      15_000,
    );

    await server.stop();
    await act(feedback, id, { kind: 'callback', outcome: 'confirmed' }, 4);
    await server.start();
    await until('closed', async () => (await state(feedback, id)).appeal.status === 'closed', 15_000);
    expect(await stepsOnServer(id)).toEqual(['assign', 'answer', 'control_accept', 'callback']);
    expect(await serverAppeal(id)).toMatchObject({ status: 'closed', version: 5 });
  });

  it('a step taken on the server is in the open work list within 2 s', async () => {
    const watcher = await station('analyst', 'default');
    const samples: number[] = [];
    const lead = await tokenOf('lead');
    for (let i = 0; i < 5; i++) {
      const id = await registered([watcher]);
      // From the request that changes it on the server to the row in the list.
      const started = performance.now();
      await actOnServer(lead, id, { kind: 'assign', executorId: EXECUTOR2 }, 1);
      await until(
        'in the list of the executor it went to',
        async () => (await listed(watcher, { list: 'open', executorId: EXECUTOR2 })).includes(id),
        5_000,
      );
      samples.push(performance.now() - started);
    }
    console.info(
      `pulled transition visible in the open list: ${samples.map((ms) => ms.toFixed(0)).join(', ')} ms (target <= 2000)`,
    );
    expect(Math.max(...samples)).toBeLessThanOrEqual(2_000);
  });

  it("an appeal forwarded to another executor leaves the first executor's workstation", async () => {
    const executor = await station('executor1');
    const id = await registered([]);
    const lead = await tokenOf('lead');
    await actOnServer(lead, id, { kind: 'assign', executorId: EXECUTOR1 }, 1);
    await until('in the inbox', async () => (await listed(executor, { list: 'inbox' })).includes(id), 15_000);
    await actOnServer(lead, id, { kind: 'assign', executorId: EXECUTOR2, reason: 'Not our network' }, 2);
    await until('forgotten', async () => !(await cached(executor, id)), 15_000);
    expect(await listed(executor, { list: 'inbox' })).not.toContain(id);
  });
});
