// An in-memory `Api` for UI tests (and a throwaway browser harness): it validates inputs with the
// real contract schemas and applies the real domain rules (deadlines, repeat detection, the
// lifecycle and amendments, work lists), so the renderer meets the same answers and errors as from
// the workstation service.
import {
  addressLine,
  buildingKey,
  detectRepeat,
  toRepeatCandidate,
  toSummary,
  uuidv7,
  type Appeal,
  type CallScript,
  type Classifier,
  type Consultation,
  type Executor,
  type ExecutorDirectory,
} from '../../shared/domain';
import { fieldIssues } from '../../shared/domain/validation';
import {
  refusedFor,
  registeredAppeal,
  registrationIssues,
  repeatProbeOf,
} from '../../shared/domain/appealRegistration';
import { appealNumberOf } from '../../shared/domain/appealNumber';
import { formatProvisionalNumber } from '../../shared/domain/provisionalNumber';
import type { Api } from '../../shared/ipc/api';
import {
  channels,
  contract,
  type AppInfo,
  type Channel,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type ParsedInput,
  type Settings,
  type AuthSession,
  type PendingChange,
  type PendingChanges,
  type RejectedMutation,
  type SyncStatus,
} from '../../shared/ipc/contract';
import { fail, ok, type Result } from '../../shared/result';
import {
  callToLink,
  withLink,
  wrapUpAfterCall,
  type AgentState,
  type AgentStatus,
  type CallRecord,
  type CallReport,
  type LinkKind,
  type SoftphoneConfig,
} from '../../shared/softphone';
import type { Role } from '../../shared/sync/auth';
import type { ChangeRefusal } from '../../shared/sync/protocol';
import { appInfo, callbackScript, classifier, executors, script } from './fixtures';
import { fakeLifecycle, type FakeActor } from './fakeLifecycle';
import { fakeFloorHandlers, type FakeFloor, type FakeFloorOptions } from './fakeFloor';
import { fakeIncidentsHandlers, type FakeIncidents, type FakeIncidentsOptions } from './fakeIncidents';
import { fakeSuggestHandlers, type FakeSuggestOptions } from './fakeSuggest';

type Handler<C extends Channel> = (
  input: ParsedInput<C>,
) => Result<ChannelOutput<C>> | Promise<Result<ChannelOutput<C>>>;
export type FakeHandlers = { [C in Channel]: Handler<C> };

export interface FakeApiOptions {
  info?: AppInfo;
  settings?: Settings;
  classifier?: Classifier;
  executors?: ExecutorDirectory;
  script?: CallScript;
  /** The feedback operator's callback script (scripts:get { id: 'callback' }). */
  callbackScript?: CallScript;
  appeals?: Appeal[];
  consultations?: Consultation[];
  /** The center's today; appeals get it as their receipt date. */
  today?: string;
  /** This fake device's tag in provisional numbers (`P-<tag>-000001`); main derives it from the device id. */
  deviceTag?: string;
  overrides?: Partial<FakeHandlers>;
  /** A central server: sign-in required, sync state shown. Absent: the workstation works alone. */
  server?: FakeServerOptions;
  softphone?: FakeSoftphoneOptions;
  /** The lead's floor, the queue and the day's figures (issue 13). */
  floor?: FakeFloorOptions;
  /** Mass incidents (issue 14): near a building, the lead's list and actions, links. */
  incidents?: FakeIncidentsOptions;
  /** Category and executor suggestions (issue 14): what suggest:query answers. */
  suggest?: FakeSuggestOptions;
}

export interface FakeSoftphoneOptions {
  /** What softphone:config answers; default: not configured. */
  config?: SoftphoneConfig;
  agent?: AgentStatus;
}

export interface FakeServerOptions {
  /** username -> password the fake server accepts. */
  accounts?: Record<string, string>;
  /** Who each username is; absent: an operator named as the username. */
  users?: Record<string, { name?: string; role: Role; organisationId?: string }>;
  /** The server cannot be reached: sign-in falls back to `offlineVerifiers`. */
  reachable?: boolean;
  offlineVerifiers?: Record<string, string>;
  sync?: Partial<SyncStatus>;
  rejections?: RejectedMutation[];
  session?: AuthSession;
  /** The signed-in user's records not on the server yet (asked before signing out); default none. */
  pendingChanges?: PendingChanges;
  /** How long the server takes to decide a lifecycle change or amendment while online (default 0). */
  decisionDelayMs?: number;
}

export interface FakeApi {
  api: Api;
  calls: { channel: Channel; input: unknown }[];
  callsTo(channel: Channel): unknown[];
  appeals: Appeal[];
  consultations: Consultation[];
  settings: Settings;
  /** Call records as calls:save left them (latest version per id). */
  callRecords: CallRecord[];
  agent: AgentStatus;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** This workstation's lifecycle changes and amendments the server has not decided yet. */
  pending(): readonly PendingChange[];
  /** The server answers the oldest waiting change (offline fakes keep changes waiting). */
  settlePending(answer: { refusal: ChangeRefusal; message?: string } | 'accepted'): void;
  /** Another user changed the appeal: a new version, announced as sync would (unless told not to). */
  changeElsewhere(id: string, patch: Partial<Appeal>, options?: { announce?: boolean }): void;
  executors: Executor[];
  /** The floor as main holds it; `setOffline` makes the server unreachable for its channels. */
  floor: Pick<FakeFloor, 'agents' | 'setOffline'>;
  incidents: Omit<FakeIncidents, 'handlers'>;
}

export { toSummary };

function page<T>(items: T[], cursor: string | null, limit: number) {
  const start = cursor ? Number(cursor) : 0;
  const slice = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : null;
  return { items: slice, nextCursor: next };
}

export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const info = options.info ?? appInfo();
  const today = options.today ?? '2026-11-23';
  const cls = options.classifier ?? classifier();
  const dir = options.executors ?? executors();
  const scripts = [options.script ?? script(), options.callbackScript ?? callbackScript()];
  const deviceTag = options.deviceTag ?? '7K3M';
  const reference = {
    typeById: new Map(cls.types.map((t) => [t.id, t])),
    executorById: new Map(dir.executors.map((e) => [e.id, e])),
  };
  const state = {
    executors: dir.executors.map((e) => ({ ...e })),
    settings: options.settings ?? ({ locale: 'en', theme: 'light' } as Settings),
    appeals: [...(options.appeals ?? [])],
    consultations: [...(options.consultations ?? [])],
  };
  let seq = 0;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: { channel: Channel; input: unknown }[] = [];
  const emit = (event: string, payload: unknown) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const softphone = fakeSoftphoneHandlers(options.softphone ?? {}, emit, info.operatorId);
  const sync = fakeSyncHandlers(options.server ?? null, emit);
  // Who acts: the signed-in account with a server, the configured operator without one.
  const actor = (): FakeActor => {
    const user = sync.session().user;
    if (options.server && user)
      return { id: user.id, name: user.name, role: user.role, organisationId: user.organisationId ?? null };
    return { id: info.operatorId, name: info.operatorName, role: 'operator', organisationId: null };
  };
  const lifecycle = fakeLifecycle({
    info,
    today,
    appeals: () => state.appeals,
    executors: state.executors,
    actor,
    online: () => options.server !== undefined && (options.server.reachable ?? true),
    serverConfigured: () => options.server !== undefined,
    signedIn: () => sync.session().user !== null,
    decisionDelayMs: options.server?.decisionDelayMs ?? 0,
    emit,
  });

  const floor = fakeFloorHandlers(options.floor ?? {}, emit);
  const incidents = fakeIncidentsHandlers(
    { groupOf: (id) => reference.typeById.get(id)?.groupId ?? null, ...options.incidents },
    emit,
  );
  const base: FakeHandlers = {
    'app:info': () => ok(info),
    'settings:get': () => ok(state.settings),
    'settings:update': (patch) => {
      state.settings = { ...state.settings, ...patch };
      return ok(state.settings);
    },
    'appeals:create': (draft) => {
      // As main's service registers (src/main/appeals/appealsService.ts), from the same functions.
      const issues = registrationIssues(draft, {
        ruleSet: info.ruleSet,
        reference,
        appealExists: (id) => state.appeals.some((a) => a.id === id),
      });
      if (issues.length > 0) return refusedFor(issues);
      seq += 1;
      const repeat = detectRepeat(repeatProbeOf(draft), state.appeals.map(toRepeatCandidate));
      const appeal = registeredAppeal(draft, {
        id: uuidv7(),
        provisionalNumber: formatProvisionalNumber(deviceTag, seq),
        receivedOn: today,
        createdAt: new Date().toISOString(),
        operatorId: actor().id,
        repeatOf: draft.repeatOf ?? (repeat.kind === 'none' ? null : repeat.previous.id),
        term: reference.typeById.get(draft.categoryId)!.term,
        deadlines: { ruleSet: info.ruleSet, holidays: [] },
      });
      state.appeals.unshift(appeal);
      const callId = softphone.link('appeal', appeal.id);
      queueMicrotask(() => emit('appeals:created', { id: appeal.id, callId }));
      return ok(appeal);
    },
    'appeals:get': ({ id }) => {
      const found = state.appeals.find((a) => a.id === id);
      return found ? ok(found) : fail('not_found', `No appeal ${id}`);
    },
    'appeals:list': (q) => {
      const text = q.text.toLowerCase();
      // An executor organisation's workstation holds only the appeals assigned to it.
      const who = actor();
      const visible = state.appeals.filter(
        (a) => who.role !== 'executor' || a.executorId === who.organisationId,
      );
      // As main: a number the citizen reads out names its appeal, whatever the other filters say.
      const number = appealNumberOf(q.text);
      if (number !== null) {
        const named = (a: Appeal) =>
          number.kind === 'official'
            ? a.officialNumber === number.number
            : a.provisionalNumber === number.number;
        return ok({ items: visible.filter(named).map(toSummary), nextCursor: null });
      }
      const items = visible
        .filter(
          (a) =>
            !text ||
            `${a.essence} ${a.applicant.fullName} ${addressLine(a.applicant.address)}`
              .toLowerCase()
              .includes(text),
        )
        .filter((a) => q.statuses.length === 0 || q.statuses.includes(a.status))
        .filter((a) => !q.type || a.type === q.type)
        .filter((a) => !q.onlyOverdue || (a.status !== 'closed' && a.deadlineOn < today))
        .filter((a) => !q.onlyPriority || a.priority)
        .filter((a) => !q.phone || a.applicant.phones.includes(q.phone))
        .map(toSummary);
      return ok(page(items, q.cursor, q.limit));
    },
    'appeals:checkRepeat': (probe) => {
      const candidates = state.appeals.map(toRepeatCandidate);
      const verdict = detectRepeat(probe, candidates);
      if (verdict.kind === 'none') return ok({ kind: 'none' as const });
      const previous = state.appeals.find((a) => a.id === verdict.previous.id)!;
      return ok({ kind: verdict.kind, previous: toSummary(previous) });
    },
    'lookup:caller': ({ phone, limit }) =>
      ok({
        appeals: state.appeals
          .filter((a) => a.applicant.phones.includes(phone))
          .slice(0, limit)
          .map(toSummary),
        consultations: state.consultations.filter((c) => c.phone === phone).slice(0, limit),
      }),
    'lookup:building': ({ address, limit }) => {
      const key = buildingKey(address);
      return ok({
        openAppeals: state.appeals
          .filter((a) => a.status !== 'closed' && buildingKey(a.applicant.address) === key)
          .slice(0, limit)
          .map(toSummary),
      });
    },
    'consultations:create': (draft) => {
      const consultation: Consultation = {
        ...draft,
        id: uuidv7(),
        createdAt: new Date().toISOString(),
        operatorId: info.operatorId,
      };
      state.consultations.unshift(consultation);
      const callId = softphone.link('consultation', consultation.id);
      queueMicrotask(() => emit('consultations:created', { id: consultation.id, callId }));
      return ok(consultation);
    },
    'consultations:list': ({ limit, cursor }) => ok(page(state.consultations, cursor, limit)),
    'reference:classifier': () => ok(cls),
    'reference:executors': () => ok({ ...dir, executors: state.executors.map((e) => ({ ...e })) }),
    'scripts:get': ({ id }) => {
      const found = scripts.find((s) => s.id === id);
      return found ? ok(found) : fail('not_found', `No script ${id}`);
    },
    ...sync.handlers,
    ...softphone.handlers,
    ...lifecycle.handlers,
    ...floor.handlers,
    ...incidents.handlers,
    ...fakeSuggestHandlers(options.suggest ?? {}),
  };
  const handlers = { ...base, ...options.overrides } as FakeHandlers;

  const api: Record<string, unknown> = {
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  for (const channel of channels) {
    const [domain, verb] = channel.split(':') as [string, string];
    const group = (api[domain] ??= {}) as Record<string, unknown>;
    group[verb] = async (input: unknown) => {
      calls.push({ channel, input });
      const parsed = contract[channel].input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail('invalid_input', 'The request is not valid; see the fields.', fieldIssues(parsed.error));
      }
      const handler = handlers[channel] as (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
      return handler(parsed.data);
    };
  }

  return {
    api: api as unknown as Api,
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    get appeals() {
      return state.appeals;
    },
    get consultations() {
      return state.consultations;
    },
    get settings() {
      return state.settings;
    },
    get callRecords() {
      return softphone.records;
    },
    get agent() {
      return softphone.agent();
    },
    emit: (event, payload) => emit(event, payload),
    pending: lifecycle.pending,
    settlePending: lifecycle.settlePending,
    changeElsewhere: lifecycle.changeElsewhere,
    executors: state.executors,
    floor: { agents: floor.agents, setOffline: floor.setOffline },
    incidents,
  };
}

type SyncChannel =
  | 'sync:status'
  | 'sync:now'
  | 'sync:rejections'
  | 'auth:login'
  | 'auth:logout'
  | 'auth:session'
  | 'auth:pendingChanges';

function fakeSyncHandlers(
  server: FakeServerOptions | null,
  emit: (event: string, payload: unknown) => void,
): { handlers: Pick<FakeHandlers, SyncChannel>; session: () => AuthSession } {
  const status: SyncStatus = {
    configured: server !== null,
    online: server?.reachable ?? server !== null,
    offlineSince: null,
    waiting: 0,
    waitingForOthers: 0,
    rejected: server?.rejections?.length ?? 0,
    lastSyncAt: null,
    lastError: null,
    syncing: false,
    ...server?.sync,
  };
  let session: AuthSession = server?.session ?? {
    serverConfigured: server !== null,
    user: null,
    mode: null,
    message: null,
  };
  const userOf = (username: string) => {
    const known = server?.users?.[username];
    return {
      id: `u-${username}`,
      username,
      name: known?.name ?? username,
      role: known?.role ?? ('operator' as const),
      ...(known?.organisationId ? { organisationId: known.organisationId } : {}),
    };
  };
  // As main refuses a sign-in: the English message and its code (src/main/auth/authManager.ts).
  const refused = (code: string, message: string, path = 'password') =>
    fail('unauthorized', message, [{ path, code, message }]);
  const changed = (next: AuthSession) => {
    session = next;
    queueMicrotask(() => emit('auth:changed', next));
    return ok(next);
  };
  const handlers: Pick<FakeHandlers, SyncChannel> = {
    'sync:status': () => ok(status),
    'sync:now': () => ok(status),
    'sync:rejections': () => ok({ items: server?.rejections ?? [] }),
    'auth:session': () => ok(session),
    'auth:pendingChanges': () =>
      ok(
        session.user === null
          ? { appeals: 0, consultations: 0, calls: 0 }
          : (server?.pendingChanges ?? { appeals: 0, consultations: 0, calls: 0 }),
      ),
    'auth:logout': () =>
      changed({ serverConfigured: server !== null, user: null, mode: null, message: null }),
    'auth:login': ({ username, password }) => {
      if (server === null) return ok(session);
      if (server.reachable ?? true) {
        if (server.accounts?.[username] !== password)
          return refused('wrong_credentials', 'Wrong username or password');
        return changed({ serverConfigured: true, user: userOf(username), mode: 'online', message: null });
      }
      const verifier = server.offlineVerifiers?.[username];
      if (verifier === undefined)
        return refused(
          'offline_never_signed_in',
          `The server cannot be reached and "${username}" has never signed in`,
          'username',
        );
      if (verifier !== password)
        return refused('offline_wrong_password', 'Wrong password (checked on this workstation)');
      return changed({
        serverConfigured: true,
        user: userOf(username),
        mode: 'offline',
        message: 'Signed in offline',
      });
    },
  };
  return { handlers, session: () => session };
}

type SoftphoneChannel =
  'softphone:config' | 'calls:save' | 'calls:get' | 'calls:list' | 'agent:status' | 'agent:set';

/**
 * Main's side of the softphone channels: each save raises the stored version and keeps the links
 * main made (as src/main/calls/callRules.ts), what is registered during a call is linked to it by
 * the shared rule, and the agent state is echoed.
 */
function fakeSoftphoneHandlers(
  options: FakeSoftphoneOptions,
  emit: (event: string, payload: unknown) => void,
  operatorId: string,
) {
  const records: CallRecord[] = [];
  let agent: AgentStatus = options.agent ?? {
    state: { state: 'available' },
    since: '2026-11-23T08:00:00.000Z',
    published: true,
    wrapUpSeconds: 30,
  };
  const handlers: Pick<FakeHandlers, SoftphoneChannel> = {
    'softphone:config': () => ok(options.config ?? { configured: false, reason: 'Not signed in' }),
    'calls:save': (incoming) => {
      const record = store(incoming);
      if (latest === null || Date.parse(record.ringAt) >= Date.parse(latest.ringAt)) latest = record;
      return ok(record);
    },
    'calls:get': ({ id }) => {
      const found = records.find((r) => r.id === id);
      return found ? ok(found) : fail('not_found', `No call ${id}`);
    },
    'calls:list': ({ limit, cursor }) => ok(page(records, cursor, limit)),
    'agent:status': () => ok(agent),
    'agent:set': ({ state: requested }) => {
      // As main: a call's wrap-up lasts the configured length (an extension names its end).
      const state =
        requested.state === 'wrap_up' && requested.until === undefined
          ? wrapUpAfterCall(Date.now(), agent.wrapUpSeconds)
          : (requested as AgentState);
      agent = { ...agent, state, since: new Date().toISOString() };
      const next = agent;
      queueMicrotask(() => emit('agent:changed', next));
      return ok(next);
    },
  };
  let latest: CallRecord | null = null;
  function store(incoming: CallReport): CallRecord {
    const index = records.findIndex((r) => r.id === incoming.id);
    const stored = index >= 0 ? records[index]! : null;
    const union = (a: string[] = [], b: string[]) => [...new Set([...a, ...b])];
    const record: CallRecord = {
      ...incoming,
      operatorId: stored?.operatorId ?? operatorId,
      appealIds: union(stored?.appealIds, incoming.appealIds),
      consultationIds: union(stored?.consultationIds, incoming.consultationIds),
      version: (stored?.version ?? 0) + 1,
      updatedAt: new Date().toISOString(),
    };
    if (stored) records[index] = record;
    else records.unshift(record);
    queueMicrotask(() => emit('calls:saved', { id: record.id }));
    return record;
  }
  const link = (kind: LinkKind, id: string): string | null => {
    const call = callToLink(latest && records.find((r) => r.id === latest!.id)!, agent.state);
    const linked = call && withLink(call, kind, id);
    if (!call || !linked) return null;
    store(linked);
    return call.id;
  };
  return { handlers, records, agent: () => agent, link };
}
