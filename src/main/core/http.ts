// JSON over HTTP to the central server, with every way a request can fail named: the engine and
// sign-in decide from the kind whether to retry, refresh a token or give up.
import type { BackoffOptions } from '../../shared/backoff';
import { ApiError } from '../../shared/sync/auth';

export type FetchFn = typeof fetch;

export type HttpOutcome =
  | { kind: 'ok'; status: number; body: unknown }
  /** The server answered 4xx; `code`/`message` come from its ApiError body when it has one. */
  | {
      kind: 'client_error';
      status: number;
      code: string;
      message: string;
      /** The fields the server named (a 400's), when it did. */
      issues?: { path: string; code: string; message: string }[];
    }
  /** No answer a client can act on: no connection, a timeout, a 5xx, a body that is not JSON. */
  | { kind: 'unreachable'; message: string };

export interface PostOptions {
  fetch: FetchFn;
  token?: string | null;
  timeoutMs: number;
  method?: 'GET' | 'POST' | 'PUT';
}

export async function requestJson(url: string, body: unknown, o: PostOptions): Promise<HttpOutcome> {
  let response: Response;
  const method = o.method ?? 'POST';
  try {
    response = await o.fetch(url, {
      method,
      headers: {
        ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      },
      body: method !== 'GET' ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(o.timeoutMs),
    });
  } catch (e) {
    return { kind: 'unreachable', message: `The server cannot be reached (${describe(e)})` };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    return { kind: 'unreachable', message: `The connection broke during the answer (${describe(e)})` };
  }
  if (response.status >= 500)
    return { kind: 'unreachable', message: `The server failed (HTTP ${response.status})` };
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    return { kind: 'unreachable', message: `The server's answer is not JSON (HTTP ${response.status})` };
  }
  if (response.status >= 400) {
    const error = ApiError.safeParse(json);
    return {
      kind: 'client_error',
      status: response.status,
      code: error.success ? error.data.error.code : `http_${response.status}`,
      message: error.success
        ? error.data.error.message
        : `The server refused the request (HTTP ${response.status})`,
      ...(error.success && error.data.error.issues ? { issues: error.data.error.issues } : {}),
    };
  }
  return { kind: 'ok', status: response.status, body: json };
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as Error & { cause?: { code?: string } }).cause;
  if (e.name === 'TimeoutError') return 'timed out';
  return cause?.code ?? e.message;
}

export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;

/** Thrown by token providers when the server cannot be reached: the caller backs off and retries. */
export class UnreachableError extends Error {}

/**
 * How fast clients of the server retry (see backoffDelay in src/shared/backoff.ts). The cap bounds
 * the wait after the network heals: every outbox must drain within 5 s of it.
 */
export const DEFAULT_BACKOFF: BackoffOptions = { minMs: 500, maxMs: 4_000 };
