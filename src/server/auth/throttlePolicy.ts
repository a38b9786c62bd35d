// The login throttle's arithmetic, without the database (rateLimit.ts stores the buckets and holds
// their locks; the policy itself is described there). Times are epoch seconds.
import { assertNever } from '../../shared/result';

export interface LoginLimits {
  /** Failures per (username, source) per window; also how many before a username is delayed. */
  perUser: number;
  /** Failures on usernames that do not exist per address per window. */
  perIp: number;
  windowSeconds: number;
  maxDelaySeconds: number;
}

export type ThrottleBucket = 'pair' | 'username' | 'address';

export interface BucketState {
  failures: number;
  windowStart: number;
  nextAt: number;
  pending: number;
  pendingSince: number;
}

/** `go`: the bucket lets the check run; `busy`: only checks under way fill it, their outcome decides. */
export type Verdict = { kind: 'go' } | { kind: 'busy' } | { kind: 'wait'; seconds: number };

// No password check takes this long; older pending slots belong to an instance that died mid-check.
const PENDING_STALE_SECONDS = 30;

/** A known device's pair counts every attempt; the address bucket only those on missing accounts. */
export const countsIn = (kind: ThrottleBucket, accountExists: boolean) =>
  kind !== 'address' || !accountExists;

function live(kind: ThrottleBucket, s: BucketState, now: number, limits: LoginLimits) {
  const window = limits.windowSeconds;
  const inWindow = kind === 'username' ? now < s.nextAt + window : now < s.windowStart + window;
  return {
    failures: inWindow ? s.failures : 0,
    pending: now - s.pendingSince < PENDING_STALE_SECONDS ? s.pending : 0,
  };
}

/** What a bucket says to one more attempt, and its state once the attempt takes a slot. */
export function admit(
  kind: ThrottleBucket,
  s: BucketState,
  now: number,
  limits: LoginLimits,
  accountExists: boolean,
): { verdict: Verdict; taken: BucketState | null } {
  const { failures, pending } = live(kind, s, now, limits);
  const counts = countsIn(kind, accountExists);
  const verdict = ((): Verdict => {
    switch (kind) {
      case 'pair':
      case 'address': {
        const limit = kind === 'pair' ? limits.perUser : limits.perIp;
        if (failures >= limit) return { kind: 'wait', seconds: s.windowStart + limits.windowSeconds - now };
        return counts && failures + pending >= limit ? { kind: 'busy' } : { kind: 'go' };
      }
      case 'username': {
        if (now < s.nextAt) return { kind: 'wait', seconds: s.nextAt - now };
        // Once delayed, one check at a time: its failure sets the next delay.
        const full = failures >= limits.perUser ? pending > 0 : failures + pending >= limits.perUser;
        return full ? { kind: 'busy' } : { kind: 'go' };
      }
      default:
        return assertNever(kind, 'throttle bucket');
    }
  })();
  const taken = verdict.kind === 'go' && counts ? { ...s, pending: pending + 1, pendingSince: now } : null;
  return { verdict, taken };
}

/** A bucket's state once an attempt's check has ended; null: the bucket did not count it. */
export function settle(
  kind: ThrottleBucket,
  s: BucketState,
  now: number,
  limits: LoginLimits,
  accountExists: boolean,
  matched: boolean,
): BucketState | null {
  if (!countsIn(kind, accountExists)) return null;
  const pending = Math.max(0, s.pending - 1);
  if (matched) return { ...s, pending, failures: 0, nextAt: now };
  const { failures } = live(kind, s, now, limits);
  if (kind === 'username') {
    const count = failures + 1;
    const delay =
      count < limits.perUser
        ? 0
        : Math.min(limits.maxDelaySeconds, 2 ** Math.min(count - limits.perUser, 30));
    return { ...s, pending, failures: count, nextAt: now + delay };
  }
  return { ...s, pending, failures: failures + 1, windowStart: failures === 0 ? now : s.windowStart };
}
