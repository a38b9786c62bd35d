// Who a change is uploaded as, with the real central server: work saved offline waits for its own
// author's sign-in (never uploaded under the next user's), a role that may not make a change is
// refused when saving, and a change the server refuses `forbidden` shows as rejected, not waiting.
import type { QueryResultRow } from 'pg';
import { AppealDraft } from '../../../src/shared/domain/appeal';
import { AUTHORSHIP_MESSAGES } from '../../../src/main/core/authorship';
import type { Workstation } from '../../../src/main/workstation';
import { demoPassword, startRealServer, type RealServer } from '../../e2e/support/serverInstance';
import { draftInput } from '../support/drafts';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, openSynced, register, until, value } from '../support/syncWorkstation';

const tempDir = useTempDirs('sync-author-');
let server: RealServer;
const opened: Workstation[] = [];

beforeAll(async () => {
  server = await startRealServer();
}, 60_000);
afterEach(async () => {
  for (const w of opened.splice(0)) w.close();
  if (!server.running()) await server.start();
});
afterAll(async () => {
  await server?.close();
});

async function workstation(): Promise<Workstation> {
  const w = await openSynced(tempDir(), randomKey(), server.url);
  opened.push(w);
  return w;
}
const signIn = (w: Workstation, username: string) =>
  value(w.handlers['auth:login']({ username, password: demoPassword(username) }, ctx));
const signOut = (w: Workstation) => value(w.handlers['auth:logout']({}, ctx));
const status = (w: Workstation) => value(w.handlers['sync:status']({}, ctx));
const pending = (w: Workstation) => value(w.handlers['auth:pendingChanges']({}, ctx));

async function userId(username: string): Promise<string> {
  const { rows } = await server.pool.query<{ id: string }>('SELECT id::text FROM users WHERE username = $1', [
    username,
  ]);
  return rows[0]!.id;
}

/** Everything the server holds about an appeal id: the record, its history, ledger and refusals. */
async function serverTrace(appealId: string) {
  const one = async <T extends QueryResultRow>(sql: string) =>
    (await server.pool.query<T>(sql, [appealId])).rows;
  return {
    appeals: await one<{ operator_id: string }>('SELECT operator_id FROM appeals WHERE id::text = $1'),
    history: await one<{ user_id: string }>(
      'SELECT user_id::text FROM appeal_history WHERE appeal_id::text = $1 ORDER BY id',
    ),
    ledger: await one('SELECT 1 FROM sync_ledger WHERE entity_id = $1'),
    rejections: await one('SELECT 1 FROM sync_rejections WHERE entity_id = $1'),
  };
}

describe('Offline work and the next sign-in', () => {
  it("is not uploaded under the next user's sign-in, and is uploaded as its author when they sign in again", async () => {
    const w = await workstation();
    // Online sign-ins first: they leave the verifiers that offline sign-in checks.
    for (const username of ['operator1', 'operator2']) {
      await signIn(w, username);
      await signOut(w);
    }
    await server.stop();
    await signIn(w, 'operator1');
    const offline = await register(w);
    expect(await pending(w)).toEqual({ appeals: 1, consultations: 0, calls: 0 });
    await signOut(w);

    await server.start();
    await signIn(w, 'operator2');
    expect(await pending(w)).toEqual({ appeals: 0, consultations: 0, calls: 0 });
    const own = await register(w);
    await until('operator2’s own appeal is on the server', async () => {
      return (await serverTrace(own.id)).appeals.length === 1 && (await status(w)).waiting === 0;
    });
    expect(await status(w)).toMatchObject({ online: true, waiting: 0, waitingForOthers: 1, rejected: 0 });
    // A few more rounds, for good measure: operator1's appeal never leaves under operator2.
    const rounds = (await status(w)).lastSyncAt;
    await until('more sync rounds', async () => (await status(w)).lastSyncAt !== rounds);
    expect(await serverTrace(offline.id)).toEqual({ appeals: [], history: [], ledger: [], rejections: [] });
    await signOut(w);

    await signIn(w, 'operator1');
    const operator1 = await userId('operator1');
    await until('operator1’s appeal is on the server', async () => (await status(w)).waiting === 0);
    const trace = await serverTrace(offline.id);
    expect(trace.appeals).toEqual([{ operator_id: operator1 }]);
    expect(trace.history.map((h) => h.user_id)).toEqual([operator1]);
    expect(await status(w)).toMatchObject({ waiting: 0, waitingForOthers: 0, rejected: 0 });
  });
});

describe('A role that may not make a change', () => {
  it('is refused when saving, with a clear reason, and nothing is queued', async () => {
    const w = await workstation();
    await signIn(w, 'analyst');
    const appeal = await w.handlers['appeals:create'](AppealDraft.strict().parse(draftInput()), ctx);
    expect(appeal).toEqual({
      ok: false,
      error: { code: 'forbidden', message: AUTHORSHIP_MESSAGES.forbidden['appeal.create'] },
    });
    const consultation = await w.handlers['consultations:create'](
      { channel: 'phone', phone: '', categoryId: '', executorId: '', question: 'Q?', answer: 'A.' },
      ctx,
    );
    expect(consultation.ok || consultation.error.code).toBe('forbidden');
    expect(await status(w)).toMatchObject({ waiting: 0, waitingForOthers: 0, rejected: 0 });
  });

  it('shows as rejected with the server’s reason when the server refuses it `forbidden`, not as waiting', async () => {
    const w = await workstation();
    await signIn(w, 'operator3');
    await signOut(w);
    await server.stop();
    await signIn(w, 'operator3');
    const queued = await register(w);
    // Meanwhile the account loses the right to register appeals; the session is renewed on return.
    await server.pool.query(`UPDATE users SET role = 'analyst' WHERE username = 'operator3'`);
    try {
      await server.start();
      const s = await until('the refusal arrives', async () => {
        const st = await status(w);
        return st.rejected === 1 ? st : null;
      });
      expect(s).toMatchObject({ waiting: 0, waitingForOthers: 0, rejected: 1 });
      const { items } = await value(w.handlers['sync:rejections']({}, ctx));
      expect(items).toEqual([
        expect.objectContaining({ entityId: queued.id, label: queued.provisionalNumber, code: 'forbidden' }),
      ]);
    } finally {
      await server.pool.query(`UPDATE users SET role = 'operator' WHERE username = 'operator3'`);
    }
  });
});
