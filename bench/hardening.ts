// `npm run bench:hardening`: what hostile input costs the central server, beside targets, with
// bare baselines from the same run (idle RSS, /healthz p99 with no storm, 100 sequential sign-ins)
// so the cost above the engine shows. About 30 s.
//   (a) a storm of maximal nested bodies: 20 to the public sign-in route and 20 to the signed-in
//       push route, all at once, each exactly the route's body limit, nesting arrays ('[[[…') or
//       objects ('{"a":{"a":…') as deep as that allows. The server process's RSS before, at its
//       peak and 2 s after, and /healthz p99 during the storm. Run twice: growth the second storm
//       does not repeat is memory kept for reuse, not a leak. Then, beyond the task, the same storm
//       with bodies nested to the depth the server still parses and wide from there.
//   (b) 100 concurrent wrong passwords for one user: how many the server evaluated (the
//       `auth_password_checks_total` counter from /metrics; where the server has none, the 401s).
// The server is `tsx src/server/main.ts` in a child process with its own embedded PostgreSQL in a
// temporary folder, so the RSS read from /proc is the server's alone. A benchmark: it prints, it
// does not assert.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MAX_JSON_DEPTH } from '../src/server/jsonBody';
import { findRoute } from '../src/server/routes/routeTable';
import { freePort } from '../src/server/embedded';
import { AUTH_PATHS, type TokenPair } from '../src/shared/sync/auth';
import { SYNC_PATHS } from '../src/shared/sync/protocol';
import { percentile, printRows, type BenchRow } from './report';

const PASSWORD = 'bench-password-1';
const METRICS_TOKEN = randomBytes(24).toString('base64url');
const STORM_PER_ROUTE = 20;
const WRONG_PASSWORDS = 100;
const SEQUENTIAL_LOGINS = 100;
const MB = 1024 * 1024;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- the server in its own process -------------------------------------------------------------

interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startServer(): Promise<ServerProcess> {
  const parent = mkdtempSync(join(tmpdir(), 'bench-hardening-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      // tsx's loader, as this process runs under it: the child is the server itself, not a wrapper.
      ...process.execArgv,
      join(ROOT, 'src/server/main.ts'),
      '--port',
      String(port),
      '--pg-data',
      join(parent, 'cluster'),
      '--pg-port',
      String(await freePort()),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        METRICS_TOKEN,
        SERVER_DEMO_PASSWORD: PASSWORD,
        PBX_TOKEN: randomBytes(24).toString('base64url'),
        LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await ready(child);
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

function ready(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    // Log lines (JSON) are read and dropped so the pipe never fills.
    lines.on('line', (line) => {
      const m = /^Server ready: (\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`The server process exited (${code})`)));
  });
}

/** The process's resident set from /proc, in bytes. */
function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`No VmRSS for process ${pid}`);
  return Number(m[1]) * 1024;
}

// --- plain HTTP --------------------------------------------------------------------------------

interface Answer {
  status: number;
  /** The ApiError code, or the transport error when there was no answer (status 0). */
  code: string;
  body: string;
  ms: number;
}

interface Call {
  method?: 'GET' | 'POST';
  body?: Buffer | string;
  token?: string;
  agent?: Agent;
  /** A loopback address of its own: the server rate-limits sign-ins per address too. */
  localAddress?: string;
}

function call(url: string, c: Call = {}): Promise<Answer> {
  const started = performance.now();
  const body = typeof c.body === 'string' ? Buffer.from(c.body) : c.body;
  return new Promise((resolve) => {
    const done = (status: number, code: string, text: string) =>
      resolve({ status, code, body: text, ms: performance.now() - started });
    const req = httpRequest(
      url,
      {
        method: c.method ?? (body ? 'POST' : 'GET'),
        agent: c.agent,
        localAddress: c.localAddress,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': body.length } : {}),
          ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let code = '';
          try {
            code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
          } catch {
            // not JSON: the status says enough
          }
          done(res.statusCode ?? 0, code, text);
        });
        res.on('error', (e) => done(0, e.message, ''));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => done(0, e.code ?? e.message, ''));
    req.end(body);
  });
}

async function login(url: string, username: string, password: string, c: Call = {}): Promise<Answer> {
  return call(`${url}${AUTH_PATHS.login}`, {
    ...c,
    body: JSON.stringify({ username, password, deviceId: randomUUID() }),
  });
}

/** Sums every sample of a counter in Prometheus text; null when the server does not export it. */
async function counter(url: string, name: string): Promise<number | null> {
  const res = await call(`${url}/metrics`, { token: METRICS_TOKEN });
  if (res.status !== 200) throw new Error(`/metrics: HTTP ${res.status} ${res.code}`);
  let sum: number | null = null;
  const sample = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`);
  for (const line of res.body.split('\n')) {
    const m = sample.exec(line);
    if (m) sum = (sum ?? 0) + Number(m[1]);
  }
  return sum;
}

const tally = (answers: readonly Answer[]) => {
  const by: Record<string, number> = {};
  for (const a of answers) {
    const key = a.status === 0 ? `no answer (${a.code})` : `${a.status}${a.code ? ` ${a.code}` : ''}`;
    by[key] = (by[key] ?? 0) + 1;
  }
  return Object.entries(by)
    .map(([k, n]) => `${k} x${n}`)
    .join(', ');
};

// --- measurements ------------------------------------------------------------------------------

/** /healthz one request after another until `stop` resolves; the latencies in ms. */
async function probeHealth(url: string, stop: Promise<unknown>): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let stopped = false;
  void stop.then(() => (stopped = true));
  const samples: number[] = [];
  try {
    while (!stopped) {
      const res = await call(`${url}/healthz`, { agent });
      samples.push(res.status === 200 ? res.ms : Number.POSITIVE_INFINITY);
    }
  } finally {
    agent.destroy();
  }
  return samples;
}

/** Samples the server's RSS every 20 ms until `stop` resolves; the highest seen. */
async function peakRss(pid: number, stop: Promise<unknown>): Promise<number> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  let peak = rssOf(pid);
  while (!stopped) {
    peak = Math.max(peak, rssOf(pid));
    await sleep(20);
  }
  return Math.max(peak, rssOf(pid));
}

/** JSON of exactly `bytes` bytes nesting as deep as it can: `[[[...]]]`. */
function deepArrays(bytes: number): Buffer {
  const n = Math.floor(bytes / 2);
  return Buffer.from('['.repeat(n) + ']'.repeat(n) + ' '.repeat(bytes - 2 * n));
}

/** JSON of exactly `bytes` bytes nesting objects as deep as it can: `{"a":{"a":...1}}`. */
function deepObjects(bytes: number): Buffer {
  const n = Math.floor((bytes - 1) / 6);
  return Buffer.from('{"a":'.repeat(n) + '1' + '}'.repeat(n) + ' '.repeat(bytes - 1 - 6 * n));
}

/**
 * JSON of exactly `bytes` bytes at the deepest nesting the server parses (MAX_JSON_DEPTH), the rest
 * one wide array of zeros: the largest structure a body within the limits builds.
 */
function wideAtDepthLimit(bytes: number): Buffer {
  const depth = MAX_JSON_DEPTH;
  const room = bytes - 2 * depth - 1;
  const zeros = Math.floor(room / 2);
  return Buffer.from(
    '['.repeat(depth) + '0,'.repeat(zeros) + '0' + ']'.repeat(depth) + ' '.repeat(room - 2 * zeros),
  );
}

interface StormFigures {
  before: number;
  peak: number;
  after: number;
  healthP99: number;
  healthSamples: number;
  answers: string;
  ms: number;
}

/**
 * STORM_PER_ROUTE bodies to the sign-in route and as many to the push route, all at once, each the
 * route's body limit in size, half `shapes[0]` and half `shapes[1]`.
 */
async function storm(
  server: ServerProcess,
  token: string,
  shapes: readonly ((bytes: number) => Buffer)[],
): Promise<StormFigures> {
  const loginLimit = findRoute('POST', AUTH_PATHS.login)?.bodyLimit ?? 1024 * 1024;
  const pushLimit = findRoute('POST', SYNC_PATHS.push)?.bodyLimit ?? 1024 * 1024;
  const bodies = (limit: number) => shapes.map((shape) => shape(limit));
  const loginBodies = bodies(loginLimit);
  const pushBodies = bodies(pushLimit);
  await sleep(500);
  const before = rssOf(server.pid);
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const health = probeHealth(server.url, finished);
  const peak = peakRss(server.pid, finished);
  await sleep(200);
  const started = performance.now();
  // No keep-alive: each body on a connection of its own, as many clients would send them.
  const answers = await Promise.all(
    Array.from({ length: STORM_PER_ROUTE }, (_, i) => [
      call(`${server.url}${AUTH_PATHS.login}`, { body: loginBodies[i % loginBodies.length]! }),
      call(`${server.url}${SYNC_PATHS.push}`, { body: pushBodies[i % pushBodies.length]!, token }),
    ]).flat(),
  );
  const ms = performance.now() - started;
  await sleep(200);
  finish();
  const [samples, highest] = await Promise.all([health, peak]);
  // What stays once the storm has passed (no forced GC: what a real server would keep).
  await sleep(2_000);
  return {
    before,
    peak: highest,
    after: rssOf(server.pid),
    healthP99: percentile(samples, 99),
    healthSamples: samples.length,
    answers: tally(answers),
    ms,
  };
}

function baseline(name: string, value: number, unit: string): BenchRow {
  return { name, value, unit, target: 'baseline', pass: null };
}

/** A figure shown for reading the others, with no target of its own. */
function info(name: string, value: number, unit: string): BenchRow {
  return { name, value, unit, target: '(info)', pass: null };
}

function stormRows(name: string, f: StormFigures): BenchRow[] {
  const growth = f.after - f.before;
  return [
    info(`${name}: RSS before`, f.before / MB, 'MB'),
    info(`${name}: RSS peak during, above before`, (f.peak - f.before) / MB, 'MB'),
    {
      name: `${name}: RSS growth (+2 s after)`,
      value: growth / MB,
      unit: 'MB',
      target: '<= +100',
      pass: growth <= 100 * MB,
    },
    {
      name: `${name}: /healthz p99 during (${f.healthSamples} requests)`,
      value: f.healthP99,
      unit: 'ms',
      target: '<= 100',
      pass: f.healthP99 <= 100,
    },
  ];
}

// --- the run -----------------------------------------------------------------------------------

const rows: BenchRow[] = [];
const record = (...measured: BenchRow[]) => {
  for (const r of measured) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}`);
  rows.push(...measured);
};

const began = performance.now();
// Other work on the machine shows in every latency here: the load says how much there was.
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average before: ${load()}`);
const server = await startServer();
console.log(
  `server ready at ${server.url} (pid ${server.pid}) in ${((performance.now() - began) / 1000).toFixed(1)} s`,
);
try {
  // Warm up: the routes' first calls compile their code paths.
  for (let i = 0; i < 20; i++) await call(`${server.url}/healthz`);
  const pair = await login(server.url, 'operator1', PASSWORD);
  if (pair.status !== 200) throw new Error(`sign-in: HTTP ${pair.status} ${pair.body.slice(0, 200)}`);
  const { accessToken } = JSON.parse(pair.body) as TokenPair;
  await sleep(1_000);

  // (c) baselines: the idle server, /healthz alone, sign-ins one after another.
  const idle = rssOf(server.pid);
  record(baseline('idle server RSS', idle / MB, 'MB'));
  const quiet = await probeHealth(server.url, sleep(3_000));
  await sleep(2_000);
  record(
    baseline(`/healthz p99, no storm (${quiet.length} requests)`, percentile(quiet, 99), 'ms'),
    baseline('RSS growth after 3 s of /healthz alone (+2 s)', (rssOf(server.pid) - idle) / MB, 'MB'),
  );
  const loginsStarted = performance.now();
  for (let i = 0; i < SEQUENTIAL_LOGINS; i++) {
    const res = await login(server.url, 'operator2', PASSWORD);
    if (res.status !== 200) throw new Error(`sign-in ${i + 1}: HTTP ${res.status} ${res.code}`);
  }
  const loginsMs = performance.now() - loginsStarted;
  record(baseline(`${SEQUENTIAL_LOGINS} sequential sign-ins (right password)`, loginsMs, 'ms'));

  // (a) the storm of the task: nesting arrays and objects as deep as the body limit allows. Twice:
  // growth that the second storm does not repeat is memory kept for reuse, not a leak.
  for (const round of ['deep storm', 'deep storm again']) {
    const deep = await storm(server, accessToken, [deepArrays, deepObjects]);
    console.log(
      `${round}: ${STORM_PER_ROUTE} bodies to ${AUTH_PATHS.login} and ${STORM_PER_ROUTE} to ${SYNC_PATHS.push} ` +
        `(each the route's body limit, half '[[[…', half '{"a":{"a":…'), answered in ${deep.ms.toFixed(0)} ms: ${deep.answers}`,
    );
    record(...stormRows(round, deep));
  }

  // (a, beyond the task) the same storm at the deepest nesting the server parses, then wide: a body
  // that passes the depth check, so the server parses it whole.
  const wide = await storm(server, accessToken, [wideAtDepthLimit]);
  console.log(
    `wide storm (${MAX_JSON_DEPTH} levels, then one wide array of zeros): answered in ${wide.ms.toFixed(0)} ms: ${wide.answers}`,
  );
  record(...stormRows('wide storm', wide));

  // (b) last: its failures close sign-in for this user for a minute. From an address of its own,
  // so the per-address limit counts these attempts alone.
  const metric = 'auth_password_checks_total';
  const checksBefore = await counter(server.url, metric);
  const guessStarted = performance.now();
  const guesses = await Promise.all(
    Array.from({ length: WRONG_PASSWORDS }, (_, i) =>
      login(server.url, 'operator3', `wrong-password-${i}`, { localAddress: '127.0.0.3' }),
    ),
  );
  const guessMs = performance.now() - guessStarted;
  const checksAfter = await counter(server.url, metric);
  const unauthorized = guesses.filter((g) => g.status === 401).length;
  console.log(
    `${WRONG_PASSWORDS} concurrent wrong passwords answered in ${guessMs.toFixed(0)} ms: ${tally(guesses)}`,
  );
  let evaluated: number;
  if (checksBefore !== null && checksAfter !== null) {
    evaluated = checksAfter - checksBefore;
    console.log(`password evaluations from ${metric}: ${evaluated}`);
  } else {
    evaluated = unauthorized;
    console.log(
      `the server exports no ${metric} yet: evaluations counted as 401 answers (${unauthorized}); ` +
        `429 (refused before the password was checked): ${guesses.filter((g) => g.status === 429).length}`,
    );
  }
  record(
    {
      name: `${WRONG_PASSWORDS} concurrent wrong passwords: passwords evaluated${checksAfter === null ? ' (401s)' : ''}`,
      value: evaluated,
      unit: 'checks',
      target: '<= 5',
      pass: evaluated <= 5,
    },
    info(`${WRONG_PASSWORDS} concurrent wrong passwords: time`, guessMs, 'ms'),
  );
} finally {
  printRows('Central server under hostile input (tsx src/server/main.ts, embedded PostgreSQL)', rows);
  console.log(`load average after: ${load()}`);
  await server.stop();
  console.log(`\nbench:hardening ran ${((performance.now() - began) / 1000).toFixed(0)} s`);
}
