// An in-process central server for the workstation's sync tests: implements the wire protocol of
// src/shared/sync faithfully (exactly-once ledger by (device, seq) and mutationId, idempotent
// appeal creation by id, an append-only change log with a cursor, an epoch renewed by a restore)
// plus switches for faults: down (connections destroyed), 503s, answers lost after applying.
import { NEW_APPEAL_LIFECYCLE } from '../../../src/shared/domain/appeal';
import { applyAmendment } from '../../../src/shared/domain/amendment';
import type { HistoryEntry } from '../../../src/shared/domain/appealHistory';
import {
  applyToAppeal,
  DEFAULT_LIFECYCLE_POLICY,
  type LifecycleAction,
} from '../../../src/shared/domain/lifecycle';
import { localDateOf } from '../../../src/shared/domain/localDate';
import type { ExecutorContacts } from '../../../src/shared/domain/reference';
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
  type Mutation,
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
  /** A lifecycle step taken on the server by `username` (another workstation, the REST API). */
  act(id: string, action: LifecycleAction, username: string): void;
  /** The server takes the appeal away from executor accounts (forwarded elsewhere). */
  withdraw(id: string): void;
  /** Executor contacts as an admin set them (GET /api/v1/executors serves these). */
  contacts: Map<string, ExecutorContacts>;
  /** History entries served by GET /api/v1/appeals/:id/history. */
  history: Map<string, HistoryEntry[]>;
  /** Lifecycle steps and amendments applied, by appeal id (exactly once: never more than pushed). */
  changesApplied: Map<string, number>;
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
    act(id, action, username) {
      const appeal = f.state.appeals.get(id)!;
      const user = f.accounts.get(username)!.user;
      const decided = decide(appeal, action, user);
      if (!decided.ok) throw new Error(`The server refused ${action.kind}: ${decided.message}`);
      save(decided.appeal);
    },
    withdraw(id) {
      f.state.log.push({ kind: 'appeal_withdrawn', id });
    },
    contacts: new Map(),
    history: new Map(),
    changesApplied: new Map(),
    changeStatus(id, status) {
      const appeal = f.state.appeals.get(id)!;
      const next = { ...appeal, status, version: appeal.version + 1, updatedAt: new Date().toISOString() };
      f.state.appeals.set(id, next);
      f.state.log.push({ kind: 'appeal', appeal: next });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const decide = (appeal: Appeal, action: LifecycleAction, user: SessionUser) => {
    const now = new Date();
    return applyToAppeal(
      appeal,
      action,
      { role: user.role, organisationId: user.organisationId ?? null },
      { today: localDateOf(now, 'Europe/Kyiv'), now, policy: DEFAULT_LIFECYCLE_POLICY },
    );
  };
  /** A decided change: the next version, in the log for every pull. */
  const save = (appeal: Appeal) => {
    const next = { ...appeal, version: appeal.version + 1, updatedAt: new Date().toISOString() };
    f.state.appeals.set(next.id, next);
    f.state.log.push({ kind: 'appeal', appeal: next });
  };

  /** A lifecycle step or amendment pushed by `user`: decided like the server does, exactly once. */
  function applyChange(
    m: Extract<Mutation, { type: 'appeal.transition' | 'appeal.amend' }>,
    user: SessionUser,
  ): MutationResult {
    const answer = { mutationId: m.mutationId, seq: m.seq };
    const rejected = (
      code: 'conflict' | 'forbidden' | 'unknown_reference',
      refusal: string | undefined,
      message: string,
    ) =>
      ({
        ...answer,
        status: 'rejected',
        reason: { code, message, ...(refusal ? { refusal } : {}) },
      }) as MutationResult;
    const appeal = f.state.appeals.get(m.entityId);
    if (!appeal) return rejected('unknown_reference', undefined, 'No such appeal');
    if (m.payload.baseVersion !== appeal.version)
      return rejected('conflict', 'stale_version', 'The appeal changed since this change was made');
    const decided =
      m.type === 'appeal.transition'
        ? decide(appeal, m.payload.action, user)
        : applyAmendment(appeal, m.payload.amendment, { id: user.id, role: user.role }, new Date());
    if (!decided.ok)
      return rejected(decided.code === 'forbidden' ? 'forbidden' : 'conflict', decided.code, decided.message);
    save(decided.appeal);
    f.changesApplied.set(appeal.id, (f.changesApplied.get(appeal.id) ?? 0) + 1);
    return { ...answer, status: 'applied', officialNumber: null };
  }

  function issue(username: string) {
    const account = f.accounts.get(username)!;
    const accessToken = randomUUID();
    const refreshToken = randomUUID();
    tokens.set(accessToken, { username, expiresAt: Date.now() + 60_000 });
    refreshTokens.set(refreshToken, username);
    return { accessToken, expiresIn: 60, refreshToken, user: account.user };
  }

  /** The signed-in account of a request, or null. */
  function userOf(req: IncomingMessage): SessionUser | null {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const entry = token ? tokens.get(token) : undefined;
    const account = entry ? f.accounts.get(entry.username) : undefined;
    return !!entry && entry.expiresAt > Date.now() && !!account && !account.disabled ? account.user : null;
  }

  function push(body: PushRequest, user: SessionUser): { epoch: string; results: MutationResult[] } {
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
        result = applyChange(m, user);
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
    const user = userOf(req);
    if (!user) return error(401, 'unauthorized', 'Sign in first');
    if (path === '/api/v1/executors' && req.method === 'GET')
      return send(200, {
        executors: [...f.contacts].map(([id, c]) => ({ id, name: id, ...c, contactsUpdatedAt: null })),
      });
    const contactsOf = /^\/api\/v1\/executors\/([^/]+)\/contacts$/.exec(path);
    if (contactsOf && req.method === 'PUT') {
      if (user.role !== 'admin') return error(403, 'forbidden', 'Admins only');
      const contacts = json as ExecutorContacts;
      f.contacts.set(contactsOf[1]!, contacts);
      return send(200, { id: contactsOf[1], name: contactsOf[1], ...contacts, contactsUpdatedAt: null });
    }
    const historyOf = /^\/api\/v1\/appeals\/([^/]+)\/history$/.exec(path);
    if (historyOf && req.method === 'GET') {
      if (!f.state.appeals.has(historyOf[1]!)) return error(404, 'not_found', 'No such appeal');
      return send(200, { complete: true, entries: f.history.get(historyOf[1]!) ?? [] });
    }
    if (path === SYNC_PATHS.push) {
      if (f.refusePush) return error(f.refusePush.status, f.refusePush.code, f.refusePush.message);
      const parsed = PushRequest.safeParse(json);
      if (!parsed.success) return error(400, 'invalid_input', parsed.error.message);
      const answer = push(parsed.data, user);
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

export function addAccount(
  f: FakeServer,
  username: string,
  password: string,
  role: SessionUser['role'] = 'operator',
  organisationId: string | null = null,
): SessionUser {
  const user: SessionUser = {
    id: randomUUID(),
    username,
    name: `User ${username}`,
    role,
    ...(organisationId === null ? {} : { organisationId }),
  };
  f.accounts.set(username, { password, user });
  return user;
}
