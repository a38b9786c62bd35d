// STUB of the central server's PBX endpoints (SIP_PATHS.pbxHa1, SIP_PATHS.pbxRoute and the queue's
// event endpoint, /tmp/notes/protocol.md -> src/server/pbx) for the PBX-only tests, so each test
// chooses the HA1s and the routing answers, wakes waiting callers when it likes, and sees what the
// PBX asked and told (pbxRealServer.test.ts and softphone*.test.ts use the real server). It keeps the
// documented contract: bearer token, HA1 as text/plain or 404; for a hotline call 200 <operator>,
// 202 <position> (wait: the PBX suspends the call until POST {ctl}/queue/continue), or 410 (busy).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SIP_PATHS } from '../../../src/shared/softphone/sipConfig';
import { freePort } from './ports';

/** GET ?callId=&boot=&event=[&operator=]: what happened to a queued call (answer 204). */
export const PBX_QUEUE_EVENT_PATH = '/api/v1/pbx/queue/event';

export interface RouteRequest {
  to: string;
  from: string;
  callId: string;
  /** Operators the PBX already offered this call to (its `tried` parameter), in order. */
  tried: string[];
  /** The PBX start's boot id, its control URL, and the INVITE transaction's id. */
  boot: string;
  ctl: string;
  tindex: string;
  tlabel: string;
  /** The PBX's own time of the INVITE (`arrived`, epoch ms; '' when absent). */
  arrived: string;
  /** Date.now() when the stub received it. */
  at: number;
}

export interface QueueEvent {
  event: 'answered' | 'abandoned' | 'timed_out' | 'boot' | string;
  callId: string | null;
  boot: string;
  operator: string | null;
  at: number;
}

/**
 * The answer to one routing question: an operator's username (200), `{ wait: position }` (202),
 * null (410 no_operator), `{ giveUp: reason }` (410), or any `{ status, body }`.
 */
export type RouteAnswer =
  | string
  | null
  | { wait: number }
  | { giveUp: 'timed_out' | 'full' | 'no_operator' }
  | { status: number; body?: string };
export type Routing = RouteAnswer | ((request: RouteRequest) => RouteAnswer);

export interface CentralServerStub {
  url: string;
  /** Gives `username` SIP credentials with this secret (the stub keeps only the HA1, like the server). */
  setSecret(username: string, secret: string): void;
  /** How the next hotline calls are answered; null answers 410 (the PBX says 486 to the caller). */
  routeTo(routing: Routing): void;
  /**
   * The server's push: POST {ctl}/queue/continue?tindex=&tlabel= for the call's last routing
   * question (its ctl and transaction), with the PBX token unless `token` says otherwise.
   */
  continueCall(callId: string, token?: string): Promise<{ status: number; body: string }>;
  /** Resolves with the first routing question matching `match` (already asked, or when it comes). */
  waitForRouteRequest(match: (request: RouteRequest) => boolean, timeoutMs?: number): Promise<RouteRequest>;
  /** Resolves with the first event matching `match` (already received, or when it comes). */
  waitForEvent(match: (event: QueueEvent) => boolean, timeoutMs?: number): Promise<QueueEvent>;
  readonly ha1Requests: string[];
  readonly routeRequests: RouteRequest[];
  readonly events: QueueEvent[];
  /** Requests that carried a wrong or no bearer token. */
  readonly unauthorized: number;
  close(): Promise<void>;
}

export const digestHa1 = (username: string, realm: string, secret: string): string =>
  createHash('md5').update(`${username}:${realm}:${secret}`).digest('hex');

function answerOf(answer: RouteAnswer): { status: number; body: string } {
  if (answer === null) return { status: 410, body: 'no_operator' };
  if (typeof answer === 'string') return { status: 200, body: answer };
  if ('wait' in answer) return { status: 202, body: String(answer.wait) };
  if ('giveUp' in answer) return { status: 410, body: answer.giveUp };
  return { status: answer.status, body: answer.body ?? '' };
}

export async function startCentralServerStub(options: {
  token: string;
  realm: string;
}): Promise<CentralServerStub> {
  const ha1ByUser = new Map<string, string>();
  let routing: Routing = null;
  const ha1Requests: string[] = [];
  const routeRequests: RouteRequest[] = [];
  const events: QueueEvent[] = [];
  let unauthorized = 0;
  const waiters = new Set<() => void>();
  const wakeWaiters = () => {
    for (const wake of [...waiters]) wake();
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const reply = (status: number, body = '') => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(body);
    };
    if (request.method !== 'GET') return reply(405);
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      unauthorized += 1;
      return reply(401);
    }
    const param = (name: string) => url.searchParams.get(name) ?? '';
    if (url.pathname === SIP_PATHS.pbxHa1) {
      const username = param('username');
      ha1Requests.push(username);
      const ha1 = param('realm') === options.realm ? ha1ByUser.get(username) : undefined;
      return ha1 ? reply(200, ha1) : reply(404);
    }
    if (url.pathname === SIP_PATHS.pbxRoute) {
      const tried = param('tried');
      const routeRequest: RouteRequest = {
        to: param('to'),
        from: param('from'),
        callId: param('callId'),
        tried: tried ? tried.split(',') : [],
        boot: param('boot'),
        ctl: param('ctl'),
        tindex: param('tindex'),
        tlabel: param('tlabel'),
        arrived: param('arrived'),
        at: Date.now(),
      };
      routeRequests.push(routeRequest);
      wakeWaiters();
      const answer = answerOf(typeof routing === 'function' ? routing(routeRequest) : routing);
      return reply(answer.status, answer.body);
    }
    if (url.pathname === PBX_QUEUE_EVENT_PATH) {
      const event = param('event');
      if (!/^(answered|abandoned|timed_out|boot)$/.test(event) || !param('boot')) return reply(400);
      events.push({
        event,
        callId: url.searchParams.get('callId'),
        boot: param('boot'),
        operator: url.searchParams.get('operator'),
        at: Date.now(),
      });
      wakeWaiters();
      return reply(204);
    }
    return reply(404);
  });
  const port = await freePort();
  await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));

  const waitFor = <T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise<T>((resolveFound, rejectFound) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolveFound(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        rejectFound(new Error(`central server stub: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    url: `http://127.0.0.1:${port}`,
    setSecret: (username, secret) => ha1ByUser.set(username, digestHa1(username, options.realm, secret)),
    routeTo: (next) => {
      routing = next;
    },
    continueCall: async (callId, token = options.token) => {
      const last = routeRequests.findLast((r) => r.callId === callId);
      if (!last) throw new Error('central server stub: continueCall for a call the PBX never asked about');
      const response = await fetch(`${last.ctl}/queue/continue?tindex=${last.tindex}&tlabel=${last.tlabel}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5_000),
      });
      return { status: response.status, body: await response.text() };
    },
    waitForRouteRequest: (match, timeoutMs = 10_000) =>
      waitFor(() => routeRequests.find(match), timeoutMs, 'matching routing question'),
    waitForEvent: (match, timeoutMs = 10_000) =>
      waitFor(() => events.find(match), timeoutMs, 'matching queue event'),
    ha1Requests,
    routeRequests,
    events,
    get unauthorized() {
      return unauthorized;
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
