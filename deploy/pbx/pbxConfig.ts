// Settings of the reference PBX and the files they produce: the Kamailio config rendered from
// deploy/pbx/kamailio.cfg, the TLS config, and the token shared with the central server.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MAX_ANNOUNCED_POSITION, PROMPT_LANGUAGES } from './pbxPrompts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const templatePath = join(repoRoot, 'deploy/pbx/kamailio.cfg');

const port = z.coerce.number().int().min(1).max(65535);
const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'expected host:port');

/**
 * A queued caller's INVITE transaction holds at most 30 branches (kamailio.cfg, max_branches):
 * offers to operators, and one per suspension, including one per ringback refresh.
 */
export const MAX_QUEUE_REFRESHES = 20;
/** kamailio.cfg MAX_OFFERS: operators one call is offered to before the caller hears busy. */
export const MAX_OFFERS = 8;

export const PbxOptions = z
  .object({
    /** Where rendered configs, logs, pid files and the generated certificate go. */
    dataDir: z.string().min(1),
    /** Address Kamailio and rtpengine bind to (SIP, WS, WSS, RTP). */
    listenIp: z.ipv4(),
    /** Public address to put in SIP headers when it differs from listenIp (behind NAT). */
    advertiseIp: z.ipv4().optional(),
    sipUdpPort: port,
    wsPort: port,
    wssPort: port,
    /** rtpengine's ng control port (UDP, on listenIp). */
    rtpengineNgPort: port,
    rtpPortMin: port,
    rtpPortMax: port,
    /** SIP domain, also the digest realm: must equal the server's PBX domain. */
    domain: z.string().regex(/^[A-Za-z0-9.-]{1,253}$/),
    hotline: z.string().regex(/^[0-9+*#]{1,32}$/),
    /** Central server base URL, e.g. http://127.0.0.1:8080 (no trailing slash). */
    serverUrl: z.url().transform((u) => u.replace(/\/+$/, '')),
    /** Bearer token for /api/v1/pbx/*. */
    token: z.string().regex(/^[A-Za-z0-9._~-]{16,256}$/, 'token must be 16-256 URL-safe characters'),
    /** host:port of the outbound (PSTN) gateway for operators' calls to unregistered numbers. */
    gateway: hostPort.optional(),
    tlsCert: z.string().optional(),
    tlsKey: z.string().optional(),
    enableTls: z.boolean(),
    /** Kamailio `debug` level: 1 warnings, 2 notices/info, 3 debug. */
    logLevel: z.number().int().min(-3).max(4),
    ha1CacheSeconds: z.number().int().min(1).max(600),
    httpTimeoutSeconds: z.number().int().min(1).max(30),
    /** How long a hotline call rings one operator before it is offered to the next. */
    ringSeconds: z.number().int().min(5).max(120),
    /**
     * The PBX's own bound on a queued caller's wait, from the call's arrival: then busy, and the
     * server is told `timed_out`. The server's QUEUE_MAX_WAIT_SECONDS (default 600) decides first;
     * this one must be larger.
     */
    queueMaxSeconds: z.number().int().min(10).max(3600),
    /** How often a queued caller gets `180 Ringing` again (RFC 3261: at least every minute). */
    queueRefreshSeconds: z.number().int().min(5).max(60),
    /**
     * Where the central server wakes a queued caller (POST {controlUrl}/queue/continue): the WS
     * listener, plain HTTP. Default http://<advertise or listen ip>:<wsPort>.
     */
    /**
     * Position announcements for waiting callers, in these languages and this order (empty or
     * absent: ringback only). Needs espeak-ng and rtpengineHttpPort.
     */
    queuePrompts: z.array(z.enum(PROMPT_LANGUAGES)).max(4).optional(),
    /** rtpengine's HTTP ng interface (on listenIp), which the announcements use. */
    rtpengineHttpPort: port.optional(),
    controlUrl: z
      .string()
      .regex(/^http:\/\/[A-Za-z0-9.-]+:\d{1,5}$/, 'expected http://host:port')
      .optional(),
  })
  .refine((o) => o.rtpPortMin < o.rtpPortMax, 'rtpPortMin must be below rtpPortMax')
  .refine(
    (o) => !o.queuePrompts?.length || o.rtpengineHttpPort !== undefined,
    'queuePrompts need rtpengineHttpPort',
  )
  .refine(
    (o) => Math.ceil(o.queueMaxSeconds / o.queueRefreshSeconds) <= MAX_QUEUE_REFRESHES,
    `queueMaxSeconds / queueRefreshSeconds must be at most ${MAX_QUEUE_REFRESHES} (transaction branches)`,
  )
  .refine((o) => !o.tlsCert === !o.tlsKey, 'give both tlsCert and tlsKey, or neither');
export type PbxOptions = z.infer<typeof PbxOptions>;

export const pbxFiles = (dataDir: string) => ({
  kamailioCfg: join(dataDir, 'kamailio.cfg'),
  tlsCfg: join(dataDir, 'tls.cfg'),
  kamailioLog: join(dataDir, 'kamailio.log'),
  rtpengineLog: join(dataDir, 'rtpengine.log'),
  kamailioPid: join(dataDir, 'kamailio.pid'),
  rtpenginePid: join(dataDir, 'rtpengine.pid'),
  /** The options of the running instance, so `stop`/`status` find it without repeating flags. */
  state: join(dataDir, 'pbx.json'),
  /** This start's boot id (a new one at every start and restart; the server learns it). */
  bootId: join(dataDir, 'boot-id'),
  selfSignedCert: join(dataDir, 'tls/cert.pem'),
  selfSignedKey: join(dataDir, 'tls/key.pem'),
  /** The queue's position announcements (pbxPrompts.ts). */
  prompts: join(dataDir, 'prompts'),
  /** Kamailio's runtime dir (its own FIFO/sockets would go here). */
  runDir: join(dataDir, 'run'),
});

/**
 * PBX_TOKEN from the environment, else the token file (PBX_TOKEN_FILE, default
 * `<repo>/.data/pbx-token`), created when missing: 32 random bytes in hex, mode 0600. The central
 * server does the same at its start (src/server/pbx/pbxToken.ts), so whichever starts first writes
 * it and both agree. Written to a private temporary file and hard-linked into place, which fails
 * when the file exists: neither side can ever read a half-written token.
 */
export function resolvePbxToken(
  env: NodeJS.ProcessEnv,
  tokenFile = resolve(env.PBX_TOKEN_FILE || join(repoRoot, '.data/pbx-token')),
): string {
  const fromEnv = env.PBX_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  if (!existsSync(tokenFile)) {
    mkdirSync(dirname(tokenFile), { recursive: true, mode: 0o700 });
    const temporary = `${tokenFile}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(temporary, tokenFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
  }
  return readFileSync(tokenFile, 'utf8').trim();
}

/**
 * `npm run pbx` defaults: ring one operator up to 20 s; a queued caller waits at most 15 minutes
 * (the server's own limit, 10 minutes by default, normally ends the wait first), hearing 180
 * Ringing again every minute.
 */
export const DEFAULT_RING_SECONDS = 20;
export const DEFAULT_QUEUE_MAX_SECONDS = 900;
export const DEFAULT_QUEUE_REFRESH_SECONDS = 60;
/** @deprecated The PBX no longer polls while a caller waits; use DEFAULT_QUEUE_MAX_SECONDS. */
export const DEFAULT_WAIT_SECONDS = DEFAULT_QUEUE_MAX_SECONDS;

/** A new id per PBX start (the server closes the queue entries of an earlier start). */
export const newBootId = (): string => randomUUID();

export const controlUrlOf = (options: PbxOptions): string =>
  options.controlUrl ?? `http://${options.advertiseIp ?? options.listenIp}:${options.wsPort}`;

/** Fills the template; throws when a placeholder is left, so a typo never reaches Kamailio. */
export function renderKamailioConfig(
  options: PbxOptions,
  tls: { configFile: string } | null,
  bootId: string = newBootId(),
): string {
  if (!/^[A-Za-z0-9-]{8,64}$/.test(bootId)) throw new Error('boot id: 8-64 letters, digits or -');
  const defines = [
    tls ? '#!define WITH_TLS' : '',
    options.gateway ? '#!define WITH_GATEWAY' : '',
    options.queuePrompts?.length ? '#!define WITH_QUEUE_PROMPTS' : '',
  ]
    .filter(Boolean)
    .join('\n');
  const values: Record<string, string> = {
    DEFINES: defines,
    LOG_LEVEL: String(options.logLevel),
    LOG_PREFIX: 'pbx',
    LISTEN_IP: options.listenIp,
    ADVERTISE: options.advertiseIp ? ` advertise ${options.advertiseIp}` : '',
    SIP_UDP_PORT: String(options.sipUdpPort),
    WS_PORT: String(options.wsPort),
    WSS_PORT: String(options.wssPort),
    DOMAIN: options.domain,
    HOTLINE: options.hotline,
    SERVER_URL: options.serverUrl,
    AUTH_HEADER: `Authorization: Bearer ${options.token}`,
    TOKEN: options.token,
    BOOT_ID: bootId,
    CTL_URL: controlUrlOf(options),
    // Nonces are signed with this; a new one per start invalidates old nonces, which is harmless.
    AUTH_SECRET: randomBytes(16).toString('hex'),
    RTPENGINE_NG: `${options.listenIp}:${options.rtpengineNgPort}`,
    RTPENGINE_HTTP: `http://${options.listenIp}:${options.rtpengineHttpPort ?? 0}/ng`,
    PROMPTS_DIR: pbxFiles(options.dataDir).prompts,
    MAX_ANNOUNCED_POSITION: String(MAX_ANNOUNCED_POSITION),
    GATEWAY: options.gateway ?? '',
    TLS_CONFIG: tls?.configFile ?? '',
    HA1_CACHE_SECONDS: String(options.ha1CacheSeconds),
    HTTP_TIMEOUT_SECONDS: String(options.httpTimeoutSeconds),
    RING_SECONDS: String(options.ringSeconds),
    RING_MS: String(options.ringSeconds * 1000),
    QUEUE_MAX_SECONDS: String(options.queueMaxSeconds),
    QUEUE_REFRESH_SECONDS: String(options.queueRefreshSeconds),
    QUEUE_REFRESH_MS: String(options.queueRefreshSeconds * 1000),
    // tm's cap on the INVITE transaction: the whole wait, then every offer ringing out, and a margin.
    HOTLINE_LIFETIME_MS: String((options.queueMaxSeconds + MAX_OFFERS * options.ringSeconds + 60) * 1000),
  };
  const rendered = readFileSync(templatePath, 'utf8').replace(
    /\{\{([A-Z0-9_]+)\}\}/g,
    (match, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`kamailio.cfg: unknown placeholder ${match}`);
      return value;
    },
  );
  return rendered;
}

export function renderTlsConfig(cert: string, key: string): string {
  // Clients are browsers and softphones: the PBX does not ask them for certificates.
  return [
    '[server:default]',
    'method = TLSv1.2+',
    'verify_certificate = no',
    'require_certificate = no',
    `private_key = ${key}`,
    `certificate = ${cert}`,
    '',
    '[client:default]',
    'method = TLSv1.2+',
    'verify_certificate = no',
    'require_certificate = no',
    '',
  ].join('\n');
}

export function writePrivateFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
}
