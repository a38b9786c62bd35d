// A live-socket client for the server tests: a real `ws` client against a listening server that
// records every message and the close code, and waits for the ones a test expects.
import WebSocket from 'ws';
import { LIVE_PATH, LiveServerMessage } from '../../../src/shared/softphone/live';

export interface LiveClient {
  socket: WebSocket;
  messages: LiveServerMessage[];
  send(message: unknown): void;
  sendRaw(data: string | Buffer): void;
  /** The first message (already received or still to come) after `after` that matches. */
  next<T extends LiveServerMessage['type']>(
    type: T,
    match?: (m: Extract<LiveServerMessage, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<LiveServerMessage, { type: T }>>;
  closed(timeoutMs?: number): Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

/** `autoPong: false` plays a workstation that hung: it never answers the server's pings. */
export async function openLive(baseUrl: string, { autoPong = true } = {}): Promise<LiveClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${LIVE_PATH}`, { autoPong });
  const messages: LiveServerMessage[] = [];
  const waiters = new Set<() => void>();
  let closeInfo: { code: number; reason: string } | null = null;
  socket.on('message', (data) => {
    // Every message the server sends must satisfy the shared contract.
    messages.push(LiveServerMessage.parse(JSON.parse(String(data))));
    for (const wake of waiters) wake();
  });
  socket.on('close', (code, reason) => {
    closeInfo = { code, reason: reason.toString() };
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let consumed = 0;

  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const wake = () => {
        const found = check();
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.slice(-5))}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(wake);
      };
      waiters.add(wake);
      wake();
    });

  return {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    sendRaw: (data) => socket.send(data),
    next: ((type: string, match: (m: LiveServerMessage) => boolean = () => true, timeoutMs = 5000) =>
      waitFor(
        () => {
          for (let i = consumed; i < messages.length; i++) {
            const m = messages[i]!;
            if (m.type === type && match(m)) {
              consumed = i + 1;
              return m;
            }
          }
          return undefined;
        },
        timeoutMs,
        type,
      )) as LiveClient['next'],
    closed: (timeoutMs = 5000) => waitFor(() => closeInfo ?? undefined, timeoutMs, 'close'),
    async close() {
      if (closeInfo) return;
      socket.close();
      await waitFor(() => closeInfo ?? undefined, 5000, 'close');
    },
  };
}
