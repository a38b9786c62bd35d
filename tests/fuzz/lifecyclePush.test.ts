// Lifecycle steps and amendments pushed by every role at appeals in every state, on current and
// stale versions, some with a hostile value at any path of the payload or one of the named
// poisons below. The shared rules (lifecycle.ts, amendment.ts) are the oracle: for each push the
// server must answer what they decide on the stored appeal (applied, or rejected with the mapped
// code and refusal), raise the version and write one history row exactly when it applied, keep
// the appeal as decided, and answer a re-push the same way without changing anything.
import fc from 'fast-check';
import type { AppealAmendment } from '../../src/shared/domain/amendment';
import { applyAmendment } from '../../src/shared/domain/amendment';
import type { Appeal } from '../../src/shared/domain/appeal';
import { uuidv7 } from '../../src/shared/domain/ids';
import {
  applyToAppeal,
  DEFAULT_LIFECYCLE_POLICY,
  lifecycleActionKinds,
  lifecycleStateOf,
  mayAct,
  type LifecycleAction,
} from '../../src/shared/domain/lifecycle';
import { addDays, localDateOf } from '../../src/shared/domain/localDate';
import type { Role } from '../../src/shared/sync/auth';
import {
  Mutation,
  MUTATION_ROLES,
  PushResponse,
  type ChangeRefusal,
  type MutationResult,
} from '../../src/shared/sync/protocol';
import { APPEAL_COLUMNS, appealFromRow, type AppealRow } from '../../src/server/appeals/repository';
import { appealPayload } from '../integration/support/testDatabase';
import { bearer, TEST_ORGANISATIONS } from '../integration/server/serverHarness';
import { startFuzzServer, type FuzzServer } from './support/fuzzServer';
import { hostileValues, HUGE, type Tagged } from './support/hostile';
import { refusedWhole } from './support/mutations';
import { Recorder, show, statusClass, timed } from './support/recorder';
import { pathsOf, pathText, setAt } from './support/schemaArbitrary';
import { scaled, seedFor } from './support/settings';

const recorder = new Recorder('lifecycle-push');
let server: FuzzServer;
/** Every executor id of the server's directory. */
let directory: Set<string>;
const seqs = new Map<string, number>();
const nextSeq = (deviceId: string) => {
  const n = (seqs.get(deviceId) ?? 0) + 1;
  seqs.set(deviceId, n);
  return n;
};

beforeAll(async () => {
  server = await startFuzzServer();
  const { rows } = await server.db.pool.query<{ id: string }>('SELECT id FROM executors');
  directory = new Set(rows.map((r) => r.id));
});
afterAll(async () => {
  recorder.flush();
  await server?.close();
});

const TARGET = 'POST /api/v1/sync/push (lifecycle)';
const ACTORS: readonly Role[] = [
  'analyst',
  'analyst',
  'executor',
  'executor',
  'feedback',
  'team_lead',
  'admin',
  'operator',
];
const CATEGORIES = ['t-f4457149', 't-cfc53634', 't-nobody'];
const RESULTS = ['done', 'explained', 'refused', 'needs_funding', 'planned', 'done_by_applicant'] as const;
const OUTCOMES = ['confirmed', 'not_solved', 'no_answer', 'wrong_number'] as const;

type Draft = Record<string, unknown> & { payload: unknown };

/** The rejection code each refusal is answered with (protocol.ts rejectionCodes), as specified. */
const REFUSAL_CODES: Record<ChangeRefusal, string> = {
  forbidden: 'forbidden',
  wrong_organisation: 'forbidden',
  not_allowed_now: 'conflict',
  same_executor: 'conflict',
  stale_version: 'conflict',
  reason_required: 'invalid',
  deadline_out_of_range: 'invalid',
  closed: 'invalid',
  already_assigned: 'invalid',
  too_many_phones: 'invalid',
};

/** Poisons of these payloads by name: each must be rejected with a reason. */
const namedPoisons: Record<string, (m: Draft) => Draft> = {
  'base-version-0': (m) => ({ ...m, payload: setAt(m.payload, ['baseVersion'], 0) }),
  'base-version-2^31': (m) => ({ ...m, payload: setAt(m.payload, ['baseVersion'], 2 ** 31) }),
  'base-version-text': (m) => ({ ...m, payload: setAt(m.payload, ['baseVersion'], '1') }),
  'base-version-missing': (m) => ({ ...m, payload: setAt(m.payload, ['baseVersion'], undefined, true) }),
  'entity-id-not-uuid': (m) => ({ ...m, entityId: 'not-a-uuid' }),
  'entity-id-unknown': (m) => ({ ...m, entityId: uuidv7() }),
  'extra-payload-field': (m) => ({ ...m, payload: { ...(m.payload as object), id: m['entityId'] } }),
  'action-kind-unknown': (m) => ({
    ...m,
    type: 'appeal.transition',
    payload: { action: { kind: 'close' }, baseVersion: 1 },
  }),
  'assign-executor-nul': (m) => ({
    ...m,
    type: 'appeal.transition',
    payload: { action: { kind: 'assign', executorId: 'e-\u0000' }, baseVersion: 1 },
  }),
  'answer-text-100k': (m) => ({
    ...m,
    type: 'appeal.transition',
    payload: { action: { kind: 'answer', result: 'done', text: 'x'.repeat(HUGE) }, baseVersion: 1 },
  }),
  'extend-not-told': (m) => ({
    ...m,
    type: 'appeal.transition',
    payload: {
      action: { kind: 'extend', deadlineOn: '2030-01-01', reason: 'x', citizenToBeTold: false },
      baseVersion: 1,
    },
  }),
  'extend-13-45': (m) => ({
    ...m,
    type: 'appeal.transition',
    payload: {
      action: { kind: 'extend', deadlineOn: '2026-13-45', reason: 'x', citizenToBeTold: true },
      baseVersion: 1,
    },
  }),
  'amend-nothing': (m) => ({ ...m, type: 'appeal.amend', payload: { amendment: {}, baseVersion: 1 } }),
  'amend-six-phones': (m) => ({
    ...m,
    type: 'appeal.amend',
    payload: {
      amendment: { addPhones: Array.from({ length: 6 }, (_, i) => `+38050111000${i}`) },
      baseVersion: 1,
    },
  }),
  'amend-supplement-lone-surrogate': (m) => ({
    ...m,
    type: 'appeal.amend',
    payload: { amendment: { supplement: 'Ще \ud800' }, baseVersion: 1 },
  }),
  'amend-correct-executor': (m) => ({
    ...m,
    type: 'appeal.amend',
    payload: { amendment: { corrections: { executorId: 'e-1' } }, baseVersion: 1 },
  }),
};

const stepSpec = fc.record({
  appeal: fc.nat(),
  role: fc.constantFrom(...ACTORS),
  /** Prefer a step the role may take now (the walk gets through the whole lifecycle). */
  allowed: fc.oneof(
    { weight: 3, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  kind: fc.constantFrom(...lifecycleActionKinds, 'amend' as const),
  pick: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  base: fc.oneof(
    { weight: 8, arbitrary: fc.constant('current' as const) },
    { weight: 1, arbitrary: fc.constant('stale' as const) },
    { weight: 1, arbitrary: fc.constant('ahead' as const) },
  ),
  poison: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...hostileValues), fc.nat())
        .map(([hostile, at]) => ({ kind: 'hostile' as const, hostile, at })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...Object.keys(namedPoisons))
        .map((name) => ({ kind: 'named' as const, name })),
    },
  ),
});
type StepSpec = typeof stepSpec extends fc.Arbitrary<infer T> ? T : never;

/** The step `spec` describes, with its values drawn from `pick` (executors, texts, dates). */
function changeOf(
  spec: StepSpec,
  appeal: Appeal,
  role: Role,
): { action: LifecycleAction } | { amendment: AppealAmendment } {
  const [a = 0, b = 0, c = 0, d = 0, e = 0] = spec.pick;
  let kind = spec.kind;
  if (spec.allowed) {
    const state = lifecycleStateOf(appeal);
    const open = lifecycleActionKinds.filter((k) => mayAct(state, k, actorOf(role)));
    if (open.length > 0) kind = open[a % open.length]!;
  }
  const executors = [
    TEST_ORGANISATIONS.executor,
    TEST_ORGANISATIONS.executor,
    TEST_ORGANISATIONS.other,
    'e-nobody',
  ];
  const text = ['Виконано', 'Потрібне фінансування', '  ', 'Перевірено на місці'][b % 4]!;
  const action = ((): LifecycleAction | null => {
    switch (kind) {
      case 'assign':
        return {
          kind,
          executorId: executors[b % 4]!,
          ...(c % 3 > 0 ? { reason: 'Не їхня компетенція' } : {}),
        };
      case 'start':
      case 'control_accept':
        return { kind };
      case 'answer':
        return { kind, result: RESULTS[c % RESULTS.length]!, text };
      case 'control_return':
        return { kind, reason: text };
      case 'callback':
        return { kind, outcome: OUTCOMES[c % OUTCOMES.length]!, ...(d % 2 ? { note: 'Не відповідає' } : {}) };
      case 'extend':
        return {
          kind,
          deadlineOn: addDays(appeal.receivedOn, (d % 70) - 5),
          reason: 'Потрібна експертиза',
          citizenToBeTold: true,
        };
      case 'request_extension':
        return { kind, days: 1 + (d % 62), reason: 'Чекаємо підрядника' };
      case 'amend':
        return null;
    }
  })();
  if (action) return { action };
  const amendments: AppealAmendment[] = [
    { supplement: 'Заявник додав, що проблема повторюється.' },
    { addPhones: [`+38050${String(1000000 + (e % 9000000)).padStart(7, '0')}`] },
    { corrections: { essence: 'Уточнений текст звернення.' } },
    { corrections: { categoryId: CATEGORIES[e % CATEGORIES.length]! } },
    { supplement: 'Ще одне доповнення.', addPhones: ['+380671234567', '+380501234567'] },
  ];
  return { amendment: amendments[d % amendments.length]! };
}

const actorOf = (role: Role) => ({ role, organisationId: server.users[role].organisationId ?? null });

/**
 * Who acts: the spec's role, or when the step should be one allowed now, the first role from it on
 * (in ACTORS' order) that may take some step, so the walk gets through the whole lifecycle.
 */
function roleFor(spec: StepSpec, appeal: Appeal): Role {
  if (!spec.allowed) return spec.role;
  const state = lifecycleStateOf(appeal);
  const start = ACTORS.indexOf(spec.role);
  for (let i = 0; i < ACTORS.length; i++) {
    const role = ACTORS[(start + i) % ACTORS.length]!;
    if (lifecycleActionKinds.some((k) => mayAct(state, k, actorOf(role)))) return role;
  }
  return spec.role;
}

type Expected =
  | { status: 'refused-whole' }
  | { status: 'applied'; appeal: Appeal | null }
  | { status: 'rejected'; code?: string; refusal?: string };

/** What the shared rules decide for this mutation on `appeal` as it is stored now. */
function expected(m: Draft, role: Role, appeal: Appeal | null, now: Date): Expected {
  const body = { deviceId: server.devices[role], epoch: null, mutations: [m] };
  if (refusedWhole(body)) return { status: 'refused-whole' };
  if (m['authorId'] !== server.users[role].id) return { status: 'rejected', code: 'forbidden' };
  if (!MUTATION_ROLES[m['type'] as Mutation['type']]?.includes(role))
    return { status: 'rejected', code: 'forbidden' };
  const parsed = Mutation.safeParse(m);
  if (!parsed.success) return { status: 'rejected', code: 'invalid' };
  const mutation = parsed.data;
  if (mutation.type !== 'appeal.transition' && mutation.type !== 'appeal.amend')
    return { status: 'rejected' };
  if (!appeal || appeal.id !== mutation.entityId.toLowerCase())
    return { status: 'rejected', code: 'unknown_reference' };
  if (mutation.payload.baseVersion !== appeal.version)
    return { status: 'rejected', code: 'conflict', refusal: 'stale_version' };
  const user = server.users[role];
  if (mutation.type === 'appeal.transition') {
    const decided = applyToAppeal(
      appeal,
      mutation.payload.action,
      { role, organisationId: user.organisationId ?? null },
      { today: localDateOf(now, 'Europe/Kyiv'), now, policy: DEFAULT_LIFECYCLE_POLICY },
    );
    if (!decided.ok) return { status: 'rejected', code: REFUSAL_CODES[decided.code], refusal: decided.code };
    const action = mutation.payload.action;
    if (action.kind === 'assign' && !directory.has(action.executorId))
      return { status: 'rejected', code: 'unknown_reference' };
    return { status: 'applied', appeal: decided.appeal };
  }
  const decided = applyAmendment(appeal, mutation.payload.amendment, { id: user.id, role }, now);
  if (!decided.ok) return { status: 'rejected', code: REFUSAL_CODES[decided.code], refusal: decided.code };
  // A new category decides the deadline again: compared without it.
  return { status: 'applied', appeal: { ...decided.appeal, deadlineOn: '', deadlineRule: 'ua_month' } };
}

/** The fields the rules decide, for comparing the stored appeal with the oracle's. */
const decidedFields = (a: Appeal, withDeadline: boolean) => ({
  status: a.status,
  executorId: a.executorId,
  result: a.result,
  ...(withDeadline ? { deadlineOn: a.deadlineOn } : {}),
  assignedOn: a.lifecycle.assignedOn,
  reworkRounds: a.lifecycle.reworkRounds,
  callbackAttempts: a.lifecycle.callbackAttempts,
  callbackDue: a.lifecycle.nextCallbackAt === null,
  answer: a.lifecycle.answer?.text ?? null,
  extensionRequest: a.lifecycle.extensionRequest?.days ?? null,
  phones: a.applicant.phones,
  supplements: a.supplements.map((s) => s.text),
  essence: a.essence,
  categoryId: a.categoryId,
});

async function stored(id: string): Promise<{ appeal: Appeal | null; history: number }> {
  const { rows } = await server.db.pool.query<AppealRow & { history: string }>(
    `SELECT ${APPEAL_COLUMNS}, (SELECT count(*) FROM appeal_history h WHERE h.appeal_id = a.id) AS history
       FROM appeals a WHERE id = $1`,
    [id],
  );
  return rows[0]
    ? { appeal: appealFromRow(rows[0]), history: Number(rows[0].history) }
    : { appeal: null, history: 0 };
}

async function push(role: Role, body: unknown, label: string) {
  const payload = JSON.stringify(body);
  const result = await timed(() =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/sync/push',
      headers: { ...bearer(server.sessions[role]), 'content-type': 'application/json' },
      payload,
    }),
  );
  if (result.kind !== 'answer') {
    recorder.record(result.kind, result.ms);
    recorder.fail({ target: TARGET, label, problem: result.kind, got: 'nothing', input: show(payload) });
    return null;
  }
  recorder.record(statusClass(result.value.statusCode), result.ms);
  return result.value;
}

/** Registers a fresh appeal from the operator's desk; returns its id. */
async function register(): Promise<string> {
  const operator = server.users.operator;
  const payload = appealPayload({
    operatorId: operator.id,
    categoryId: CATEGORIES[0]!,
    executorId: 'e-a1536e79',
  });
  const deviceId = server.devices.operator;
  const m = {
    mutationId: uuidv7(),
    seq: nextSeq(deviceId),
    type: 'appeal.create',
    entityId: payload.id,
    createdAt: payload.createdAt,
    authorId: operator.id,
    payload,
  };
  const res = await push('operator', { deviceId, epoch: null, mutations: [m] }, 'register');
  if (res?.statusCode !== 200) throw new Error(`register: ${res?.statusCode} ${res?.body}`);
  return payload.id;
}

function matches(result: MutationResult | undefined, want: Expected): string | null {
  if (!result) return 'no result';
  if (want.status === 'refused-whole') return null;
  if (want.status === 'applied')
    return result.status === 'applied'
      ? null
      : `expected applied, got ${result.status}${result.status === 'rejected' ? ` ${result.reason.code}/${result.reason.refusal}: ${result.reason.message}` : ''}`;
  if (result.status !== 'rejected') return `expected rejected ${want.code ?? ''}, got ${result.status}`;
  if (!result.reason.message) return 'rejected without a message';
  if (want.code && result.reason.code !== want.code)
    return `expected code ${want.code}, got ${result.reason.code}`;
  if (want.refusal && result.reason.refusal !== want.refusal)
    return `expected refusal ${want.refusal}, got ${result.reason.refusal ?? 'none'}`;
  return null;
}

describe('sync push: lifecycle steps and amendments', () => {
  it('answers every step as the shared rules decide, applies each once and leaves nothing half-done', async () => {
    const mark = recorder.mark();
    const pool: string[] = [];
    for (let i = 0; i < 6; i++) pool.push(await register());
    const seen = { applied: 0, rejected: 0, statuses: new Set<string>() };
    const specs = fc.sample(stepSpec, { seed: seedFor('lifecycle-push'), numRuns: scaled(220) });
    for (const spec of specs) {
      const slot = spec.appeal % pool.length;
      const id = pool[slot]!;
      const before = await stored(id);
      const appeal = before.appeal!;
      const role = roleFor(spec, appeal);
      const user = server.users[role];
      const deviceId = server.devices[role];
      const change = changeOf(spec, appeal, role);
      const baseVersion =
        spec.base === 'current'
          ? appeal.version
          : spec.base === 'stale'
            ? Math.max(1, appeal.version - 1)
            : appeal.version + 1;
      let m: Draft = {
        mutationId: uuidv7(),
        seq: nextSeq(deviceId),
        type: 'action' in change ? 'appeal.transition' : 'appeal.amend',
        entityId: id,
        createdAt: new Date().toISOString(),
        authorId: user.id,
        payload: { ...change, baseVersion },
      };
      let label = `${role} ${'action' in change ? change.action.kind : 'amend'} on ${appeal.status} v${appeal.version} (base ${baseVersion})`;
      if (spec.poison?.kind === 'hostile') {
        const paths = pathsOf(m.payload).filter((p) => p.length > 0);
        const path = paths[spec.poison.at % paths.length]!;
        m = { ...m, payload: setAt(m.payload, path, (spec.poison.hostile as Tagged<unknown>).value) };
        label += ` poisoned ${spec.poison.hostile.label}@payload.${pathText(path)}`;
      } else if (spec.poison?.kind === 'named') {
        m = namedPoisons[spec.poison.name]!(m);
        label += ` named:${spec.poison.name}`;
      }
      const now = new Date();
      const targetId = typeof m['entityId'] === 'string' ? m['entityId'].toLowerCase() : '';
      const want = expected(m, role, targetId === id ? appeal : null, now);
      const fail = (problem: string, got: string, serverError?: string) =>
        recorder.fail({
          target: TARGET,
          label,
          problem,
          got,
          input: show(m, 600),
          ...(serverError ? { serverError } : {}),
        });

      const body = { deviceId, epoch: null, mutations: [m] };
      const first = await push(role, body, label);
      if (!first) continue;
      if (first.statusCode >= 500) {
        fail('5xx', String(first.statusCode), server.errorFor(String(first.headers['x-request-id'])));
        continue;
      }
      if (want.status === 'refused-whole') {
        if (first.statusCode < 400)
          fail('a body the server must refuse whole was accepted', String(first.statusCode));
      } else if (first.statusCode !== 200) {
        fail(
          'a push with a valid envelope was not answered 200',
          `${first.statusCode} ${first.body.slice(0, 200)}`,
        );
        continue;
      }
      const results = first.statusCode === 200 ? PushResponse.parse(first.json()).results : [];
      if (want.status !== 'refused-whole') {
        const problem = matches(results[0], want);
        if (problem) fail('the server decided otherwise than the shared rules', problem);
      }
      const after = await stored(id);
      const applied = results[0]?.status === 'applied';
      if (applied) {
        seen.applied++;
        seen.statuses.add(after.appeal!.status);
      } else seen.rejected++;
      if (after.appeal!.version !== appeal.version + (applied ? 1 : 0))
        fail(
          'the version did not rise by exactly one per applied change',
          `${appeal.version} -> ${after.appeal!.version}`,
        );
      if (after.history !== before.history + (applied ? 1 : 0))
        fail('not one history row per applied change', `${before.history} -> ${after.history}`);
      if (applied && want.status === 'applied' && want.appeal) {
        const withDeadline = m['type'] === 'appeal.transition';
        const got = JSON.stringify(decidedFields(after.appeal!, withDeadline));
        const wanted = JSON.stringify(decidedFields(want.appeal, withDeadline));
        if (got !== wanted)
          fail('the stored appeal is not what the rules decided', `${got} instead of ${wanted}`);
      }

      // The same push again: the same answer, nothing changed.
      if (first.statusCode === 200) {
        const again = await push(role, body, `${label} (again)`);
        if (!again) continue;
        if (again.statusCode !== 200) {
          fail(
            'a re-push was not answered 200',
            String(again.statusCode),
            server.errorFor(String(again.headers['x-request-id'])),
          );
          continue;
        }
        const repeated = PushResponse.parse(again.json()).results[0];
        const first1 = results[0]!;
        if (first1.status === 'applied' && repeated?.status !== 'duplicate')
          fail('re-push of an applied change: expected duplicate', String(repeated?.status));
        if (first1.status === 'rejected' && JSON.stringify(repeated) !== JSON.stringify(first1))
          fail('re-push of a refused change: expected the same refusal', JSON.stringify(repeated));
        const still = await stored(id);
        if (still.appeal!.version !== after.appeal!.version || still.history !== after.history)
          fail('a re-push changed the appeal', `v${after.appeal!.version} -> v${still.appeal!.version}`);
      }
      // A closed appeal has nothing more to go through: a fresh one takes its place.
      if (after.appeal!.status === 'closed') pool[slot] = await register();
    }
    recorder.expectNone(mark);
    // Guards the generator: the walk reached the end of the lifecycle, and both answers came often.
    expect(seen.statuses).toContain('closed');
    expect(seen.statuses).toContain('awaiting_applicant_check');
    expect(seen.applied).toBeGreaterThan(scaled(220) / 5);
    expect(seen.rejected).toBeGreaterThan(scaled(220) / 5);
  });
});
