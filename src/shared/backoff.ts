// Retry delays after consecutive failures, for everything that tries again: main's sync engine,
// sign-in renewal, SIP credentials and live channel, the renderer's SIP transport and its web-host
// socket, and the server's retried transactions.
// The delay doubles from `minMs` up to `maxMs`; jitter spreads it so clients cut off together do
// not come back together.

export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  /**
   * `'full'` (the default): uniformly random up to the grown delay, never below `minMs` (AWS's
   * "full jitter", for many clients hitting one server). A number: the grown delay times a random
   * factor within ±that fraction, never above `maxMs` (a steady pace for one line). `'equal'`:
   * between half the grown delay and all of it (a local socket: prompt, yet not in lockstep).
   */
  jitter?: 'full' | 'equal' | number;
}

/** The delay before retry after `failures` consecutive failures (1-based). */
export function backoffDelay(failures: number, random: () => number, o: BackoffOptions): number {
  const grown = Math.min(o.maxMs, o.minMs * 2 ** Math.max(0, failures - 1));
  const jitter = o.jitter ?? 'full';
  if (jitter === 'full') return Math.max(o.minMs, Math.round(random() * grown));
  if (jitter === 'equal') return grown * (0.5 + random() / 2);
  return Math.round(Math.min(o.maxMs, grown * (1 - jitter + random() * 2 * jitter)));
}
