// A loopback TCP proxy between workstations and the server that misbehaves on demand, the way
// networks in real centers do: refused connections, slow links, silent partitions, answers cut
// off half way. It also keeps raw copies of sync pushes so a test can deliver them again later
// (duplicated and reordered deliveries).
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type FaultMode = 'pass' | 'drop' | 'delay' | 'blackhole' | 'cut';

export const FAULT_MODES: readonly FaultMode[] = ['pass', 'drop', 'delay', 'blackhole', 'cut'];

export interface FaultProxy {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  mode(): FaultMode;
  /** delayMs applies to `delay`: each chunk, both ways, waits that long (order is kept). */
  setMode(mode: FaultMode, delayMs?: number): void;
  setTarget(port: number): void;
  /** Destroys every open connection (both sides). */
  resetAll(): void;
  /** Raw HTTP requests to `capturePath` seen so far (oldest first, at most `captureLimit`). */
  captured(): Buffer[];
  /** Called with each captured request as it arrives, before it is forwarded. */
  onCapture(listener: ((raw: Buffer) => void) | null): void;
  /** Sends a raw request straight to the target; resolves with the HTTP status (0: no answer). */
  replay(raw: Buffer, timeoutMs?: number): Promise<number>;
  stats(): { connections: number; dropped: number; cut: number };
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  targetPort: number;
  capturePath?: string;
  captureLimit?: number;
}

export async function startFaultProxy(o: FaultProxyOptions): Promise<FaultProxy> {
  let target = o.targetPort;
  let mode: FaultMode = 'pass';
  let delayMs = 0;
  const open = new Set<Socket>();
  const captures: Buffer[] = [];
  const stats = { connections: 0, dropped: 0, cut: 0 };
  const capturePath = o.capturePath ?? '/api/v1/sync/push';
  const captureLimit = o.captureLimit ?? 200;
  let listener: ((raw: Buffer) => void) | null = null;

  const track = (s: Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => undefined);
  };

  const server: Server = createServer((client) => {
    stats.connections++;
    track(client);
    if (mode === 'drop') {
      stats.dropped++;
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    track(upstream);
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', kill);
    upstream.on('close', kill);
    const parser = requestSplitter(capturePath, (raw) => {
      captures.push(raw);
      if (captures.length > captureLimit) captures.shift();
      listener?.(raw);
    });
    // Chunks go through one promise chain per direction so a delay never reorders bytes.
    let toServer = Promise.resolve();
    let toClient = Promise.resolve();
    const wait = () => (mode === 'delay' && delayMs > 0 ? sleep(delayMs) : Promise.resolve());
    client.on('data', (chunk: Buffer) => {
      parser(chunk);
      // A silent partition: the request goes nowhere and nothing ever comes back.
      if (mode === 'blackhole') return;
      toServer = toServer.then(wait).then(() => {
        if (!upstream.destroyed) upstream.write(chunk);
      });
    });
    upstream.on('data', (chunk: Buffer) => {
      if (mode === 'blackhole') return;
      if (mode === 'cut') {
        stats.cut++;
        client.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))), kill);
        return;
      }
      toClient = toClient.then(wait).then(() => {
        if (!client.destroyed) client.write(chunk);
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    mode: () => mode,
    setMode(next, ms = 0) {
      mode = next;
      delayMs = ms;
    },
    setTarget(next) {
      target = next;
    },
    resetAll() {
      for (const s of [...open]) s.resetAndDestroy();
    },
    captured: () => [...captures],
    onCapture(next) {
      listener = next;
    },
    replay: (raw, timeoutMs = 5_000) => replayRaw(target, raw, timeoutMs),
    stats: () => ({ ...stats }),
    close() {
      for (const s of [...open]) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Splits a client's byte stream into HTTP/1.1 requests (Content-Length bodies only, which is what
 * fetch sends for a string body) and hands over the raw bytes of those whose path matches.
 */
function requestSplitter(path: string, onRequest: (raw: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  let broken = false;
  return (chunk) => {
    if (broken) return;
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const end = pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = pending.subarray(0, end).toString('latin1');
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (/\r\ntransfer-encoding:/i.test(head)) {
        broken = true;
        return;
      }
      const total = end + 4 + (length ? Number(length[1]) : 0);
      if (pending.length < total) return;
      const raw = pending.subarray(0, total);
      pending = pending.subarray(total);
      if (head.startsWith(`POST ${path} `)) onRequest(Buffer.from(raw));
    }
  };
}

function replayRaw(port: number, raw: Buffer, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (status: number) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(0), timeoutMs);
    socket.on('error', () => done(0));
    socket.on('data', (c: Buffer) => {
      answer += c.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (status) done(Number(status[1]));
    });
    socket.on('connect', () => {
      // One request per connection: the replayed bytes may carry keep-alive, the close is ours.
      socket.write(raw);
    });
  });
}
