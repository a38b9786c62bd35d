// STUB of the central server's two PBX endpoints (SIP_PATHS.pbxHa1, SIP_PATHS.pbxRoute) for the
// PBX-only tests, so each test chooses the HA1s and the routing answers and sees what the PBX asked
// (pbxRealServer.test.ts and softphone*.test.ts use the real server). It keeps the documented
// contract: bearer token, HA1 as text/plain or 404, the chosen operator's username or 486.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SIP_PATHS } from '../../../src/shared/softphone/sipConfig';
import { freePort } from './ports';

export interface RouteRequest {
  to: string;
  from: string;
  callId: string;
  /** Operators the PBX already offered this call to (its `tried` parameter), in order. */
  tried: string[];
}

/** Who takes a hotline call: a username, null for 486, or a choice made per request. */
export type Routing = string | null | ((request: RouteRequest) => string | null);

export interface CentralServerStub {
  url: string;
  /** Gives `username` SIP credentials with this secret (the stub keeps only the HA1, like the server). */
  setSecret(username: string, secret: string): void;
  /** The operator the next hotline calls go to; null answers 486. */
  routeTo(routing: Routing): void;
  readonly ha1Requests: string[];
  readonly routeRequests: RouteRequest[];
  /** Requests that carried a wrong or no bearer token. */
  readonly unauthorized: number;
  close(): Promise<void>;
}

export const digestHa1 = (username: string, realm: string, secret: string): string =>
  createHash('md5').update(`${username}:${realm}:${secret}`).digest('hex');

export async function startCentralServerStub(options: {
  token: string;
  realm: string;
}): Promise<CentralServerStub> {
  const ha1ByUser = new Map<string, string>();
  let routing: Routing = null;
  const ha1Requests: string[] = [];
  const routeRequests: RouteRequest[] = [];
  let unauthorized = 0;

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
    if (url.pathname === SIP_PATHS.pbxHa1) {
      const username = url.searchParams.get('username') ?? '';
      ha1Requests.push(username);
      const ha1 = url.searchParams.get('realm') === options.realm ? ha1ByUser.get(username) : undefined;
      return ha1 ? reply(200, ha1) : reply(404);
    }
    if (url.pathname === SIP_PATHS.pbxRoute) {
      const tried = url.searchParams.get('tried');
      const routeRequest: RouteRequest = {
        to: url.searchParams.get('to') ?? '',
        from: url.searchParams.get('from') ?? '',
        callId: url.searchParams.get('callId') ?? '',
        tried: tried ? tried.split(',') : [],
      };
      routeRequests.push(routeRequest);
      const operator = typeof routing === 'function' ? routing(routeRequest) : routing;
      return operator ? reply(200, operator) : reply(486, 'no operator available');
    }
    return reply(404);
  });
  const port = await freePort();
  await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));

  return {
    url: `http://127.0.0.1:${port}`,
    setSecret: (username, secret) => ha1ByUser.set(username, digestHa1(username, options.realm, secret)),
    routeTo: (next) => {
      routing = next;
    },
    ha1Requests,
    routeRequests,
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
