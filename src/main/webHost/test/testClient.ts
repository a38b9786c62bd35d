// Test support only: a Node client of the web host's wire protocol, so tests speak to the host the
// way the browser page does (same URL, token and Origin), or deliberately do not.
import WebSocket from 'ws';
import { WEB_API_PATH } from '../../../shared/ipc/wire';
import type { Result } from '../../../shared/result';

export interface ApiClient {
  socket: WebSocket;
  call(channel: string, input?: unknown): Promise<Result<unknown>>;
  /** Sends raw text and resolves with the next message the host sends. */
  sendRaw(text: string | Buffer): Promise<unknown>;
  /** Every event received so far, in order. */
  events: { event: string; payload: unknown }[];
  nextEvent(): Promise<{ event: string; payload: unknown }>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  token: string;
  origin?: string | null;
  path?: string;
}

/** Opens the socket; rejects with the HTTP status when the host refuses the upgrade. */
export function connectApi(baseUrl: string, options: ConnectOptions): Promise<ApiClient> {
  const url = new URL(options.path ?? WEB_API_PATH, baseUrl.replace(/^http/, 'ws'));
  url.searchParams.set('token', options.token);
  const origin = options.origin === undefined ? new URL(baseUrl).origin : options.origin;
  const socket = new WebSocket(url, origin === null ? {} : { origin });

  const pending = new Map<number, (result: Result<unknown>) => void>();
  const events: { event: string; payload: unknown }[] = [];
  const eventWaiters: ((e: { event: string; payload: unknown }) => void)[] = [];
  const rawWaiters: ((message: unknown) => void)[] = [];
  let nextId = 1;

  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    const raw = rawWaiters.shift();
    if (raw) return raw(message);
    if (typeof message.id === 'number') {
      pending.get(message.id)?.(message.result as Result<unknown>);
      pending.delete(message.id);
      return;
    }
    const event = { event: String(message.event), payload: message.payload };
    const waiter = eventWaiters.shift();
    if (waiter) waiter(event);
    else events.push(event);
  });

  const client: ApiClient = {
    socket,
    events,
    call: (channel, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, channel, input: input ?? {} }));
      }),
    sendRaw: (text) =>
      new Promise((resolve) => {
        rawWaiters.push(resolve);
        socket.send(text);
      }),
    nextEvent: () => {
      const queued = events.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => eventWaiters.push(resolve));
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };

  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(client));
    socket.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      socket.terminate();
    });
    socket.on('error', reject);
  });
}
