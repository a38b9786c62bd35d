// ServerApi (core/serverApi.ts) over the signed-in user's access token: renewed once on a 401, as
// the sync rounds do; `online` is the sync engine's last word on the server.
import type { ServerApi, ServerOutcome } from '../core/serverApi';
import { joinUrl, requestJson, UnreachableError, type FetchFn } from '../core/http';
import type { Auth } from '../auth';
import type { SyncEngine } from './syncEngine';

export interface ServerApiOptions {
  serverUrl: string;
  auth: Pick<Auth, 'getAccessToken'>;
  engine: Pick<SyncEngine, 'status'>;
  fetch?: FetchFn;
  timeoutMs?: number;
}

export function createServerApi(o: ServerApiOptions): ServerApi {
  const fetchFn = o.fetch ?? fetch;
  const timeoutMs = o.timeoutMs ?? 5_000;
  const tokenOf = async (refresh: boolean): Promise<string | null | UnreachableError> => {
    try {
      return await o.auth.getAccessToken({ refresh });
    } catch (e) {
      if (e instanceof UnreachableError) return e;
      throw e;
    }
  };
  return {
    online: () => o.engine.status().online,
    async request(method, path, body): Promise<ServerOutcome> {
      const send = (token: string) =>
        requestJson(joinUrl(o.serverUrl, path), body ?? null, { fetch: fetchFn, token, timeoutMs, method });
      let token = await tokenOf(false);
      if (token instanceof UnreachableError) return { kind: 'unreachable', message: token.message };
      if (token === null) return { kind: 'signed_out' };
      const outcome = await send(token);
      if (outcome.kind !== 'client_error' || outcome.status !== 401) return outcome;
      token = await tokenOf(true);
      if (token instanceof UnreachableError) return { kind: 'unreachable', message: token.message };
      if (token === null) return { kind: 'signed_out' };
      return send(token);
    },
  };
}
