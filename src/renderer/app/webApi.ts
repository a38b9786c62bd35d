// `window.api` for the renderer running in a plain browser: the same contract and Results as
// Electron IPC, over one WebSocket to the web host (src/shared/ipc/wire.ts). A call never hangs:
// when the socket goes away every unanswered call resolves to an `internal` error the operator can
// act on, and the client reconnects with capped exponential backoff and jitter.
import { z } from 'zod';
import { backoffDelay } from '../../shared/backoff';
import type { Api } from '../../shared/ipc/api';
import { channels, MAX_MESSAGE_BYTES, type Channel, type EventName } from '../../shared/ipc/contract';
import { WEB_API_PATH } from '../../shared/ipc/wire';
import { errorCodes, fail, type Result } from '../../shared/result';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** Connection state for the top bar; Electron's IPC is always `connected`. */
export interface Connection {
  getState(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** The subset of the browser WebSocket the client uses, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WebApiOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

export interface WebApiClient {
  api: Api;
  connection: Connection;
  /** Stops reconnecting and fails every pending call. */
  close(): void;
}

export const LOST_MESSAGE =
  'The connection to the workstation service was lost before it answered, so it is not known whether this ' +
  'was done. Wait until the connection indicator shows "connected", check the result (for example in the ' +
  'Appeals list), and try again if needed.';
export const UNREACHABLE_MESSAGE =
  'The workstation service cannot be reached, so nothing was sent. Wait until the connection indicator ' +
  'shows "connected" and try again.';

const OPEN = 1;

const IssueShape = z.object({ path: z.string(), code: z.string(), message: z.string() });
const ResultShape = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      issues: z.array(IssueShape).optional(),
    }),
  }),
]);
const ReplyShape = z.union([
  z.object({ id: z.number().int(), result: ResultShape }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);

/** `ws://host/api?token=...` from the page's own address; the token travels in the URL fragment. */
export function webApiUrl(location: Pick<Location, 'protocol' | 'host' | 'hash'>): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WEB_API_PATH}?token=${encodeURIComponent(token)}`;
}

interface Pending {
  resolve: (result: Result<unknown>) => void;
  sent: boolean;
  frame: string;
}

export function createWebApi(options: WebApiOptions): WebApiClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const initialDelay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const random = options.random ?? Math.random;

  let state: ConnectionState = 'connecting';
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const failPending = () => {
    for (const [id, call] of pending) {
      pending.delete(id);
      call.resolve(fail('internal', call.sent ? LOST_MESSAGE : UNREACHABLE_MESSAGE));
    }
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const reply = ReplyShape.safeParse(json);
    if (!reply.success) return;
    if ('id' in reply.data) {
      const call = pending.get(reply.data.id);
      if (!call) return;
      pending.delete(reply.data.id);
      call.resolve(reply.data.result as Result<unknown>);
      return;
    }
    for (const listener of eventListeners.get(reply.data.event) ?? []) {
      try {
        listener(reply.data.payload);
      } catch (error) {
        console.error('event listener failed', reply.data.event, error);
      }
    }
  };

  const connect = () => {
    timer = null;
    if (closed) return;
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('connected');
      for (const call of pending.values()) {
        if (call.sent) continue;
        call.sent = true;
        ws.send(call.frame);
      }
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending();
      if (closed) return;
      setState('reconnecting');
      attempt += 1;
      const delay = backoffDelay(attempt, random, { minMs: initialDelay, maxMs: maxDelay, jitter: 'equal' });
      timer = setTimeout(connect, delay);
    };
  };

  const call = (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    if (closed) return Promise.resolve(fail('internal', UNREACHABLE_MESSAGE));
    const id = nextId++;
    const frame = JSON.stringify({ id, channel, input: input ?? {} });
    if (new TextEncoder().encode(frame).length > MAX_MESSAGE_BYTES) {
      return Promise.resolve(
        fail(
          'too_large',
          `The request is larger than ${MAX_MESSAGE_BYTES / 1024} KB; shorten the text and try again.`,
        ),
      );
    }
    return new Promise((resolve) => {
      const entry: Pending = { resolve, sent: false, frame };
      pending.set(id, entry);
      if (socket && socket.readyState === OPEN) {
        entry.sent = true;
        socket.send(frame);
      }
    });
  };

  const api: Record<string, unknown> = {
    on(event: EventName, listener: (payload: unknown) => void) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener);
      eventListeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  for (const channel of channels) {
    const [domain, verb] = channel.split(':') as [string, string];
    const group = (api[domain] ??= {}) as Record<string, unknown>;
    group[verb] = (input?: unknown) => call(channel, input);
  }

  connect();

  return {
    // Built from the contract's channel list, so its shape is the `Api` type by construction.
    api: api as unknown as Api,
    connection: {
      getState: () => state,
      subscribe(listener) {
        stateListeners.add(listener);
        return () => stateListeners.delete(listener);
      },
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const ws = socket;
      socket = null;
      failPending();
      ws?.close();
    },
  };
}

/** Electron's preload API never loses its connection. */
export const alwaysConnected: Connection = {
  getState: () => 'connected',
  subscribe: () => () => undefined,
};
