// The appeal's life after registration on real workstations (encrypted stores, sync engines)
// against the in-process server, which decides lifecycle steps and amendments with the shared rules
// and the version check, exactly once: a step is checked at once, queued, shown as pending, left
// out of the work lists until decided, and the decided state arrives by pull. The real server's
// version of these runs in syncLifecycleRealServer.test.ts.
import type { Workstation } from '../../../src/main/workstation';
import type { ChannelInput } from '../../../src/shared/ipc/contract';
import type { LifecycleAction } from '../../../src/shared/domain/lifecycle';
import type { Result } from '../../../src/shared/result';
import { addAccount, startFakeServer, type FakeServer } from '../support/syncFakeServer';
import { ctx, openSynced, register, until, value } from '../support/syncWorkstation';
import { reference } from '../support/drafts';
import { randomKey, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs('sync-lifecycle-');
const PASSWORD = 'correct horse';
let server: FakeServer;
const opened: Workstation[] = [];

/** Two real executors of the reference data: the appeal's default, and another. */
const executors = () => {
  const all = reference().executors.executors;
  return { first: all[0]!.id, second: all[1]!.id };
};

beforeEach(async () => {
  server = await startFakeServer();
  addAccount(server, 'operator', PASSWORD, 'operator');
  addAccount(server, 'analyst1', PASSWORD, 'analyst');
  addAccount(server, 'analyst2', PASSWORD, 'analyst');
  addAccount(server, 'admin', PASSWORD, 'admin');
});
afterEach(async () => {
  for (const w of opened.splice(0)) w.close();
  await server.close();
});

async function station(username: string): Promise<Workstation> {
  const w = await openSynced(tempDir(), randomKey(), server.url);
  opened.push(w);
  await value(w.handlers['auth:login']({ username, password: PASSWORD }, ctx));
  return w;
}

const status = (w: Workstation) => value(w.handlers['sync:status']({}, ctx));
const drained = (w: Workstation) => async () => (await status(w)).waiting === 0;
const state = (w: Workstation, id: string) => value(w.handlers['appeals:state']({ id }, ctx));
// Handlers take parsed input; these go through parseInput (withParsedInput) as a host's calls do.
const list = (w: Workstation, q: ChannelInput<'worklists:list'>) =>
  value(w.handlers['worklists:list'](q as never, ctx));
const listed = async (w: Workstation, q: ChannelInput<'worklists:list'>) =>
  (await list(w, q)).items.map((a) => a.id);
const act = (w: Workstation, id: string, action: LifecycleAction, baseVersion: number) =>
  w.handlers['appeals:act']({ id, action, baseVersion }, ctx);
const cached = (w: Workstation, id: string) => w.handlers['appeals:get']({ id }, ctx);

/** An appeal registered by the operator, on the server and cached at `on`. */
async function registered(on: Workstation[]): Promise<string> {
  const operator = await station('operator');
  const appeal = await register(operator);
  await until('the operator drains', drained(operator));
  for (const w of on) await until('the appeal arrives', async () => (await cached(w, appeal.id)).ok);
  return appeal.id;
}

/** The issue code of a refused call (the screen names it). */
async function refusal(result: Result<unknown> | Promise<Result<unknown>>) {
  const r = await result;
  return r.ok ? null : { code: r.error.code, issue: r.error.issues?.[0]?.code ?? null };
}

describe('An analyst acting on an appeal', () => {
  it('assigns offline; the step waits, the appeal leaves "to assign", and is applied once when the network returns', async () => {
    const analyst = await station('analyst1');
    const id = await registered([analyst]);
    expect(await listed(analyst, { list: 'to_assign' })).toEqual([id]);
    const changed: string[][] = [];
    analyst.onEvent((event, payload) => {
      if (event === 'appeals:changed') changed.push((payload as { ids: string[] }).ids);
    });

    server.down = true;
    const { second } = executors();
    const acted = await value(act(analyst, id, { kind: 'assign', executorId: second }, 1));
    expect(acted.appeal.status).toBe('registered');
    expect(acted.pending).toEqual([
      expect.objectContaining({ kind: 'assign', state: 'waiting', refusal: null, message: null }),
    ]);
    expect(changed).toContainEqual([id]);
    expect(await list(analyst, { list: 'to_assign' })).toMatchObject({ items: [], total: 0 });
    expect(await value(analyst.handlers['worklists:counts']({}, ctx))).toEqual({
      counts: [
        { list: 'to_assign', total: 0 },
        { list: 'to_check', total: 0 },
        { list: 'open', total: 0 },
      ],
    });
    // A second step on the same base version would only be refused stale: refused at once.
    expect(await refusal(act(analyst, id, { kind: 'start' }, 1))).toEqual({ code: 'conflict', issue: null });

    // The answer to the first push is lost after the server applied it: the retry is a duplicate.
    server.loseAnswers = 1;
    server.down = false;
    await until('the decided state arrives', async () => (await state(analyst, id)).appeal.version === 2);
    const after = await state(analyst, id);
    expect(after.appeal).toMatchObject({ status: 'assigned', executorId: second });
    expect(after.pending).toEqual([]);
    expect(server.changesApplied.get(id)).toBe(1);
    expect(await listed(analyst, { list: 'open', executorId: second })).toEqual([id]);
  });

  it('is refused at once, with the refusal as the issue code, for a stale version, a step not allowed now, or an unknown executor', async () => {
    const analyst = await station('analyst1');
    const id = await registered([analyst]);
    const { first } = executors();
    expect(await refusal(act(analyst, id, { kind: 'assign', executorId: first }, 2))).toEqual({
      code: 'conflict',
      issue: 'stale_version',
    });
    expect(await refusal(act(analyst, id, { kind: 'control_accept' }, 1))).toEqual({
      code: 'conflict',
      issue: 'not_allowed_now',
    });
    expect(await refusal(act(analyst, id, { kind: 'assign', executorId: 'e-00000000' }, 1))).toEqual({
      code: 'invalid_input',
      issue: 'unknown_reference',
    });
    expect(await refusal(act(analyst, id, { kind: 'callback', outcome: 'confirmed' }, 1))).toEqual({
      code: 'forbidden',
      issue: 'forbidden',
    });
    expect((await state(analyst, id)).pending).toEqual([]);
    expect((await status(analyst)).waiting).toBe(0);
  });

  it('racing another analyst offline: one step is applied, the other shows refused stale_version until dismissed, and both see the winner', async () => {
    const one = await station('analyst1');
    const two = await station('analyst2');
    const id = await registered([one, two]);
    const { first, second } = executors();
    server.down = true;
    await value(act(one, id, { kind: 'assign', executorId: first }, 1));
    await value(act(two, id, { kind: 'assign', executorId: second }, 1));
    server.down = false;
    await until('both decided', async () => (await status(one)).waiting + (await status(two)).waiting === 0);
    expect(server.changesApplied.get(id)).toBe(1);
    const winner = server.state.appeals.get(id)!.executorId;
    const loser = winner === first ? two : one;
    for (const w of [one, two])
      await until('the winner arrives', async () => (await state(w, id)).appeal.executorId === winner);
    const refused = (await state(loser, id)).pending;
    expect(refused).toEqual([
      expect.objectContaining({ kind: 'assign', state: 'rejected', refusal: 'stale_version' }),
    ]);
    expect((await status(loser)).rejected).toBe(1);
    expect((await value(loser.handlers['sync:rejections']({}, ctx))).items[0]).toMatchObject({
      entityType: 'appeal',
      entityId: id,
      label: server.state.appeals.get(id)!.officialNumber,
    });
    await value(loser.handlers['appeals:dismissPending']({ mutationId: refused[0]!.mutationId }, ctx));
    expect((await state(loser, id)).pending).toEqual([]);
    const again = await loser.handlers['appeals:dismissPending']({ mutationId: refused[0]!.mutationId }, ctx);
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('An executor account', () => {
  it('sees its inbox, answers offline, and the answer is applied once when the network returns', async () => {
    const { first } = executors();
    addAccount(server, 'executor', PASSWORD, 'executor', first);
    const executor = await station('executor');
    const id = await registered([executor]);
    server.act(id, { kind: 'assign', executorId: first }, 'analyst1');
    await until('assigned here', async () => (await listed(executor, { list: 'inbox' })).includes(id));
    expect(await refusal(executor.handlers['worklists:list']({ list: 'to_assign' } as never, ctx))).toEqual({
      code: 'forbidden',
      issue: null,
    });

    server.down = true;
    const answer: LifecycleAction = { kind: 'answer', result: 'done', text: 'Heating restored on 12 March' };
    await value(act(executor, id, answer, 2));
    expect(await listed(executor, { list: 'inbox' })).toEqual([]);
    server.loseAnswers = 1;
    server.down = false;
    await until(
      'answered',
      async () => (await state(executor, id)).appeal.status === 'awaiting_control_check',
    );
    expect((await state(executor, id)).appeal.lifecycle.answer).toMatchObject({ result: 'done' });
    expect(server.changesApplied.get(id)).toBe(1);
  });

  it('forgets an appeal the server withdrew from it (forwarded elsewhere)', async () => {
    const { first } = executors();
    addAccount(server, 'executor', PASSWORD, 'executor', first);
    const executor = await station('executor');
    const id = await registered([executor]);
    server.act(id, { kind: 'assign', executorId: first }, 'analyst1');
    await until('assigned here', async () => (await listed(executor, { list: 'inbox' })).includes(id));
    const changed: string[] = [];
    executor.onEvent((event, payload) => {
      if (event === 'appeals:changed') changed.push(...(payload as { ids: string[] }).ids);
    });
    server.withdraw(id);
    await until('forgotten', async () => !(await cached(executor, id)).ok);
    expect(changed).toContain(id);
    expect(await list(executor, { list: 'inbox' })).toMatchObject({ items: [], total: 0 });
    const byText = await value(executor.handlers['appeals:list']({ text: 'опалення' } as never, ctx));
    expect(byText.items.map((a) => a.id)).not.toContain(id);
  });

  it('keeps its organisation through an offline sign-in', async () => {
    const { first } = executors();
    addAccount(server, 'executor', PASSWORD, 'executor', first);
    const executor = await station('executor');
    await value(executor.handlers['auth:logout']({}, ctx));
    server.down = true;
    const session = await value(
      executor.handlers['auth:login']({ username: 'executor', password: PASSWORD }, ctx),
    );
    expect(session).toMatchObject({ mode: 'offline', user: { role: 'executor', organisationId: first } });
    expect(await list(executor, { list: 'inbox' })).toMatchObject({ items: [], total: 0 });
  });
});

describe('A feedback operator', () => {
  it('records a callback outcome offline, applied once when the network returns', async () => {
    addAccount(server, 'feedback', PASSWORD, 'feedback');
    const feedback = await station('feedback');
    const id = await registered([feedback]);
    const { first } = executors();
    addAccount(server, 'executor', PASSWORD, 'executor', first);
    server.act(id, { kind: 'assign', executorId: first }, 'analyst1');
    server.act(id, { kind: 'answer', result: 'done', text: 'Fixed' }, 'executor');
    server.act(id, { kind: 'control_accept' }, 'analyst1');
    await until('to call back', async () => (await listed(feedback, { list: 'to_call_back' })).includes(id));
    server.down = true;
    await value(act(feedback, id, { kind: 'callback', outcome: 'confirmed' }, 4));
    expect(await listed(feedback, { list: 'to_call_back' })).toEqual([]);
    server.down = false;
    await until('closed', async () => (await state(feedback, id)).appeal.status === 'closed');
    expect(server.changesApplied.get(id)).toBe(1);
  });
});

describe('An amendment', () => {
  it('adds a supplement and a phone, decided by the server; a correction after assignment is refused at once', async () => {
    const operator = await station('operator');
    const appeal = await register(operator);
    await until('drained', drained(operator));
    const amended = await value(
      operator.handlers['appeals:amend'](
        {
          id: appeal.id,
          baseVersion: 1,
          amendment: { supplement: 'Also no water', addPhones: ['0501112233'] },
        },
        ctx,
      ),
    );
    expect(amended.pending).toEqual([expect.objectContaining({ kind: 'amend', state: 'waiting' })]);
    // Still in the operator's own list: an amendment does not move the appeal.
    expect(await listed(operator, { list: 'my_recent' })).toEqual([appeal.id]);
    await until('decided', async () => (await state(operator, appeal.id)).appeal.version === 2);
    const after = (await state(operator, appeal.id)).appeal;
    expect(after.applicant.phones).toContain('+380501112233');
    expect(after.supplements).toEqual([expect.objectContaining({ text: 'Also no water' })]);
    server.act(appeal.id, { kind: 'assign', executorId: executors().second }, 'analyst1');
    await until('assigned', async () => (await state(operator, appeal.id)).appeal.version === 3);
    const correction = await operator.handlers['appeals:amend'](
      { id: appeal.id, baseVersion: 3, amendment: { corrections: { essence: 'Typo fixed' } } },
      ctx,
    );
    expect(correction).toMatchObject({
      ok: false,
      error: { code: 'conflict', issues: [{ code: 'already_assigned', path: 'amendment.corrections' }] },
    });
  });
});

describe('The history and the executor directory', () => {
  it('reads the history from the server, and says it is incomplete offline', async () => {
    const analyst = await station('analyst1');
    const id = await registered([analyst]);
    const entry = {
      id: 'h1',
      at: '2026-03-01T10:00:00.000Z',
      user: null,
      deviceId: null,
      kind: 'created' as const,
      action: null,
      statusBefore: null,
      statusAfter: 'registered' as const,
      amendment: null,
      version: 1,
    };
    server.history.set(id, [entry]);
    expect(await value(analyst.handlers['appeals:history']({ id }, ctx))).toEqual({
      complete: true,
      entries: [entry],
    });
    server.down = true;
    expect(await value(analyst.handlers['appeals:history']({ id }, ctx))).toEqual({
      complete: false,
      entries: [],
    });
  });

  it("lets an admin edit an executor's contacts online, shows them to everyone, and keeps them offline", async () => {
    const admin = await station('admin');
    const analyst = await station('analyst1');
    const { first } = executors();
    const contacts = { phone: '+380442000000', address: 'Kyiv, Khreshchatyk 1', hours: 'Mon-Fri 9-18' };
    expect(
      await value(admin.handlers['reference:updateExecutor']({ id: first, contacts }, ctx)),
    ).toMatchObject({
      id: first,
      ...contacts,
    });
    expect(await refusal(analyst.handlers['reference:updateExecutor']({ id: first, contacts }, ctx))).toEqual(
      { code: 'forbidden', issue: null },
    );
    await until('online', async () => (await status(analyst)).online);
    const shown = await value(analyst.handlers['reference:executors']({}, ctx));
    expect(shown.executors.find((e) => e.id === first)).toMatchObject(contacts);
    server.down = true;
    await until('offline', async () => !(await status(analyst)).online);
    const offline = await value(analyst.handlers['reference:executors']({}, ctx));
    expect(offline.executors.find((e) => e.id === first)).toMatchObject(contacts);
    const edit = await admin.handlers['reference:updateExecutor']({ id: first, contacts }, ctx);
    expect(edit).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ code: 'offline' }] } });
  });
});
