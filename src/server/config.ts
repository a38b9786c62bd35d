// Server settings; `serverConfig` fills the defaults and reads the environment.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIFECYCLE_POLICY, type LifecyclePolicy } from '../shared/domain/lifecycle';
import {
  DEFAULT_INCIDENT_RULES,
  INCIDENT_CONFIG_NAMES,
  type IncidentRules,
} from '../shared/incidents/detect';
import { QUEUE_DEFAULTS, QueuePriorityReason } from '../shared/queue/queue';
import { IceServer } from '../shared/softphone/sipConfig';

/** What the server hands a signed-in operator for the softphone (issue 4). */
export interface SipSettings {
  /** SIP_WS_URI, e.g. wss://pbx.example:8443; null: this center has no PBX, SIP credentials answer 404. */
  wsUri: string | null;
  /** SIP_DOMAIN, also the digest realm; default: the host of SIP_WS_URI. */
  domain: string;
  /** HOTLINE_NUMBER, default 1551. */
  hotline: string;
  /** SIP_ICE_SERVERS as JSON (an array of RTCIceServer); default none. */
  iceServers: IceServer[];
  /** WRAP_UP_SECONDS, default 30. */
  wrapUpSeconds: number;
}

/** Timings of the live WebSocket; tests shorten them. */
export interface LiveSettings {
  /** A socket that sends no valid hello within this is closed (4408). */
  helloTimeoutMs: number;
  /** Ping interval; a socket that did not answer the previous ping is terminated. */
  heartbeatMs: number;
  /** A disconnected agent goes offline after this unless a workstation reconnects. */
  offlineGraceMs: number;
  /** How often an instance closes overdue disconnections and expired reservations. */
  sweepMs: number;
  /** Several change_log notifications within this become one sync.changed. */
  syncDebounceMs: number;
  maxMessageBytes: number;
}

export interface ServerConfig {
  /** HMAC key for access tokens. Null: generated once and kept in the database, so instances share it. */
  tokenSecret: string | null;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /**
   * Login throttle (auth/rateLimit.ts), across instances: failures per (username, address or known
   * workstation) per window, and how many from anywhere before a username's attempts are delayed.
   */
  loginFailuresPerUser: number;
  /** Failures on usernames that do not exist per client address per window. */
  loginFailuresPerIp: number;
  loginWindowSeconds: number;
  /** The longest delay between a username's attempts once they are delayed. */
  loginMaxDelaySeconds: number;
  /**
   * TRUST_PROXY: the reverse proxies whose X-Forwarded-For gives the client's address (Fastify's
   * trustProxy), as addresses or CIDR ranges. False: the peer's address is the client's, and a
   * client cannot choose the address the login throttle counts it under.
   */
  trustProxy: false | string[];
  /** A bearer token that may read /metrics besides an admin; null: admins only. */
  metricsToken: string | null;
  bodyLimitBytes: number;
  /** The contact center's code in official numbers: `1551-2026-000123`. */
  centerCode: string;
  sip: SipSettings;
  /** PBX_TOKEN: the bearer token of the PBX routes; null: read (or create) `pbxTokenFile`. */
  pbxToken: string | null;
  /** PBX_TOKEN_FILE, default .data/pbx-token beside the embedded database: shared with the PBX's scripts. */
  pbxTokenFile: string;
  /** How long a call routed to an agent holds the agent before the workstation confirms it ringing. */
  reservationSeconds: number;
  live: LiveSettings;
  /**
   * LIVE_ALLOWED_ORIGINS (comma-separated): web origins whose pages may open the live WebSocket.
   * Workstations connect from their main process, which sends no Origin; a browser always does, so
   * by default every browser page is refused (no other site's page can hold a live socket).
   */
  liveAllowedOrigins: string[];
  /** What the server decides about pushed appeals (sync/serverOwned.ts). */
  appeals: AppealSettings;
  /** The hotline's call queue (queue/README.md). */
  queue: QueueSettings;
  /** Mass incidents' detector (incidents/README.md). */
  incidents: IncidentSettings;
}

/** The mass-incident detector's thresholds (src/shared/incidents/detect.ts) and its scan. */
export interface IncidentSettings extends IncidentRules {
  /** INCIDENT_SCAN_MS (1000): how often each instance examines appeals not yet seen; 0: never (tests call it). */
  scanMs: number;
}

export function incidentSettings(env: NodeJS.ProcessEnv): IncidentSettings {
  const names = INCIDENT_CONFIG_NAMES;
  const atLeast = (name: string, fallback: number, min: number, max: number) => {
    const value = integerFrom(env[name], name, fallback, max);
    if (value < min) throw new Error(`${name} must be an integer from ${min} to ${max}`);
    return value;
  };
  return {
    minAppeals: atLeast(names.minAppeals, DEFAULT_INCIDENT_RULES.minAppeals, 2, 1000),
    windowMinutes: atLeast(names.windowMinutes, DEFAULT_INCIDENT_RULES.windowMinutes, 1, 7 * 24 * 60),
    radiusMeters: atLeast(names.radiusMeters, DEFAULT_INCIDENT_RULES.radiusMeters, 1, 10_000),
    scanMs: atLeast(names.scanMs, 1000, 0, 60_000),
  };
}

/** The hotline's call queue (src/server/queue); the timings are the protocol's, tests shorten them. */
export interface QueueSettings {
  /** QUEUE_MAX_WAIT_SECONDS (600): a caller waits at most this long, then hears busy (timed_out). */
  maxWaitSeconds: number;
  /** QUEUE_SERVICE_LEVEL_SECONDS (20): the service level's "answered within". */
  serviceLevelSeconds: number;
  /**
   * QUEUE_PRIORITIES (comma-separated, '' = strict arrival order): reasons to serve a caller ahead
   * of others, the first listed highest: `benefit` (the number is an applicant's of a benefit
   * holder's appeal), `callback` (the number is an applicant's of an appeal awaiting a callback).
   */
  priorities: QueuePriorityReason[];
  /** QUEUE_CAPACITY (500): callers one hotline queue holds; the next hears busy at once. */
  capacity: number;
  /**
   * A new caller an operator could take at once is offered no sooner than this after the PBX
   * received them: the PBX's workers ask in parallel, so a caller received a moment earlier may be
   * asked about a moment later, and would otherwise lose the free operator to the one after them.
   */
  settleMs: number;
  /** How often each instance sweeps the queue (max wait, lost pushes, lapsed offers). */
  sweepMs: number;
  /** The push to the PBX gives up after this. */
  pushTimeoutMs: number;
  /** An offered caller the PBX has not asked about for this long is pushed again. */
  repushAfterMs: number;
  /** The live `queue` message goes to a socket at most this often. */
  snapshotThrottleMs: number;
  /**
   * A caller past the max wait by this much whose PBX has not asked about it for as long is
   * closed as timed out: its PBX is gone and no boot event came (the board must not show it forever).
   */
  forgottenAfterSeconds: number;
}

export function queueSettings(env: NodeJS.ProcessEnv): QueueSettings {
  const positive = (name: string, fallback: number, max: number) => {
    const value = integerFrom(env[name], name, fallback, max);
    if (value < 1) throw new Error(`${name} must be an integer from 1 to ${max}`);
    return value;
  };
  const listed = (env['QUEUE_PRIORITIES'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const priorities = listed.map((p) => {
    const reason = QueuePriorityReason.safeParse(p);
    if (!reason.success)
      throw new Error(
        `QUEUE_PRIORITIES: "${p}" is not a priority; use ${QueuePriorityReason.options.join(', ')} (comma-separated)`,
      );
    return reason.data;
  });
  return {
    maxWaitSeconds: positive('QUEUE_MAX_WAIT_SECONDS', QUEUE_DEFAULTS.maxWaitSeconds, 86_400),
    serviceLevelSeconds: positive('QUEUE_SERVICE_LEVEL_SECONDS', QUEUE_DEFAULTS.serviceLevelSeconds, 3600),
    priorities: [...new Set(priorities)],
    capacity: positive('QUEUE_CAPACITY', QUEUE_DEFAULTS.capacity, 100_000),
    settleMs: 200,
    sweepMs: 500,
    pushTimeoutMs: 1_000,
    repushAfterMs: 1_000,
    snapshotThrottleMs: 200,
    forgottenAfterSeconds: 60,
  };
}

export interface AppealSettings {
  /** SERVER_RULE_SET: `ua` (default) or `kz`, the deadline law. */
  ruleSet: 'ua' | 'kz';
  /** SERVER_TIME_ZONE: the center's zone; default Europe/Kyiv, or Asia/Almaty for `kz`. */
  timeZone: string;
  /** SYNC_MAX_OFFLINE_DAYS: older offline appeals are refused (their dates cannot be trusted). */
  maxOfflineDays: number;
  /**
   * What the center decides about the lifecycle (callback retries, what follows the last failed
   * callback); its ruleSet is always `ruleSet` above (the deadline ceiling of an extension).
   */
  lifecycle: LifecyclePolicy;
}

/** The center's zone when SERVER_TIME_ZONE is not set. */
export const defaultTimeZone = (ruleSet: AppealSettings['ruleSet']): string =>
  ruleSet === 'kz' ? 'Asia/Almaty' : 'Europe/Kyiv';
export const DEFAULT_MAX_OFFLINE_DAYS = 60;

function appealSettings(env: NodeJS.ProcessEnv): AppealSettings {
  const ruleSet = env['SERVER_RULE_SET'] || 'ua';
  if (ruleSet !== 'ua' && ruleSet !== 'kz') throw new Error('SERVER_RULE_SET must be ua or kz');
  const timeZone = env['SERVER_TIME_ZONE'] || defaultTimeZone(ruleSet);
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`SERVER_TIME_ZONE: unknown time zone ${timeZone}`);
  }
  return {
    ruleSet,
    timeZone,
    maxOfflineDays: integerFrom(
      env['SYNC_MAX_OFFLINE_DAYS'],
      'SYNC_MAX_OFFLINE_DAYS',
      DEFAULT_MAX_OFFLINE_DAYS,
      3650,
    ),
    lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, ruleSet },
  };
}

const IceServers = z.array(IceServer).max(8);

function iceServersFrom(text: string | undefined): IceServer[] {
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(
      'SIP_ICE_SERVERS is not valid JSON (expected an array of {urls, username?, credential?})',
    );
  }
  const result = IceServers.safeParse(parsed);
  if (!result.success)
    throw new Error(`SIP_ICE_SERVERS is not a valid list of ICE servers: ${result.error.message}`);
  return result.data;
}

function hostOf(uri: string | null): string {
  if (!uri) return '';
  try {
    return new URL(uri).hostname;
  } catch {
    throw new Error(`SIP_WS_URI is not a URL: ${uri}`);
  }
}

function integerFrom(text: string | undefined, name: string, fallback: number, max: number): number {
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${name} must be an integer from 0 to ${max}`);
  }
  return value;
}

// proxy-addr's names for the private ranges, accepted besides addresses and CIDR ranges.
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: comma-separated addresses and CIDR ranges of the reverse proxies. `true` (every hop)
 * and hop counts are refused: they trust whoever connects, so a client reaching the server directly
 * could choose its address by sending X-Forwarded-For (Fastify also ignores a hop count for that
 * reason).
 */
export function trustProxyFrom(text: string | undefined): false | string[] {
  const value = text?.trim();
  if (!value) return false;
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isAddressOrRange(e));
  if (bad !== undefined) {
    throw new Error(
      `TRUST_PROXY: "${bad}" is not an address or a CIDR range; list the reverse proxy's addresses (comma-separated)`,
    );
  }
  return entries;
}

export function sipSettings(env: NodeJS.ProcessEnv): SipSettings {
  const wsUri = env['SIP_WS_URI'] || null;
  return {
    wsUri,
    domain: env['SIP_DOMAIN'] || hostOf(wsUri),
    hotline: env['HOTLINE_NUMBER'] || '1551',
    iceServers: iceServersFrom(env['SIP_ICE_SERVERS']),
    wrapUpSeconds: integerFrom(env['WRAP_UP_SECONDS'], 'WRAP_UP_SECONDS', 30, 3600),
  };
}

export const defaultLiveSettings: LiveSettings = {
  helloTimeoutMs: 5_000,
  heartbeatMs: 15_000,
  offlineGraceMs: 15_000,
  sweepMs: 5_000,
  syncDebounceMs: 100,
  maxMessageBytes: 16 * 1024,
};

export function serverConfig(overrides: Partial<ServerConfig> = {}, env = process.env): ServerConfig {
  return {
    tokenSecret: env['SERVER_TOKEN_SECRET'] || null,
    accessTtlSeconds: 600,
    refreshTtlSeconds: 30 * 24 * 3600,
    loginFailuresPerUser: 5,
    loginFailuresPerIp: 100,
    loginWindowSeconds: 60,
    loginMaxDelaySeconds: 60,
    trustProxy: trustProxyFrom(env['TRUST_PROXY']),
    metricsToken: env['METRICS_TOKEN'] || null,
    bodyLimitBytes: 4 * 1024 * 1024,
    centerCode: env['SERVER_CENTER_CODE'] || '1551',
    sip: sipSettings(env),
    pbxToken: env['PBX_TOKEN']?.trim() || null,
    pbxTokenFile: resolve(env['PBX_TOKEN_FILE'] || resolve('.data', 'pbx-token')),
    reservationSeconds: 20,
    live: defaultLiveSettings,
    liveAllowedOrigins: (env['LIVE_ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    appeals: appealSettings(env),
    queue: queueSettings(env),
    incidents: incidentSettings(env),
    ...overrides,
  };
}
