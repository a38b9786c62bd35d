// The web host: the workstation's services for a browser on the same machine. Static renderer over
// HTTP and `window.api` over one WebSocket per page, bound to loopback and guarded by a per-run
// token and the page's Origin, with the same dispatcher (validation, errors) as Electron IPC.
import { createServer, STATUS_CODES, type IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { pino, type Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Handlers } from '../../shared/ipc/api';
import { MAX_MESSAGE_BYTES, WEB_API_PATH, type WireReply } from '../../shared/ipc/wire';
import { fail } from '../../shared/result';
import { contentSecurityPolicy, SIP_CONNECT_SOURCES } from '../security/contentSecurityPolicy';
import { INDEX_FILE } from '../security/rendererFiles';
import { createDispatcher } from '../ipc/dispatch';
import { securityHeaders, sendText, serveRendererFile } from './staticFiles';
import { isWellFormedToken, newToken, tokenMatches } from './token';
import { readWireMessage, WIRE_ERROR_EVENT } from './wireMessage';

/** What the host needs of a workstation (src/main/workstation.ts provides it). */
export interface HostedWorkstation {
  handlers: Handlers;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

export interface WebHostOptions {
  /** 0 picks any free port. */
  port: number;
  /** Loopback only: the API holds citizens' personal data and has no login of its own. */
  host: '127.0.0.1';
  /** The built renderer (out/renderer), holding index.html. */
  rendererDir: string;
  workstation: HostedWorkstation;
  /** Defaults to 32 random bytes; pass one to reuse a URL across restarts. */
  token?: string;
  /** Extra CSP connect sources, e.g. a test PBX at `ws://127.0.0.1:8080`. */
  connectSrc?: readonly string[];
  logger?: Logger;
  validateOutput?: boolean;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** The URL to open: `url` with the token in its fragment. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

// The envelope around an input at the limit; larger inputs still get a `too_large` reply.
const ENVELOPE_BYTES = 16 * 1024;
const CLOSE_GRACE_MS = 500;

const isLoopback = (host: string) => /^127(?:\.\d{1,3}){3}$/.test(host);

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  socket.on('error', () => undefined);
  const reason = STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
  );
}

const rawText = (data: RawData): string =>
  (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  if (!isLoopback(options.host)) {
    throw new Error(`The web host binds to a loopback address only, not ${String(options.host)}`);
  }
  if (!existsSync(join(options.rendererDir, INDEX_FILE))) {
    throw new Error(
      `No ${INDEX_FILE} in ${options.rendererDir}: build the renderer first (npm run build:renderer)`,
    );
  }
  const token = options.token ?? newToken();
  if (!isWellFormedToken(token)) throw new Error('The token must be 22 to 128 URL-safe characters');
  // Checked before listening, so a bad source leaves no open port behind.
  contentSecurityPolicy({ connectSrc: options.connectSrc ?? [] });

  const logger = options.logger ?? pino({ name: 'web-host' });
  const dispatch = createDispatcher(options.workstation.handlers, {
    logger,
    ...(options.validateOutput === undefined ? {} : { validateOutput: options.validateOutput }),
  });

  const server = createServer();
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The web host did not get a TCP port');
  const port = address.port;
  const authority = `${options.host}:${port}`;
  const origin = `http://${authority}`;

  const csp = contentSecurityPolicy({
    connectSrc: [`ws://${authority}`, ...SIP_CONNECT_SOURCES, ...(options.connectSrc ?? [])],
  });
  const headers = securityHeaders(csp);

  // A page on another name that resolves to 127.0.0.1 (DNS rebinding) is not this host's page.
  const hostAllowed = (req: IncomingMessage) => req.headers.host === authority;

  server.on('request', (req, res) => {
    if (!hostAllowed(req)) {
      sendText(res, 421, `This host serves ${origin}/ only`, headers);
      return;
    }
    serveRendererFile(req, res, options.rendererDir, headers).catch((err: unknown) => {
      logger.error({ err }, 'static file failed');
      if (!res.headersSent) sendText(res, 500, 'Internal error', headers);
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES + ENVELOPE_BYTES });
  const connections = new Set<WebSocket>();
  let nextConnection = 1;

  const send = (ws: WebSocket, reply: WireReply) => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(reply);
    } catch (err) {
      logger.error({ err }, 'reply is not serialisable');
      if (!('id' in reply)) return;
      text = JSON.stringify({ id: reply.id, result: fail('internal', 'The reply could not be serialised') });
    }
    ws.send(text);
  };

  const onConnection = (ws: WebSocket) => {
    const senderId = `web-${nextConnection++}`;
    connections.add(ws);
    ws.on('close', () => connections.delete(ws));
    // Oversized frames and protocol errors end up here; ws closes that socket (1009, 1002).
    ws.on('error', (err: Error & { code?: string }) =>
      logger.warn({ senderId, code: err.code }, 'socket error'),
    );
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send(ws, {
          event: WIRE_ERROR_EVENT,
          payload: { code: 'invalid_input', message: 'Send calls as text' },
        });
        return;
      }
      const message = readWireMessage(rawText(data));
      if (message.kind === 'refused') {
        send(ws, message.reply);
        return;
      }
      const { id, channel, input } = message.request;
      dispatch(channel, input, { senderId })
        .then((result) => send(ws, { id, result }))
        .catch((err: unknown) => {
          logger.error({ err, channel, senderId }, 'dispatch failed');
          send(ws, { id, result: fail('internal', 'Internal error; the details are in the log') });
        });
    });
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== WEB_API_PATH) return refuseUpgrade(socket, 404, 'No such endpoint');
    if (!hostAllowed(req)) return refuseUpgrade(socket, 421, `This host serves ${origin}/ only`);
    if (req.headers.origin !== origin) {
      logger.warn({ origin: req.headers.origin ?? null }, 'refused a socket from a foreign origin');
      return refuseUpgrade(socket, 403, 'The API accepts connections from its own page only');
    }
    if (!tokenMatches(url.searchParams.get('token'), token)) {
      logger.warn('refused a socket with a wrong or missing token');
      return refuseUpgrade(socket, 401, 'Wrong or missing token: open the URL the host printed');
    }
    wss.handleUpgrade(req, socket, head, onConnection);
  });

  const unsubscribe = options.workstation.onEvent((event, payload) => {
    for (const ws of connections) send(ws, { event, payload });
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= new Promise<void>((resolveClose) => {
      unsubscribe();
      for (const ws of connections) ws.close(1001, 'The workstation is shutting down');
      const grace = setTimeout(() => {
        for (const ws of connections) ws.terminate();
        server.closeAllConnections();
      }, CLOSE_GRACE_MS);
      wss.close();
      server.close(() => {
        clearTimeout(grace);
        resolveClose();
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  return { url: `${origin}/`, openUrl: `${origin}/#token=${token}`, port, token, close };
}
