// Server settings; `serverConfig` fills the defaults and reads the environment.
export interface ServerConfig {
  /** HMAC key for access tokens. Null: generated once and kept in the database, so instances share it. */
  tokenSecret: string | null;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Failed logins allowed per username and per client address within the window, across instances. */
  loginFailuresPerUser: number;
  loginFailuresPerIp: number;
  loginWindowSeconds: number;
  /** A bearer token that may read /metrics besides an admin; null: admins only. */
  metricsToken: string | null;
  bodyLimitBytes: number;
  /** The contact center's code in official numbers: `1551-2026-000123`. */
  centerCode: string;
}

export function serverConfig(overrides: Partial<ServerConfig> = {}, env = process.env): ServerConfig {
  return {
    tokenSecret: env['SERVER_TOKEN_SECRET'] || null,
    accessTtlSeconds: 600,
    refreshTtlSeconds: 30 * 24 * 3600,
    loginFailuresPerUser: 5,
    loginFailuresPerIp: 20,
    loginWindowSeconds: 60,
    metricsToken: env['METRICS_TOKEN'] || null,
    bodyLimitBytes: 4 * 1024 * 1024,
    centerCode: env['SERVER_CENTER_CODE'] || '1551',
    ...overrides,
  };
}
