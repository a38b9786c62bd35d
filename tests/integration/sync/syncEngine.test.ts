// The workstation's sync engine against an in-process server speaking the real wire protocol:
// the outbox drains, official numbers arrive, failures back off and recover, nothing is lost or
// created twice, refusals stay visible, and a restored server gets back what it forgot.
import type { Workstation } from '../../../src/main/workstation';
import { addAccount, startFakeServer, type FakeServer } from '../support/syncFakeServer';
import { ctx, openSynced, register, until, value } from '../support/syncWorkstation';
import { randomKey, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs('sync-');
let server: FakeServer;
let w: Workstation;

beforeEach(async () => {
  server = await startFakeServer();
  addAccount(server, 'olena', 'correct horse');
  w = await openSynced(tempDir(), randomKey(), server.url);
  await value(w.handlers['auth:login']({ username: 'olena', password: 'correct horse' }, ctx));
});
afterEach(async () => {
  w.close();
  await server.close();
});

const status = () => value(w.handlers['sync:status']({}, ctx));
const local = (id: string) => value(w.handlers['appeals:get']({ id }, ctx));
const drained = async () => (await status()).waiting === 0;

describe('The sync engine', () => {
  it('drains the outbox and shows the official number the server assigned', async () => {
    const saved: string[] = [];
    w.onEvent((event, payload) => {
      if (event === 'appeals:created') saved.push((payload as { id: string }).id);
      if (event === 'appeals:changed') saved.push(...(payload as { ids: string[] }).ids);
    });
    const appeals = await Promise.all([register(w), register(w), register(w)]);
    await until('the outbox drains', drained);
    for (const a of appeals) {
      const official = server.state.appeals.get(a.id)!.officialNumber;
      expect(official).toMatch(/^1551-2026-\d{6}$/);
      expect((await local(a.id)).officialNumber).toBe(official);
      expect(server.creations.get(a.id)).toBe(1);
    }
    const s = await status();
    expect(s).toMatchObject({
      configured: true,
      online: true,
      offlineSince: null,
      lastError: null,
      rejected: 0,
    });
    expect(s.lastSyncAt).not.toBeNull();
    // The screen is told when the number arrives, not only when the appeal was saved locally.
    await until('the number is announced', () => saved.filter((id) => id === appeals[0]!.id).length >= 2);
  });

  it('goes offline when the server is unreachable, backs off, and drains once it returns', async () => {
    await until('the first sync', async () => (await status()).lastSyncAt !== null);
    server.down = true;
    const appeal = await register(w);
    const offline = await until('offline', async () => {
      const s = await status();
      return !s.online && s.offlineSince !== null ? s : null;
    });
    expect(offline.waiting).toBe(1);
    expect(offline.lastError).toMatch(/cannot be reached/);
    const failedPushes = () => server.requests.length;
    const before = failedPushes();
    server.down = false;
    server.failNext = 3;
    await until('drained after the outage', drained);
    expect(server.requests.slice(before).filter((r) => r.status === 503).length).toBe(3);
    expect((await local(appeal.id)).officialNumber).toBe(server.state.appeals.get(appeal.id)!.officialNumber);
    // The round that drained also pulls; the state turns online when the whole round succeeded.
    await until('online again', async () => {
      const s = await status();
      return s.online && s.offlineSince === null && s.lastError === null;
    });
  });

  it('takes a repeated push answered duplicate as done, creating nothing twice', async () => {
    server.loseAnswers = 2;
    const appeal = await register(w);
    await until('drained', drained);
    expect(server.creations.get(appeal.id)).toBe(1);
    expect(server.state.appeals.size).toBe(1);
    expect((await local(appeal.id)).officialNumber).toBe(server.state.appeals.get(appeal.id)!.officialNumber);
  });

  it('keeps a refused appeal visible with the reason, and does not block the queue behind it', async () => {
    const refused = await register(w, 'REJECT me: question type retired');
    const accepted = await register(w);
    await until('drained', drained);
    expect(await status()).toMatchObject({ waiting: 0, rejected: 1 });
    const { items } = await value(w.handlers['sync:rejections']({}, ctx));
    expect(items).toEqual([
      expect.objectContaining({
        entityType: 'appeal',
        entityId: refused.id,
        label: refused.provisionalNumber,
        code: 'unknown_reference',
        message: 'The question type is retired on the server',
      }),
    ]);
    expect((await local(refused.id)).officialNumber).toBeNull();
    expect((await local(accepted.id)).officialNumber).not.toBeNull();
  });

  it('shows a push the server refuses whole as forbidden (HTTP 403) as rejected with the reason, not waiting', async () => {
    await until('the first sync', async () => (await status()).lastSyncAt !== null);
    server.refusePush = { status: 403, code: 'forbidden', message: 'Your role does not allow this' };
    const appeal = await register(w);
    const s = await until('rejected', async () => {
      const st = await status();
      return st.rejected === 1 ? st : null;
    });
    expect(s.waiting).toBe(0);
    const { items } = await value(w.handlers['sync:rejections']({}, ctx));
    expect(items).toEqual([
      expect.objectContaining({
        entityId: appeal.id,
        code: 'forbidden',
        message: 'Your role does not allow this',
      }),
    ]);
  });

  it('keeps changes queued, with the reason shown, when a push is refused for something else (device mismatch)', async () => {
    await until('the first sync', async () => (await status()).lastSyncAt !== null);
    server.refusePush = { status: 403, code: 'device_mismatch', message: 'Sign in on this device to sync' };
    await register(w);
    const s = await until('the refusal is shown', async () => {
      const st = await status();
      return st.lastError?.includes('device_mismatch') ? st : null;
    });
    expect(s).toMatchObject({ waiting: 1, rejected: 0 });
    server.refusePush = null;
    await until('drained once the server accepts pushes', drained);
  });

  it('pulls a status change made on the server', async () => {
    const appeal = await register(w);
    await until('drained', drained);
    server.changeStatus(appeal.id, 'in_progress');
    await until('the new status arrives', async () => (await local(appeal.id)).status === 'in_progress');
    expect((await local(appeal.id)).version).toBe(2);
  });

  it('re-syncs after the server is restored from an older backup, keeping pending writes and re-sending what it lost', async () => {
    const first = await register(w);
    await until('drained', drained);
    const backup = server.snapshot();
    const lost = [await register(w), await register(w)];
    await until('drained', drained);
    server.down = true;
    const pending = await register(w);
    await until('offline', async () => !(await status()).online);
    server.restore(backup);
    server.down = false;
    await until('every appeal is on the server again', async () =>
      [first, ...lost, pending].every((a) => server.state.appeals.has(a.id)),
    );
    await until('drained', drained);
    expect(server.state.appeals.size).toBe(4);
    const numbers = [...server.state.appeals.values()].map((a) => a.officialNumber);
    expect(new Set(numbers).size).toBe(4);
    for (const a of [first, ...lost, pending]) {
      await until('local official numbers match the server', async () => {
        return (await local(a.id)).officialNumber === server.state.appeals.get(a.id)!.officialNumber;
      });
    }
  });

  it('re-sends a record the restored server lost as its own operator, waiting for their sign-in', async () => {
    addAccount(server, 'ivan', 'battery staple');
    await until('the first sync', async () => (await status()).lastSyncAt !== null);
    const backup = server.snapshot();
    const olenas = await register(w);
    await until('drained', drained);
    await value(w.handlers['auth:logout']({}, ctx));
    await value(w.handlers['auth:login']({ username: 'ivan', password: 'battery staple' }, ctx));
    server.restore(backup);
    await until('the lost appeal is queued again, for its operator', async () => {
      const s = await status();
      return s.waitingForOthers === 1 && !s.syncing;
    });
    // Later rounds under ivan's sign-in leave it alone.
    for (let round = 0; round < 2; round++) {
      const last = (await status()).lastSyncAt;
      await until('another sync round', async () => (await status()).lastSyncAt !== last);
    }
    expect(server.state.appeals.has(olenas.id)).toBe(false);
    expect(await status()).toMatchObject({ waiting: 0, waitingForOthers: 1 });
    await value(w.handlers['auth:logout']({}, ctx));
    await value(w.handlers['auth:login']({ username: 'olena', password: 'correct horse' }, ctx));
    await until('on the server again', () => server.state.appeals.has(olenas.id));
    expect(server.state.appeals.get(olenas.id)!.operatorId).toBe(olenas.operatorId);
  });
});
