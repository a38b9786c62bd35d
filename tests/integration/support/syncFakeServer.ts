// An in-process central server for the workstation's sync tests: implements the wire protocol of
// src/shared/sync faithfully (exactly-once ledger by (device, seq) and mutationId, idempotent
// appeal creation by id, an append-only change log with a cursor, an epoch renewed by a restore)
// plus switches for faults: down (connections destroyed), 503s, answers lost after applying.
import { NEW_APPEAL_LIFECYCLE } from '../../../src/shared/domain/appeal';
import type { CallRecord } from '../../../src/shared/softphone/calls';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Appeal, Consultation } from '../../../src/shared/domain/appeal';
import { AUTH_PATHS, LoginRequest, RefreshRequest, type SessionUser } from '../../../src/shared/sync/auth';
import {
  PullRequest,
  PushRequest,
  SYNC_PATHS,
  type Change,
  type MutationResult,
} from '../../../src/shared/sync/protocol';

interface Account {
  password: string;
  disabled?: boolean;
  user: SessionUser;
}

interface State {
  epoch: string;
  ledger: Map<string, MutationResult>;
  appeals: Map<string, Appeal>;
  consultations: Map<string, Consultation>;
  calls: Map<string, CallRecord>;
  log: Change[];
  lastNumber: number;
}

const clone = (s: State): State => ({
  epoch: s.epoch,
  ledger: new Map(s.ledger),
  appeals: new Map([...s.appeals].map(([k, v]) => [k, structuredClone(v)])),
  consultations: new Map(s.consultations),
  calls: new Map(s.calls),
  log: [...s.log],
  lastNumber: s.lastNumber,
});

export interface FakeServer {
  url: string;
  state: State;
  accounts: Map<string, Account>;
  /** Connections are destroyed without an answer. */
  down: boolean;
  /** The next N sync requests answer 503. */
  failNext: number;
  /** The next N pushes are applied and committed, then the connection is cut before the answer. */
  loseAnswers: number;
  /** Delay before answering a push (after applying it), for kill-mid-push tests. */
  pushDelayMs: number;
  /** Every push is refused whole with this HTTP error (e.g. a server that checks roles per route). */
  refusePush: { status: number; code: string; message: string } | null;
  /** Push requests applied (whether or not their answer got out). */
  pushesApplied: number;
  /** How many times each appeal id was created (must never exceed 1). */
  creations: Map<string, number>;
  requests: { path: string; status: number }[];
  /** Every sign-in body received, in order (device id and key included). */
  logins: LoginRequest[];
  snapshot(): State;
  /** Restores an older backup: its data, and a new epoch. */
  restore(backup: State): void;
  /** A status change made on the server (later lifecycle work): a new version in the log. */
  changeStatus(id: string, status: Appeal['status']): void;
  close(): Promise<void>;
}

export async function startFakeServer(): Promise<FakeServer> {
  const tokens = new Map<string, { username: string; expiresAt: number }>();
  const refreshTokens = new Map<string, string>();
  const emptyState = (): State => ({
    epoch: randomUUID(),
    ledger: new Map(),
    appeals: new Map(),
    consultations: new Map(),
    calls: new Map(),
    log: [],
    lastNumber: 0,
  });

  const f: FakeServer = {
    url: '',
    state: emptyState(),
    accounts: new Map(),
    down: false,
    failNext: 0,
    loseAnswers: 0,
    pushDelayMs: 0,
    refusePush: null,
    pushesApplied: 0,
    creations: new Map(),
    requests: [],
    logins: [],
    snapshot: () => clone(f.state),
    restore(backup) {
      f.state = { ...clone(backup), epoch: randomUUID() };
    },
    changeStatus(id, status) {
      const appeal = f.state.appeals.get(id)!;
      const next = { ...appeal, status, version: appeal.version + 1, updatedAt: new Date().toISOString() };
      f.state.appeals.set(id, next);
      f.state.log.push({ kind: 'appeal', appeal: next });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function issue(username: string) {
    const account = f.accounts.get(username)!;
    const accessToken = randomUUID();
    const refreshToken = randomUUID();
    tokens.set(accessToken, { username, expiresAt: Date.now() + 60_000 });
    refreshTokens.set(refreshToken, username);
    return { accessToken, expiresIn: 60, refreshToken, user: account.user };
  }

  function authorised(req: IncomingMessage): boolean {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const entry = token ? tokens.get(token) : undefined;
    const account = entry ? f.accounts.get(entry.username) : undefined;
    return !!entry && entry.expiresAt > Date.now() && !!account && !account.disabled;
  }

  function push(body: PushRequest): { epoch: string; results: MutationResult[] } {
    const s = f.state;
    const results = body.mutations.map((m): MutationResult => {
      const earlier = s.ledger.get(`${body.deviceId}:${m.seq}`) ?? s.ledger.get(m.mutationId);
      if (earlier) return earlier.status === 'rejected' ? earlier : { ...earlier, status: 'duplicate' };
      let result: MutationResult;
      if (m.type === 'appeal.create') {
        const existing = s.appeals.get(m.entityId);
        if (existing) {
          result = {
            mutationId: m.mutationId,
            seq: m.seq,
            status: 'duplicate',
            officialNumber: existing.officialNumber,
          };
        } else if (m.payload.essence.includes('REJECT')) {
          result = {
            mutationId: m.mutationId,
            seq: m.seq,
            status: 'rejected',
            reason: { code: 'unknown_reference', message: 'The question type is retired on the server' },
          };
        } else {
          const officialNumber = `1551-2026-${String(++s.lastNumber).padStart(6, '0')}`;
          const appeal: Appeal = {
            ...m.payload,
            officialNumber,
            status: 'registered',
            result: null,
            version: 1,
            updatedAt: m.payload.createdAt,
            lifecycle: NEW_APPEAL_LIFECYCLE,
          };
          s.appeals.set(appeal.id, appeal);
          s.log.push({ kind: 'appeal', appeal });
          f.creations.set(appeal.id, (f.creations.get(appeal.id) ?? 0) + 1);
          result = { mutationId: m.mutationId, seq: m.seq, status: 'applied', officialNumber };
        }
      } else if (m.type === 'call.upsert') {
        s.calls.set(m.entityId, m.payload);
        result = { mutationId: m.mutationId, seq: m.seq, status: 'applied', officialNumber: null };
      } else if (m.type === 'consultation.create') {
        if (!s.consultations.has(m.entityId)) {
          s.consultations.set(m.entityId, m.payload);
          s.log.push({ kind: 'consultation', consultation: m.payload });
        }
        result = { mutationId: m.mutationId, seq: m.seq, status: 'applied', officialNumber: null };
      } else {
        // Lifecycle steps and amendments are the real server's (tests/integration/server).
        result = {
          mutationId: m.mutationId,
          seq: m.seq,
          status: 'rejected',
          reason: { code: 'invalid', message: 'The fake server does not take lifecycle changes' },
        };
      }
      s.ledger.set(`${body.deviceId}:${m.seq}`, result);
      s.ledger.set(m.mutationId, result);
      return result;
    });
    return { epoch: s.epoch, results };
  }

  function pull(body: ReturnType<typeof PullRequest.parse>) {
    const s = f.state;
    const position = body.cursor === null || body.cursor === '' ? 0 : Number(body.cursor);
    if ((body.epoch !== null && body.epoch !== s.epoch) || !(position <= s.log.length))
      return { status: 'resync', epoch: s.epoch, reason: 'The server database was restored' };
    const changes = s.log.slice(position, position + body.limit);
    const next = position + changes.length;
    return { status: 'ok', epoch: s.epoch, changes, cursor: String(next), hasMore: next < s.log.length };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = req.url ?? '';
    if (f.down) {
      req.socket.destroy();
      return;
    }
    const send = (status: number, body: unknown) => {
      f.requests.push({ path, status });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const error = (status: number, code: string, message: string) =>
      send(status, { error: { code, message } });
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString() || '{}');
    } catch {
      return error(400, 'invalid_json', 'The body is not JSON');
    }
    if (path === AUTH_PATHS.login) {
      const body = LoginRequest.parse(json);
      f.logins.push(body);
      const account = f.accounts.get(body.username);
      if (!account || account.password !== body.password)
        return error(401, 'unauthorized', 'Wrong credentials');
      if (account.disabled) return error(403, 'forbidden', 'The account is disabled');
      return send(200, issue(body.username));
    }
    if (path === AUTH_PATHS.refresh) {
      const { refreshToken } = RefreshRequest.parse(json);
      const username = refreshTokens.get(refreshToken);
      refreshTokens.delete(refreshToken);
      if (!username || f.accounts.get(username)?.disabled) return error(401, 'unauthorized', 'Session ended');
      return send(200, issue(username));
    }
    if (path === AUTH_PATHS.logout) return send(200, {});
    if (f.failNext > 0) {
      f.failNext--;
      return error(503, 'unavailable', 'Try later');
    }
    if (!authorised(req)) return error(401, 'unauthorized', 'Sign in first');
    if (path === SYNC_PATHS.push) {
      if (f.refusePush) return error(f.refusePush.status, f.refusePush.code, f.refusePush.message);
      const parsed = PushRequest.safeParse(json);
      if (!parsed.success) return error(400, 'invalid_input', parsed.error.message);
      const answer = push(parsed.data);
      f.pushesApplied++;
      if (f.pushDelayMs > 0) await new Promise((r) => setTimeout(r, f.pushDelayMs));
      if (f.loseAnswers > 0) {
        f.loseAnswers--;
        req.socket.destroy();
        return;
      }
      return send(200, answer);
    }
    if (path === SYNC_PATHS.pull) {
      const parsed = PullRequest.safeParse(json);
      if (!parsed.success) return error(400, 'invalid_input', parsed.error.message);
      return send(200, pull(parsed.data));
    }
    return error(404, 'not_found', path);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500).end(JSON.stringify({ error: { code: 'internal', message: String(e) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  f.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return f;
}

export function addAccount(f: FakeServer, username: string, password: string): SessionUser {
  const user: SessionUser = { id: randomUUID(), username, name: `User ${username}`, role: 'operator' };
  f.accounts.set(username, { password, user });
  return user;
}
