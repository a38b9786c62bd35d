// One generated request to the central server, sent in process (app.inject) or over a real socket,
// and the expectations every answer must meet: an answer within the bound, never a 5xx, an ApiError
// body on every JSON error, 401/403 for who may not call the route, a 4xx for what the route's own
// schema refuses, and whatever the case adds.
import type { FastifyInstance } from 'fastify';
import { request as httpRequest, type Agent } from 'node:http';
import { ApiError } from '../../../src/shared/sync/auth';
import type { Recorder } from './recorder';
import { show, statusClass } from './recorder';
import { timed } from './recorder';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What the route's schema says of the input, when the tier can tell. */
export type Verdict = 'accepts' | 'rejects' | 'unknown';

export interface HttpCase {
  /** `POST /api/v1/sync/push`: the route as the table names it. */
  target: string;
  label: string;
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** The statuses the caller's identity forces (401 without a sign-in, 403 for another role). */
  expectStatus?: readonly number[];
  /** What the route's schema makes of the input (checked only when the caller is let through). */
  verdict: Verdict;
  /** Route-specific expectations: a problem, or null. */
  check?: (answer: Answer) => string | null;
}

export type Transport = 'inject' | 'http';

export async function sendInject(app: FastifyInstance, c: HttpCase): Promise<Answer> {
  const res = await app.inject({
    method: c.method,
    url: c.url,
    headers: c.headers,
    ...(c.payload === undefined ? {} : { payload: c.payload }),
  });
  const headers = Object.fromEntries(
    Object.entries(res.headers).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]),
  );
  return { status: res.statusCode, headers, body: res.body };
}

/**
 * Over a real socket. A keep-alive socket the server closed after its previous answer fails the
 * next request on it (ECONNRESET): as Node's documentation advises, that one is sent again on a
 * fresh connection.
 */
export function sendHttp(baseUrl: string, agent: Agent | false, c: HttpCase): Promise<Answer> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method: c.method,
        path: c.url,
        agent,
        headers: {
          ...c.headers,
          ...(c.payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(c.payload)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (err: Error & { code?: string }) => {
      if (req.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
        sendHttp(baseUrl, false, c).then(resolve, reject);
      } else reject(err);
    });
    if (c.payload !== undefined) req.write(c.payload);
    req.end();
  });
}

const isJson = (a: Answer) => String(a.headers['content-type'] ?? '').includes('application/json');

/** Checks one answer; every broken expectation goes to the recorder. */
export function judge(c: HttpCase, a: Answer, recorder: Recorder, serverError?: string): void {
  const input = `${c.method} ${show(c.url, 200)} ${c.payload === undefined ? '' : show(String(c.payload), 300)}`;
  const fail = (problem: string) =>
    recorder.fail({
      target: c.target,
      label: c.label,
      problem,
      got: String(a.status),
      input,
      ...(serverError ? { serverError } : {}),
    });
  if (a.status >= 500) {
    fail('5xx');
    return;
  }
  // Node's HTTP parser refuses what it cannot read (an oversize head: 431) before Fastify sees it.
  if (a.headers['x-request-id'] === undefined && [400, 413, 414, 431].includes(a.status)) return;
  if (a.status >= 400 && isJson(a)) {
    let body: unknown;
    try {
      body = JSON.parse(a.body);
    } catch {
      body = null;
    }
    if (!ApiError.safeParse(body).success) fail('error answer is not an ApiError body');
  }
  if (c.expectStatus) {
    if (!c.expectStatus.includes(a.status)) fail(`expected ${c.expectStatus.join(' or ')}`);
    return;
  }
  if (c.verdict === 'rejects' && (a.status < 400 || a.status >= 500))
    fail('schema refuses the input, answer is not 4xx');
  const problem = c.check?.(a);
  if (problem) fail(problem);
}

/** Sends, times and judges one case. Returns the answer, or null after a hang or a crash. */
export async function runHttpCase(
  c: HttpCase,
  recorder: Recorder,
  send: (c: HttpCase) => Promise<Answer>,
  errorFor: (requestId: string | undefined) => string | undefined,
): Promise<Answer | null> {
  const result = await timed(() => send(c));
  const input = `${c.method} ${show(c.url, 200)} ${c.payload === undefined ? '' : show(String(c.payload), 300)}`;
  if (result.kind !== 'answer') {
    recorder.record(result.kind, result.ms);
    recorder.fail({
      target: c.target,
      label: c.label,
      problem: result.kind === 'hang' ? 'no answer within the bound' : 'connection failed',
      got: result.kind === 'crash' ? result.error.message : 'nothing',
      input,
    });
    return null;
  }
  const answer = result.value;
  recorder.record(statusClass(answer.status), result.ms);
  const id = answer.headers['x-request-id'];
  judge(
    c,
    answer,
    recorder,
    answer.status >= 500 ? errorFor(typeof id === 'string' ? id : undefined) : undefined,
  );
  return answer;
}
