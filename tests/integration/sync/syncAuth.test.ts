// Sign-in on the workstation: online against the server, offline against the verifier stored by
// an earlier online sign-in on this device, and re-validated when the server returns.
import { AUTH_MESSAGES } from '../../../src/main/auth/authManager';
import type { Workstation } from '../../../src/main/workstation';
import { addAccount, startFakeServer, type FakeServer } from '../support/syncFakeServer';
import { ctx, openSynced, until, value } from '../support/syncWorkstation';
import { randomKey, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs('sync-auth-');
let server: FakeServer;
const opened: Workstation[] = [];
afterEach(async () => {
  for (const w of opened.splice(0)) w.close();
  await server.close();
});
beforeEach(async () => {
  server = await startFakeServer();
  addAccount(server, 'olena', 'correct horse');
});

async function workstation(dir = tempDir(), key = randomKey()) {
  const w = await openSynced(dir, key, server.url);
  opened.push(w);
  return w;
}
const login = (w: Workstation, username: string, password: string) =>
  w.handlers['auth:login']({ username, password }, ctx);

describe('Sign-in', () => {
  it('signs in online, and refuses a wrong password while the server is up', async () => {
    const w = await workstation();
    expect(await value(w.handlers['auth:session']({}, ctx))).toMatchObject({
      serverConfigured: true,
      user: null,
    });
    const wrong = await login(w, 'olena', 'wrong');
    // The code is what the screen translates: the message stays main's English.
    expect(wrong).toEqual({
      ok: false,
      error: {
        code: 'unauthorized',
        message: AUTH_MESSAGES.wrongPassword,
        issues: [{ path: 'password', code: 'wrong_credentials', message: AUTH_MESSAGES.wrongPassword }],
      },
    });
    const session = await value(login(w, 'olena', 'correct horse'));
    expect(session).toMatchObject({ mode: 'online', user: { username: 'olena', role: 'operator' } });
  });

  it("signs in with the store's device id and key, the same at every sign-in, and a new store makes a new key", async () => {
    const dir = tempDir();
    const key = randomKey();
    let w = await workstation(dir, key);
    await value(login(w, 'olena', 'correct horse'));
    await value(w.handlers['auth:logout']({}, ctx));
    w.close();
    opened.splice(opened.indexOf(w), 1);
    w = await workstation(dir, key);
    await value(login(w, 'olena', 'correct horse'));
    const [first, second] = server.logins;
    expect(first?.deviceKey).toMatch(/^[\w-]{43}$/);
    expect(second).toMatchObject({ deviceId: first?.deviceId, deviceKey: first?.deviceKey });
    const other = await workstation();
    await value(login(other, 'olena', 'correct horse'));
    expect(server.logins[2]?.deviceKey).not.toBe(first?.deviceKey);
  });

  it('signs in offline only with the right password, and only after an online sign-in on this device', async () => {
    const dir = tempDir();
    const key = randomKey();
    const w = await workstation(dir, key);
    const other = await workstation();
    await value(login(w, 'olena', 'correct horse'));
    await value(w.handlers['auth:logout']({}, ctx));
    server.down = true;

    const wrong = await login(w, 'olena', 'correct horsf');
    expect(wrong.ok || wrong.error.message).toBe(AUTH_MESSAGES.offlineWrongPassword);
    expect(wrong.ok || wrong.error.issues?.map((i) => i.code)).toEqual(['offline_wrong_password']);
    const never = await login(other, 'olena', 'correct horse');
    expect(never.ok || never.error.message).toBe(AUTH_MESSAGES.offlineNever('olena'));
    expect(never.ok || never.error.issues?.map((i) => i.code)).toEqual(['offline_never_signed_in']);
    const offline = await value(login(w, 'olena', 'correct horse'));
    expect(offline).toMatchObject({
      mode: 'offline',
      user: { username: 'olena' },
      message: AUTH_MESSAGES.offlineUsed,
    });

    // The verifier survives a restart (it is in the encrypted store).
    w.close();
    const again = await workstation(dir, key);
    expect(await value(login(again, 'olena', 'correct horse'))).toMatchObject({ mode: 'offline' });
  });

  it('turns an offline session online when the server returns', async () => {
    const w = await workstation();
    await value(login(w, 'olena', 'correct horse'));
    await value(w.handlers['auth:logout']({}, ctx));
    server.down = true;
    await value(login(w, 'olena', 'correct horse'));
    server.down = false;
    await until(
      'the session is online',
      async () => (await value(w.handlers['auth:session']({}, ctx))).mode === 'online',
    );
  });

  it('signs out with a clear message when the server says the password changed', async () => {
    const w = await workstation();
    const changes: unknown[] = [];
    w.onEvent((event, payload) => event === 'auth:changed' && changes.push(payload));
    await value(login(w, 'olena', 'correct horse'));
    await value(w.handlers['auth:logout']({}, ctx));
    server.down = true;
    await value(login(w, 'olena', 'correct horse'));
    server.accounts.get('olena')!.password = 'new password';
    server.down = false;
    const ended = await until('signed out', async () => {
      const s = await value(w.handlers['auth:session']({}, ctx));
      return s.user === null ? s : null;
    });
    expect(ended.message).toBe(AUTH_MESSAGES.revoked);
    expect(ended.messageCode).toBe('session_ended');
    expect(changes.at(-1)).toMatchObject({ user: null, message: AUTH_MESSAGES.revoked });
    // The old password no longer signs in offline either.
    server.down = true;
    const stale = await login(w, 'olena', 'correct horse');
    expect(stale.ok || stale.error.message).toBe(AUTH_MESSAGES.offlineNever('olena'));
  });

  it('signs out when the account is disabled on the server', async () => {
    const w = await workstation();
    await value(login(w, 'olena', 'correct horse'));
    server.accounts.get('olena')!.disabled = true;
    // The access token is refused at once and the refresh fails: the session ends.
    await until('signed out', async () => (await value(w.handlers['auth:session']({}, ctx))).user === null);
  });
});
