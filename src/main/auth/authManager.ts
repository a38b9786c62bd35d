// Sign-in against the central server, with an offline fallback: an operator who signed in online
// on this workstation before can sign in while the server is unreachable (checked against the
// stored verifier) and keep working; the session is checked with the server as soon as it answers,
// and ends with a clear message if the account was disabled or the password changed.
import { randomBytes } from 'node:crypto';
import type { AuthSession, SignInRefusal } from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/result';
import { AUTH_PATHS, TokenPair, type SessionUser } from '../../shared/sync/auth';
import {
  clearCachedSession,
  deleteVerifier,
  readCachedSession,
  readPendingRenewal,
  readVerifier,
  saveCachedSession,
  savePendingRenewal,
  saveVerifier,
} from './authRepo';
import type { StoreWriter } from '../core/db/types';
import { joinUrl, requestJson, UnreachableError, type FetchFn, type HttpOutcome } from '../core/http';
import { checkVerifier, makeVerifier } from './verifier';
import { readDevice } from '../core/db/device';

export interface AuthOptions {
  store: StoreWriter;
  serverUrl: string;
  deviceId: string;
  fetch?: FetchFn;
  clock?: () => Date;
  timeoutMs?: number;
}

export interface Auth {
  session(): AuthSession;
  login(username: string, password: string): Promise<Result<AuthSession>>;
  logout(): Promise<AuthSession>;
  /** For the sync engine: null when nobody is signed in; throws UnreachableError when offline. */
  getAccessToken(o: { refresh: boolean }): Promise<string | null>;
  onChange(listener: (session: AuthSession) => void): () => void;
}

export const AUTH_MESSAGES = {
  wrongPassword: 'Wrong username or password',
  offlineWrongPassword: 'Wrong password (checked on this workstation: the server cannot be reached)',
  offlineNever: (u: string) =>
    `The server cannot be reached and "${u}" has never signed in on this workstation online, so offline sign-in is not possible`,
  offlineUsed: 'Signed in offline: the server cannot be reached. The session is checked when it returns.',
  revoked: 'The server ended the session (the account was disabled or the password changed): sign in again',
} as const;

const verifierKey = (username: string) => username.trim().toLowerCase();

/** A refused sign-in: the English message, and its code for the screen to say in the operator's language. */
const refused = (
  code: SignInRefusal | string,
  message: string,
  field: 'username' | 'password' | '' = 'password',
) => fail('unauthorized', message, [{ path: field, code, message }]);

export function createAuth(o: AuthOptions): Auth {
  const { db, write } = o.store;
  const clock = o.clock ?? (() => new Date());
  const fetchFn = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 5_000;
  const listeners = new Set<(s: AuthSession) => void>();
  const cached = readCachedSession(db);

  let user: SessionUser | null = cached?.user ?? null;
  let mode: AuthSession['mode'] = cached ? 'online' : null;
  let refreshToken = cached?.refreshToken ?? null;
  let renewing: Promise<string | null> | null = null;
  let accessToken: string | null = null;
  let accessExpiresAt = 0;
  /** Only for an offline session, only in memory: it re-validates the session when the server returns. */
  let offlinePassword: string | null = null;
  let message: string | null = null;
  let messageCode: AuthSession['messageCode'] = null;
  /** The successor asked for in a renewal whose answer has not arrived; asked for again on a retry. */
  let pendingNext = cached ? readPendingRenewal(db) : null;

  const session = (): AuthSession => ({ serverConfigured: true, user, mode, message, messageCode });
  const changed = () => {
    const s = session();
    for (const l of listeners) l(s);
  };
  const post = (path: string, body: unknown, token?: string): Promise<HttpOutcome> =>
    requestJson(joinUrl(o.serverUrl, path), body, { fetch: fetchFn, timeoutMs, token });

  async function adopt(pair: TokenPair, password: string | null): Promise<void> {
    const now = clock();
    user = pair.user;
    mode = 'online';
    accessToken = pair.accessToken;
    accessExpiresAt = now.getTime() + pair.expiresIn * 1000;
    refreshToken = pair.refreshToken;
    pendingNext = null;
    offlinePassword = null;
    const verifier = password === null ? null : await makeVerifier(password);
    // A renewal may have adopted a newer token during the (slow) verifier: storing this one would
    // bring back a rotated token, which the server takes for theft after a restart.
    const current = refreshToken === pair.refreshToken;
    // The workstation may have closed its store while the verifier was being made.
    if (!db.open) return;
    write(() => {
      if (current) {
        saveCachedSession(db, {
          user: pair.user,
          refreshToken: pair.refreshToken,
          signedInAt: now.toISOString(),
        });
        savePendingRenewal(db, null);
      }
      if (verifier)
        saveVerifier(
          db,
          { username: verifierKey(pair.user.username), user: pair.user, ...verifier },
          now.toISOString(),
        );
    });
  }

  function end(reason: 'session_ended' | null): void {
    user = null;
    mode = null;
    accessToken = null;
    refreshToken = null;
    offlinePassword = null;
    message = reason === null ? null : AUTH_MESSAGES.revoked;
    messageCode = reason;
    write(() => clearCachedSession(db));
    changed();
  }

  async function loginOnline(username: string, password: string): Promise<HttpOutcome> {
    // The device's key proves to the server that this is the workstation the id was first used on.
    const deviceKey = readDevice(db)?.deviceKey ?? undefined;
    return post(AUTH_PATHS.login, {
      username,
      password,
      deviceId: o.deviceId,
      ...(deviceKey ? { deviceKey } : {}),
    });
  }

  return {
    session,
    async login(username, password) {
      const outcome = await loginOnline(username, password);
      if (outcome.kind === 'ok') {
        const pair = TokenPair.safeParse(outcome.body);
        if (!pair.success) return fail('internal', 'The server answered the sign-in in an unknown shape');
        await adopt(pair.data, password);
        message = null;
        messageCode = null;
        changed();
        return ok(session());
      }
      if (outcome.kind === 'client_error') {
        if (outcome.status === 401) {
          // A verifier the server no longer accepts (the password changed) must not sign anyone in offline.
          const stale = readVerifier(db, verifierKey(username));
          if (stale && (await checkVerifier(password, stale)))
            write(() => deleteVerifier(db, stale.username));
          return refused('wrong_credentials', AUTH_MESSAGES.wrongPassword);
        }
        if (outcome.status === 400) return fail('invalid_input', outcome.message);
        return refused(outcome.code, outcome.message, '');
      }
      const verifier = readVerifier(db, verifierKey(username));
      if (!verifier)
        return refused('offline_never_signed_in', AUTH_MESSAGES.offlineNever(username.trim()), 'username');
      if (!(await checkVerifier(password, verifier)))
        return refused('offline_wrong_password', AUTH_MESSAGES.offlineWrongPassword);
      user = verifier.user;
      mode = 'offline';
      accessToken = null;
      refreshToken = null;
      offlinePassword = password;
      message = AUTH_MESSAGES.offlineUsed;
      messageCode = 'offline_sign_in';
      changed();
      return ok(session());
    },
    async logout() {
      if (refreshToken !== null) {
        // Best effort: the local session ends whether or not the server hears of it.
        await post(AUTH_PATHS.logout, { refreshToken }, accessToken ?? undefined).catch(() => undefined);
      }
      end(null);
      return session();
    },
    async getAccessToken({ refresh }) {
      if (user === null) return null;
      if (!refresh && accessToken !== null && accessExpiresAt - 30_000 > clock().getTime())
        return accessToken;
      // One renewal at a time: the sync engine, the live channel and the softphone all ask, and a
      // second renewal with the same refresh token would look like reuse and end the sign-in.
      renewing ??= renew().finally(() => (renewing = null));
      return renewing;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  async function renew(): Promise<string | null> {
    if (user === null) return null;
    let outcome: HttpOutcome;
    if (refreshToken !== null) {
      if (pendingNext?.from !== refreshToken) {
        const pending = { from: refreshToken, next: randomBytes(32).toString('base64url') };
        write(() => savePendingRenewal(db, pending));
        pendingNext = pending;
      }
      outcome = await post(AUTH_PATHS.refresh, { refreshToken, next: pendingNext.next });
    } else if (offlinePassword !== null) outcome = await loginOnline(user.username, offlinePassword);
    else {
      end('session_ended');
      return null;
    }
    if (outcome.kind === 'unreachable') throw new UnreachableError(outcome.message);
    if (outcome.kind === 'client_error') {
      if (outcome.status === 401 || outcome.status === 403) {
        if (offlinePassword !== null) {
          const stale = user.username;
          write(() => deleteVerifier(db, verifierKey(stale)));
        }
        end('session_ended');
        return null;
      }
      throw new UnreachableError(`The server refused to renew the session: ${outcome.message}`);
    }
    const pair = TokenPair.safeParse(outcome.body);
    if (!pair.success) throw new UnreachableError('The server answered a token renewal in an unknown shape');
    const wasOffline = mode === 'offline';
    await adopt(pair.data, offlinePassword);
    if (wasOffline) {
      message = null;
      messageCode = null;
      changed();
    }
    return accessToken;
  }
}
