// The softphone's configuration: SIP credentials the central server issues after an online
// sign-in, kept in memory and in the encrypted store (a restart during a server outage keeps the
// softphone working against the PBX), cleared at sign-out. Every change is pushed to the renderer
// as `softphone:configChanged`.
import { SIP_PATHS, SipCredentials, type SoftphoneConfig } from '../../shared/softphone/sipConfig';
import type { Auth } from '../auth';
import type { Store } from '../core/db/types';
import type { EventBus } from '../core/events';
import {
  DEFAULT_BACKOFF,
  joinUrl,
  requestJson,
  UnreachableError,
  type FetchFn,
  type HttpOutcome,
} from '../core/http';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff';
import {
  clearCredentials,
  readCredentials,
  saveCredentials,
  type StoredCredentials,
} from './credentialsRepo';

export const SOFTPHONE_REASONS = {
  noServer: 'No central server is configured: the softphone gets its settings from the server',
  signedOut: 'Sign in to use the softphone',
  loading: 'Getting the softphone settings from the server',
  noPbx: 'The server has no telephone exchange (PBX) configured',
  offline: 'The server cannot be reached and this workstation has no stored softphone settings',
  refused: (message: string) => `The server refused the softphone settings: ${message}`,
} as const;

export interface SoftphoneOptions {
  store: Pick<Store, 'db' | 'write'>;
  /** null: no central server, so no softphone. */
  server: { url: string; auth: Pick<Auth, 'session' | 'getAccessToken' | 'onChange'> } | null;
  events: Pick<EventBus, 'emit'>;
  clock: () => Date;
  fetch?: FetchFn;
  timeoutMs?: number;
  /** Retries while the server cannot be reached after a sign-in. */
  backoff?: BackoffOptions;
  random?: () => number;
}

export interface Softphone {
  config(): SoftphoneConfig;
  /** The issued wrap-up length, or null without credentials. */
  wrapUpSeconds(): number | null;
  /** Asks the server for fresh credentials now; resolves with the configuration after it. */
  refresh(): Promise<SoftphoneConfig>;
  dispose(): void;
}

const notConfigured = (reason: string): SoftphoneConfig => ({ configured: false, reason });

export function createSoftphone(o: SoftphoneOptions): Softphone {
  const server = o.server;
  if (server === null) {
    const config = notConfigured(SOFTPHONE_REASONS.noServer);
    return {
      config: () => config,
      wrapUpSeconds: () => null,
      refresh: async () => config,
      dispose: () => {},
    };
  }
  const { db, write } = o.store;
  const { auth } = server;
  const fetchFn = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 5_000;
  const random = o.random ?? Math.random;

  let cached: StoredCredentials | null = readCredentials(db);
  /** Why the last request gave no credentials; null before the first answer. */
  let problem: string | null = null;
  /** Raised at each sign-in and sign-out: an answer for an earlier session is thrown away. */
  let generation = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let disposed = false;
  let lastEmitted = '';

  function config(): SoftphoneConfig {
    const { user, mode } = auth.session();
    if (user === null) return notConfigured(SOFTPHONE_REASONS.signedOut);
    if (cached !== null && cached.userId === user.id) return { configured: true, sip: cached.sip };
    if (problem !== null) return notConfigured(problem);
    return notConfigured(mode === 'offline' ? SOFTPHONE_REASONS.offline : SOFTPHONE_REASONS.loading);
  }

  const emitIfChanged = () => {
    if (disposed) return;
    const current = config();
    const key = JSON.stringify(current);
    if (key === lastEmitted) return;
    lastEmitted = key;
    o.events.emit('softphone:configChanged', current);
  };

  const forget = () => {
    cached = null;
    write(() => clearCredentials(db));
  };

  const cancelRetry = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  };

  async function post(refresh: boolean): Promise<HttpOutcome | 'signed_out'> {
    let token: string | null;
    try {
      token = await auth.getAccessToken({ refresh });
    } catch (e) {
      if (e instanceof UnreachableError) return { kind: 'unreachable', message: e.message };
      // Not a network problem (e.g. the store closed under a late renewal): retried like one, and
      // thrown away by the generation check when the workstation is closing.
      if (!disposed) console.warn(`Softphone: no access token (${e instanceof Error ? e.name : typeof e})`);
      return { kind: 'unreachable', message: 'No access token is available' };
    }
    if (token === null) return 'signed_out';
    return requestJson(joinUrl(server!.url, SIP_PATHS.credentials), {}, { fetch: fetchFn, timeoutMs, token });
  }

  async function fetchCredentials(): Promise<void> {
    const mine = generation;
    const userId = auth.session().user?.id;
    if (userId === undefined) return;
    let outcome = await post(false);
    // An access token the server no longer takes: renew it once, as the sync engine does.
    if (outcome !== 'signed_out' && outcome.kind === 'client_error' && outcome.status === 401)
      outcome = await post(true);
    if (mine !== generation || disposed) return;
    if (outcome === 'signed_out') return emitIfChanged();
    if (outcome.kind === 'ok') {
      const sip = SipCredentials.safeParse(outcome.body);
      if (!sip.success) {
        problem = SOFTPHONE_REASONS.refused('its answer is not in the expected shape');
      } else {
        failures = 0;
        problem = null;
        cached = { userId, sip: sip.data, issuedAt: o.clock().toISOString() };
        const stored = cached;
        write(() => saveCredentials(db, stored));
      }
    } else if (outcome.kind === 'client_error') {
      // The server answered: whatever was cached is no longer what it issues.
      forget();
      problem =
        outcome.status === 404 && outcome.code === 'sip_not_configured'
          ? SOFTPHONE_REASONS.noPbx
          : SOFTPHONE_REASONS.refused(outcome.message);
    } else {
      // Unreachable: keep what is cached and try again.
      problem = SOFTPHONE_REASONS.offline;
      failures++;
      cancelRetry();
      retryTimer = setTimeout(
        () => {
          retryTimer = null;
          if (mine === generation) void fetchCredentials();
        },
        backoffDelay(failures, random, o.backoff ?? { minMs: DEFAULT_BACKOFF.minMs, maxMs: 30_000 }),
      );
      retryTimer.unref?.();
    }
    emitIfChanged();
  }

  const unsubscribe = auth.onChange((session) => {
    generation++;
    cancelRetry();
    failures = 0;
    problem = null;
    if (session.user === null) forget();
    else if (cached !== null && cached.userId !== session.user.id) forget();
    emitIfChanged();
    if (session.user !== null && session.mode === 'online') void fetchCredentials();
  });

  // A session resumed from the store: use what is cached now, and ask for fresh credentials.
  lastEmitted = JSON.stringify(config());
  const resumed = auth.session();
  if (resumed.user !== null && cached !== null && cached.userId !== resumed.user.id) forget();
  if (resumed.user === null && cached !== null) forget();
  if (resumed.user !== null && resumed.mode === 'online') void fetchCredentials();

  return {
    config,
    wrapUpSeconds: () => {
      const c = config();
      return c.configured ? c.sip.wrapUpSeconds : null;
    },
    async refresh() {
      await fetchCredentials();
      return config();
    },
    dispose() {
      disposed = true;
      generation++;
      cancelRetry();
      unsubscribe();
    },
  };
}
