import type { ServerConfig } from './config';
import type { Pool } from './db/pool';

/** What route plugins share: all state lives in PostgreSQL, so this holds no per-request data. */
export interface AppContext {
  pool: Pool;
  config: ServerConfig;
  tokenSecret(): Promise<string>;
}
