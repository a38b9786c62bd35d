// The softphone configuration's decisions with a scripted server and sign-in (the real server is
// in tests/integration/sync/liveRealServer.test.ts): token renewal, retries while unreachable, the
// answers that drop cached credentials, and answers that arrive after a sign-out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AuthSession } from '../../shared/ipc/contract';
import type { SipCredentials, SoftphoneConfig } from '../../shared/softphone/sipConfig';
import type { Auth } from '../auth';
import { openStore } from '../core/db/openStore';
import type { Store } from '../core/db/types';
import { UnreachableError, type FetchFn } from '../core/http';
import { readCredentials } from './credentialsRepo';
import { createSoftphone, SOFTPHONE_REASONS, type Softphone } from './softphoneService';

const sip = (ha1: string): SipCredentials => ({
  username: 'operator1',
  domain: 'pbx.test',
  ha1,
  wsUri: 'ws://127.0.0.1:5066',
  hotline: '1551',
  iceServers: [],
  displayName: 'Operator',
  wrapUpSeconds: 20,
});
const user = { id: 'u1', username: 'operator1', name: 'Operator', role: 'operator' as const };

type Answer = { status: number; body: unknown } | 'down';

let dir: string;
let store: Store;
let session: AuthSession;
let authListeners: ((s: AuthSession) => void)[];
let tokenRequests: boolean[];
let answers: Answer[];
let seenTokens: (string | null)[];
let emitted: SoftphoneConfig[];
let phone: Softphone;

const auth: Pick<Auth, 'session' | 'getAccessToken' | 'onChange'> = {
  session: () => session,
  getAccessToken: async ({ refresh }) => {
    tokenRequests.push(refresh);
    if (session.user === null) return null;
    return refresh ? 'fresh-token' : 'old-token';
  },
  onChange: (l) => {
    authListeners.push(l);
    return () => (authListeners = authListeners.filter((x) => x !== l));
  },
};

const fakeFetch: FetchFn = async (_url, init) => {
  seenTokens.push(new Headers(init?.headers).get('authorization'));
  const answer = answers.shift() ?? 'down';
  if (answer === 'down') throw new TypeError('fetch failed');
  return new Response(JSON.stringify(answer.body), { status: answer.status });
};

function start(): Softphone {
  phone = createSoftphone({
    store,
    server: { url: 'http://server.test', auth },
    events: { emit: (_e, payload) => emitted.push(payload as SoftphoneConfig) },
    clock: () => new Date('2026-11-22T10:00:00Z'),
    fetch: fakeFetch,
    backoff: { minMs: 5, maxMs: 10 },
  });
  return phone;
}

function signIn(mode: AuthSession['mode'] = 'online') {
  session = { serverConfigured: true, user, mode, message: null };
  for (const l of authListeners) l(session);
}
function signOut() {
  session = { serverConfigured: true, user: null, mode: null, message: null };
  for (const l of authListeners) l(session);
}

async function until(what: string, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'softphone-'));
  const opened = openStore({ file: join(dir, 'store.db'), key: randomBytes(32) });
  if (!opened.ok) throw new Error(opened.error.message);
  store = opened.value;
  session = { serverConfigured: true, user: null, mode: null, message: null };
  authListeners = [];
  tokenRequests = [];
  answers = [];
  seenTokens = [];
  emitted = [];
});
afterEach(() => {
  phone.dispose();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('softphone configuration', () => {
  it('says no server when there is none', async () => {
    phone = createSoftphone({ store, server: null, events: { emit: () => {} }, clock: () => new Date() });
    expect(phone.config()).toEqual({ configured: false, reason: SOFTPHONE_REASONS.noServer });
    expect(await phone.refresh()).toEqual(phone.config());
  });

  it('renews an access token the server refused, once, and stores what it issues', async () => {
    start();
    answers = [
      { status: 401, body: { error: { code: 'unauthorized', message: 'expired' } } },
      { status: 200, body: sip('a'.repeat(32)) },
    ];
    signIn();
    expect(phone.config()).toEqual({ configured: false, reason: SOFTPHONE_REASONS.loading });
    await until('credentials', () => phone.config().configured);
    expect(tokenRequests).toEqual([false, true]);
    expect(seenTokens).toEqual(['Bearer old-token', 'Bearer fresh-token']);
    expect(readCredentials(store.db)?.sip.ha1).toBe('a'.repeat(32));
    expect(phone.wrapUpSeconds()).toBe(20);
    expect(emitted.at(-1)).toEqual({ configured: true, sip: sip('a'.repeat(32)) });
  });

  it('keeps cached credentials while the server is unreachable and retries until it answers', async () => {
    start();
    answers = [{ status: 200, body: sip('a'.repeat(32)) }];
    signIn();
    await until('first credentials', () => phone.config().configured);

    answers = ['down', 'down', { status: 200, body: sip('b'.repeat(32)) }];
    signIn();
    expect(phone.config()).toEqual({ configured: true, sip: sip('a'.repeat(32)) });
    await until('fresh credentials', () => readCredentials(store.db)?.sip.ha1 === 'b'.repeat(32));
    expect(phone.config()).toEqual({ configured: true, sip: sip('b'.repeat(32)) });
  });

  it('says offline with nothing cached, and takes a token that cannot be had as unreachable', async () => {
    start();
    signIn('offline');
    expect(phone.config()).toEqual({ configured: false, reason: SOFTPHONE_REASONS.offline });
    const failing = { ...auth, getAccessToken: () => Promise.reject(new UnreachableError('down')) };
    phone.dispose();
    phone = createSoftphone({
      store,
      server: { url: 'http://server.test', auth: failing },
      events: { emit: () => {} },
      clock: () => new Date(),
      backoff: { minMs: 1_000, maxMs: 1_000 },
    });
    session = { ...session, mode: 'online' };
    expect(await phone.refresh()).toEqual({ configured: false, reason: SOFTPHONE_REASONS.offline });
  });

  it('drops cached credentials when the server has no PBX or refuses', async () => {
    start();
    answers = [{ status: 200, body: sip('a'.repeat(32)) }];
    signIn();
    await until('credentials', () => phone.config().configured);
    answers = [{ status: 404, body: { error: { code: 'sip_not_configured', message: 'no PBX' } } }];
    expect(await phone.refresh()).toEqual({ configured: false, reason: SOFTPHONE_REASONS.noPbx });
    expect(readCredentials(store.db)).toBeNull();

    answers = [{ status: 403, body: { error: { code: 'forbidden', message: 'Analysts take no calls' } } }];
    expect(await phone.refresh()).toEqual({
      configured: false,
      reason: SOFTPHONE_REASONS.refused('Analysts take no calls'),
    });
  });

  it('clears credentials at sign-out and ignores an answer that arrives after it', async () => {
    start();
    answers = [{ status: 200, body: sip('a'.repeat(32)) }];
    signIn();
    await until('credentials', () => phone.config().configured);

    // The request is on its way (the token was already taken) when the operator signs out.
    answers = [{ status: 200, body: sip('c'.repeat(32)) }];
    const late = phone.refresh();
    signOut();
    await late;
    expect(seenTokens.at(-1)).toBe('Bearer old-token');
    expect(phone.config()).toEqual({ configured: false, reason: SOFTPHONE_REASONS.signedOut });
    expect(readCredentials(store.db)).toBeNull();
  });
});
