// For the queue's integration tests: a fake PBX that behaves as the protocol says Kamailio does
// (a local HTTP server taking POST /queue/continue, suspended callers that ask the route again when
// resumed, 404 for a caller it does not hold), simulated operators whose workstation reports
// ringing, on the call and free again, and the queries of the PBX <-> server protocol.
import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reportAgentState } from '../../../src/server/agents/stateStore';
import { defaultLiveSettings, queueSettings, type QueueSettings } from '../../../src/server/config';
import { withTransaction, type Pool } from '../../../src/server/db/pool';
import type { AgentState } from '../../../src/shared/softphone/agent';
import { bearer, testServer } from '../server/serverHarness';

export const PBX_TOKEN = 'c'.repeat(64);
export const HOTLINE = '1551';

export const fastQueue = (overrides: Partial<QueueSettings> = {}): QueueSettings => ({
  ...queueSettings({}),
  sweepMs: 100,
  repushAfterMs: 300,
  snapshotThrottleMs: 200,
  ...overrides,
});

export async function queueServer(
  pool: Pool,
  queue: Partial<QueueSettings> = {},
  extra: Record<string, unknown> = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await testServer(pool, {
    pbxToken: PBX_TOKEN,
    live: { ...defaultLiveSettings, sweepMs: 200, heartbeatMs: 60_000 },
    queue: fastQueue(queue),
    ...extra,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

export type RouteOutcome = { status: number; body: string };

export interface FakeCaller {
  callId: string;
  from: string;
  tIndex: number;
  tLabel: number;
  /** Suspended (202), ringing an operator (200), or gone. */
  phase: 'asking' | 'suspended' | 'ringing' | 'answered' | 'gone';
  operator: string | null;
  answers: RouteOutcome[];
  tried: string[];
}

/** The PBX side of the protocol, against one or more server instances. */
export class FakePbx {
  readonly callers = new Map<string, FakeCaller>();
  readonly pushes: { at: number; tIndex: number; tLabel: number; status: number }[] = [];
  /** Pushes for these transactions answer with this status (404, 500) instead. */
  readonly override = new Map<string, number>();
  /** Drop (never answer) pushes while true: the push times out. */
  blackhole = false;
  /** Called when a caller is offered an operator (200). */
  onOffer: (caller: FakeCaller, operator: string) => void = () => undefined;
  private server: Server | null = null;
  private nextIndex = 1;
  private pending = new Set<Promise<unknown>>();
  ctl = '';
  resumeOnPush = true;

  constructor(
    /** The server instances the PBX asks (one at random each time). */
    readonly apps: FastifyInstance[],
    public boot = `boot-${Math.random().toString(36).slice(2, 12)}`,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://pbx');
      if (req.method !== 'POST' || url.pathname !== '/queue/continue') {
        res.writeHead(404).end();
        return;
      }
      if (req.headers.authorization !== `Bearer ${PBX_TOKEN}`) {
        res.writeHead(403).end();
        return;
      }
      const tIndex = Number(url.searchParams.get('tindex'));
      const tLabel = Number(url.searchParams.get('tlabel'));
      const key = `${tIndex}:${tLabel}`;
      if (this.blackhole) return; // never answered: the server's 1 s timeout
      const forced = this.override.get(key);
      const caller = [...this.callers.values()].find((c) => c.tIndex === tIndex && c.tLabel === tLabel);
      const status = forced ?? (caller && caller.phase === 'suspended' ? 200 : 404);
      this.pushes.push({ at: performance.now(), tIndex, tLabel, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
      if (status === 200 && caller && this.resumeOnPush) {
        caller.phase = 'asking';
        this.track(this.ask(caller));
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.ctl = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<unknown>) {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private app(): FastifyInstance {
    return this.apps[Math.floor(Math.random() * this.apps.length)]!;
  }

  /** A new caller rings the hotline; resolves with the first answer. */
  async call(callId: string, from = '+380441234567'): Promise<RouteOutcome> {
    const index = this.nextIndex++;
    const caller: FakeCaller = {
      callId,
      from,
      tIndex: index,
      tLabel: 1000 + index,
      phase: 'asking',
      operator: null,
      answers: [],
      tried: [],
    };
    this.callers.set(callId, caller);
    return this.ask(caller);
  }

  /** The PBX asks the route for this caller (new, resumed or hunting). */
  async ask(caller: FakeCaller): Promise<RouteOutcome> {
    const res = await this.app().inject({
      method: 'GET',
      url: routeUrl({
        callId: caller.callId,
        from: caller.from,
        boot: this.boot,
        ctl: this.ctl,
        tindex: String(caller.tIndex),
        tlabel: String(caller.tLabel),
        ...(caller.tried.length > 0 ? { tried: caller.tried.join(',') } : {}),
      }),
      headers: bearer(PBX_TOKEN),
    });
    const outcome = { status: res.statusCode, body: res.body };
    caller.answers.push(outcome);
    if (caller.phase === 'gone') return outcome;
    if (res.statusCode === 200) {
      caller.phase = 'ringing';
      caller.operator = res.body;
      this.onOffer(caller, res.body);
    } else if (res.statusCode === 202) caller.phase = 'suspended';
    else caller.phase = 'gone';
    return outcome;
  }

  /** The operator did not take it: the PBX hunts (tried). */
  async ringOut(callId: string): Promise<RouteOutcome> {
    const caller = this.callers.get(callId)!;
    caller.tried.push(caller.operator!);
    caller.operator = null;
    caller.phase = 'asking';
    return this.ask(caller);
  }

  async event(event: string, callId: string | null, operator?: string): Promise<number> {
    const params: Record<string, string> = { event, boot: this.boot };
    if (callId !== null) params['callId'] = callId;
    if (operator) params['operator'] = operator;
    const res = await this.app().inject({
      method: 'GET',
      url: `/api/v1/pbx/queue/event?${new URLSearchParams(params)}`,
      headers: bearer(PBX_TOKEN),
    });
    if (callId && event === 'answered') this.callers.get(callId)!.phase = 'answered';
    if (callId && event !== 'answered') this.callers.get(callId)!.phase = 'gone';
    return res.statusCode;
  }
}

export function routeUrl(params: Record<string, string>): string {
  return `/api/v1/pbx/route?${new URLSearchParams({ to: HOTLINE, ...params })}`;
}

/** Agents as a connected, registered workstation leaves them (`idleSeconds` in their state). */
export async function seedAgents(
  pool: Pool,
  usernames: readonly string[],
  state: AgentState['state'] = 'available',
  idleSeconds = (i: number) => 1000 - i,
): Promise<Map<string, string>> {
  await pool.query(
    `INSERT INTO users (username, name, role, password_hash)
     SELECT u, 'Queue test operator', 'operator', 'unusable' FROM unnest($1::text[]) AS u
     ON CONFLICT (username) DO NOTHING`,
    [usernames],
  );
  const ids = new Map<string, string>();
  for (const [i, username] of usernames.entries()) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO agents (user_id, state, since, connected, sip_registered, connection_id, connection_seen_at)
       SELECT id, $3::jsonb, now() - make_interval(secs => $2), true, true, gen_random_uuid(), now()
         FROM users WHERE username = $1
       ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state, since = EXCLUDED.since, connected = true,
         sip_registered = true, connection_seen_at = now(), reserved_call_id = NULL, reserved_until = NULL
       RETURNING user_id AS id`,
      [
        username,
        idleSeconds(i),
        JSON.stringify(state === 'on_call' ? { state, callId: `busy-${username}` } : { state }),
      ],
    );
    await pool.query(
      `INSERT INTO agent_state_history (user_id, state, started_at) VALUES ($1, $2, now())
       ON CONFLICT DO NOTHING`,
      [rows[0]!.id, state],
    );
    ids.set(username, rows[0]!.id);
  }
  return ids;
}

/** What the operator's workstation reports over the live channel. */
export async function report(pool: Pool, userId: string, state: AgentState): Promise<void> {
  await withTransaction(pool, (client) => reportAgentState(client, userId, state, true));
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function rowsOf(pool: Pool) {
  const { rows } = await pool.query<{
    id: string;
    sip_call_id: string;
    state: string;
    end_cause: string | null;
    operator: string | null;
    waited: number | null;
    offers: number;
    priority: number;
    priority_reason: string | null;
    caller_masked: string | null;
  }>(
    `SELECT q.id::text, q.sip_call_id, q.state, q.end_cause, u.username AS operator, q.offers, q.priority,
            q.priority_reason, q.caller_masked,
            extract(epoch FROM q.left_at - q.entered_at)::float AS waited
       FROM queue_calls q LEFT JOIN users u ON u.id = q.operator_id ORDER BY q.id`,
  );
  return rows;
}

export const rowOf = async (pool: Pool, callId: string) =>
  (await rowsOf(pool)).find((r) => r.sip_call_id === callId);
