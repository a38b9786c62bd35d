// The central server's REST API as features see it: one authenticated request, its outcome named.
// The sync feature implements it with the signed-in user's token (src/main/sync/serverApi.ts);
// without a configured server features get null and say so.
import type { HttpOutcome } from './http';

export type ServerOutcome =
  | HttpOutcome
  /** Nobody is signed in (or the session ended): the server cannot be asked on anyone's behalf. */
  | { kind: 'signed_out' };

export interface ServerApi {
  request(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown): Promise<ServerOutcome>;
  /** Whether the last sync round reached the server: an online-only action is not tried without it. */
  online(): boolean;
}
