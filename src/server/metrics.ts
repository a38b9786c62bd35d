// Prometheus metrics, one registry per server instance (two instances may share a process in tests).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServerMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Sync outcomes per mutation; incremented by the sync routes. */
  syncMutations: Counter<'result'>;
  syncPulls: Counter<'status'>;
  /** Passwords run through scrypt at sign-in: the login throttle bounds this, whatever arrives. */
  passwordChecks: Counter<'result'>;
  /** Sign-ins answered 429, by the throttle bucket that held them back (auth/rateLimit.ts). */
  loginsThrottled: Counter<'bucket'>;
}

export function createMetrics(defaults = false): ServerMetrics {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request durations by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    syncMutations: new Counter({
      name: 'sync_mutations_total',
      help: 'Pushed mutations by outcome (applied, duplicate, rejected)',
      labelNames: ['result'],
      registers: [registry],
    }),
    syncPulls: new Counter({
      name: 'sync_pulls_total',
      help: 'Pull requests by outcome (ok, resync)',
      labelNames: ['status'],
      registers: [registry],
    }),
    passwordChecks: new Counter({
      name: 'auth_password_checks_total',
      help: 'Passwords checked at sign-in by outcome (match, mismatch)',
      labelNames: ['result'],
      registers: [registry],
    }),
    loginsThrottled: new Counter({
      name: 'auth_logins_throttled_total',
      help: 'Sign-ins refused with 429 by throttle bucket (pair, username, address)',
      labelNames: ['bucket'],
      registers: [registry],
    }),
  };
}
