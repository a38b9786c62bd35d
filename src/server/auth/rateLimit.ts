// Login throttle, kept in PostgreSQL (migration 040) so it holds across instances. The policy
// (also in README.md, "Central server"):
//
// - An attempt takes a slot in each of its buckets BEFORE its password is checked, under the rows'
//   locks, and a slot under way counts as a failure until the check ends. So however many attempts
//   arrive at once (on any instance), no more passwords are checked than the limits allow. An
//   attempt held back only by checks under way waits for them (a success frees its slot and
//   resets its buckets), so a burst of right passwords is slowed, not refused.
// - Per (username, source), strict: `perUser` (5) failures per window (60 s), then 429 until the
//   window ends. The source is the client address, or a known workstation: a device id sent with
//   its key, from which this user has signed in before. A known workstation is the real user's
//   own bucket, so an attacker at the same address (one NAT for a whole center) cannot lock them
//   out, and it is exempt from the two rules below.
// - Per username, from every other source together: after `perUser` failures, each further
//   attempt must wait 1 s, 2 s, 4 s … (at most `maxDelaySeconds`, 60 s) after the last failure;
//   a window without failures after the delay clears the count. A delay, never a lock-out.
// - Per address: `perIp` (100) failures per window on usernames that do not exist; past that, every
//   attempt from the address without a known workstation waits for the window, whatever the
//   username (so the answer does not tell which accounts exist). Wrong passwords of real accounts
//   do not count here: typos behind one NAT do not shut a center.
import { withTransaction, type Pool, type Queryable } from '../db/pool';
import {
  admit,
  countsIn,
  settle,
  type BucketState,
  type LoginLimits,
  type ThrottleBucket,
} from './throttlePolicy';

export type { LoginLimits } from './throttlePolicy';

export interface LoginAttempt {
  /** Lower-cased, as accounts are looked up. */
  username: string;
  address: string;
  /** The device id of a known workstation (devices.ts isKnownDevice); null for any other client. */
  knownDevice: string | null;
  /** Whether the username names an account: only attempts on missing ones count per address. */
  accountExists: boolean;
}

export type Admission = { kind: 'admitted' } | { kind: 'throttled'; retryAfter: number; by: ThrottleBucket };

interface Bucket {
  kind: ThrottleBucket;
  key: string;
}

// A source (an address or a UUID) never contains '|', so a key names one bucket only.
function bucketsOf(attempt: LoginAttempt): Bucket[] {
  const source = attempt.knownDevice ? `device:${attempt.knownDevice}` : `address:${attempt.address}`;
  const pair: Bucket = { kind: 'pair', key: `pair|${source}|${attempt.username}` };
  if (attempt.knownDevice) return [pair];
  return [
    pair,
    { kind: 'username', key: `username|${attempt.username}` },
    { kind: 'address', key: `address|${attempt.address}` },
  ];
}

const COLUMNS = `bucket, failures, pending,
  extract(epoch FROM window_start)::float8 AS window_start, extract(epoch FROM next_at)::float8 AS next_at,
  extract(epoch FROM pending_since)::float8 AS pending_since,
  extract(epoch FROM clock_timestamp())::float8 AS now`;

interface Row {
  bucket: string;
  failures: number;
  pending: number;
  window_start: number;
  next_at: number;
  pending_since: number;
  now: number;
}

const stateOf = (r: Row): BucketState => ({
  failures: r.failures,
  pending: r.pending,
  windowStart: r.window_start,
  nextAt: r.next_at,
  pendingSince: r.pending_since,
});

/**
 * Runs `decide` on the buckets' rows while holding their locks (missing rows are created; rows are
 * locked in key order, so two attempts never deadlock) and stores the states it returns.
 */
async function withBuckets<T>(
  pool: Pool,
  buckets: Bucket[],
  decide: (states: Map<string, BucketState>, now: number) => { result: T; store: Map<string, BucketState> },
): Promise<T> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<Row>(
      `INSERT INTO login_throttle AS t (bucket)
       SELECT b FROM unnest($1::text[]) AS b ORDER BY b
       ON CONFLICT (bucket) DO UPDATE SET failures = t.failures
       RETURNING ${COLUMNS}`,
      [buckets.map((b) => b.key)],
    );
    // The time once every lock is held: now() is when the transaction began, before it queued for
    // the locks, and would see another attempt's settle as lying in the future.
    const now = Math.max(...rows.map((r) => r.now));
    const { result, store } = decide(new Map(rows.map((r) => [r.bucket, stateOf(r)])), now);
    if (store.size > 0) {
      const list = [...store];
      await client.query(
        `UPDATE login_throttle AS t
            SET failures = v.failures, pending = v.pending, window_start = to_timestamp(v.window_start),
                next_at = to_timestamp(v.next_at), pending_since = to_timestamp(v.pending_since)
           FROM unnest($1::text[], $2::int[], $3::int[], $4::float8[], $5::float8[], $6::float8[])
                AS v(bucket, failures, pending, window_start, next_at, pending_since)
          WHERE t.bucket = v.bucket`,
        [
          list.map(([key]) => key),
          list.map(([, s]) => s.failures),
          list.map(([, s]) => s.pending),
          list.map(([, s]) => s.windowStart),
          list.map(([, s]) => s.nextAt),
          list.map(([, s]) => s.pendingSince),
        ],
      );
    }
    return result;
  });
}

type Decision = Admission | { kind: 'busy'; by: ThrottleBucket };

function decideAdmission(
  buckets: Bucket[],
  attempt: LoginAttempt,
  limits: LoginLimits,
  states: Map<string, BucketState>,
  now: number,
): { result: Decision; store: Map<string, BucketState> } {
  const verdicts = buckets.map((b) => ({
    bucket: b,
    ...admit(b.kind, states.get(b.key)!, now, limits, attempt.accountExists),
  }));
  let longest: { seconds: number; by: ThrottleBucket } | null = null;
  for (const { bucket, verdict } of verdicts) {
    if (verdict.kind === 'wait' && verdict.seconds > (longest?.seconds ?? 0)) {
      longest = { seconds: verdict.seconds, by: bucket.kind };
    }
  }
  const none = new Map<string, BucketState>();
  if (longest) {
    const retryAfter = Math.max(1, Math.ceil(longest.seconds));
    return { result: { kind: 'throttled', retryAfter, by: longest.by }, store: none };
  }
  const busy = verdicts.find((v) => v.verdict.kind === 'busy');
  if (busy) return { result: { kind: 'busy', by: busy.bucket.kind }, store: none };
  const store = new Map(verdicts.flatMap((v) => (v.taken ? [[v.bucket.key, v.taken] as const] : [])));
  return { result: { kind: 'admitted' }, store };
}

/**
 * How long an attempt waits for checks under way before it is answered 429 after all. Only a burst
 * of right passwords keeps a bucket busy that long (wrong ones fill it with failures within a
 * check's time), so this is about as long as a crowd of sign-ins may queue for their checks.
 */
const BUSY_WAIT_MS = 60_000;
// Waiters on this instance are woken when a check settles; this catches settles on other instances.
const POLL_MS = 1_000;

/** Attempts of this process waiting for a busy bucket, by bucket key, oldest first. */
const waiters = new Map<string, Array<() => void>>();

/** True when woken by a settle on this instance; false when the time ran out. */
function waitForSettle(key: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      const list = waiters.get(key) ?? [];
      const at = list.indexOf(wake);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) waiters.delete(key);
      resolve(false);
    }, ms);
    waiters.set(key, [...(waiters.get(key) ?? []), wake]);
  });
}

/** A success frees one slot: the oldest waiter takes it. A failure may fill the bucket: all learn it. */
function wakeWaiters(key: string, all: boolean): void {
  const list = waiters.get(key);
  if (!list) return;
  const woken = all ? list.splice(0) : list.splice(0, 1);
  if (list.length === 0) waiters.delete(key);
  for (const wake of woken) wake();
}

/**
 * Takes the attempt's slots if every bucket lets it through; otherwise takes nothing and says how
 * long to wait. Call before checking the password, then `settleLoginAttempt` whatever happens.
 */
export async function admitLoginAttempt(
  pool: Pool,
  attempt: LoginAttempt,
  limits: LoginLimits,
): Promise<Admission> {
  const buckets = bucketsOf(attempt);
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (;;) {
    const decision = await withBuckets(pool, buckets, (states, now) =>
      decideAdmission(buckets, attempt, limits, states, now),
    );
    if (decision.kind !== 'busy') return decision;
    const key = buckets.find((b) => b.kind === decision.by)!.key;
    // Waits until a settle here wakes it, or a look without locks finds the bucket free (a settle on
    // another instance): hundreds of waiters polling with locks would queue the settles behind them.
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { kind: 'throttled', retryAfter: 1, by: decision.by };
      // Jitter: waiters that timed out together do not all look together.
      if (await waitForSettle(key, Math.min(left, POLL_MS * (0.5 + Math.random())))) break;
      if ((await peek(pool, buckets, attempt, limits)) !== 'busy') break;
    }
  }
}

/** What the buckets say now, read without locks; a missing row says nothing yet. */
async function peek(
  pool: Pool,
  buckets: Bucket[],
  attempt: LoginAttempt,
  limits: LoginLimits,
): Promise<Decision['kind']> {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM login_throttle WHERE bucket = ANY($1)`, [
    buckets.map((b) => b.key),
  ]);
  if (rows.length < buckets.length) return 'admitted';
  const states = new Map(rows.map((r) => [r.bucket, stateOf(r)]));
  return decideAdmission(buckets, attempt, limits, states, rows[0]!.now).result.kind;
}

/** Ends an admitted attempt: a match resets its buckets, anything else counts as a failure. */
export async function settleLoginAttempt(
  pool: Pool,
  attempt: LoginAttempt,
  matched: boolean,
  limits: LoginLimits,
): Promise<void> {
  const buckets = bucketsOf(attempt).filter((b) => countsIn(b.kind, attempt.accountExists));
  await withBuckets(pool, buckets, (states, now) => {
    const store = new Map<string, BucketState>();
    for (const b of buckets) {
      const next = settle(b.kind, states.get(b.key)!, now, limits, attempt.accountExists, matched);
      if (next) store.set(b.key, next);
    }
    return { result: undefined, store };
  });
  for (const b of buckets) wakeWaiters(b.key, !matched);
}

/**
 * Deletes some rows that no longer hold anything back. Called after refused attempts, which are what
 * an attacker makes many of, so the table stays about the size of the last window's attempts.
 */
export async function pruneLoginThrottle(db: Queryable, limits: LoginLimits): Promise<void> {
  await db.query(
    `DELETE FROM login_throttle WHERE bucket IN (
       SELECT bucket FROM login_throttle
        WHERE greatest(window_start, next_at, pending_since) < now() - make_interval(secs => $1)
        LIMIT 100 FOR UPDATE SKIP LOCKED)`,
    [Math.max(limits.windowSeconds, 30)],
  );
}

/** The history of attempts whose password was checked (who, from where, whether it matched). */
export async function recordLoginAttempt(
  db: Queryable,
  username: string,
  ip: string,
  success: boolean,
): Promise<void> {
  await db.query('INSERT INTO login_attempts (username, ip, success) VALUES ($1, $2, $3)', [
    username,
    ip,
    success,
  ]);
}
