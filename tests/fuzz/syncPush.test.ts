// Sync push batches that mix good mutations with poison ones (hostile values in any field of the
// payload, or in the envelope's loose fields), from every role that may push. Asserted for each
// batch: the answer is 200 within the bound; every poison mutation is `rejected` with a reason;
// every good one is `applied` exactly once, and the database holds exactly the good ones; pushing
// the same batch again answers `duplicate` (same official number) for the good ones and changes
// nothing. A batch whose envelope is broken (a bad seq, a payload that is not an object) is refused
// whole with a 4xx, stores nothing, and its good mutations are then applied when pushed alone.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { appealPayload, consultationPayload } from '../integration/support/testDatabase';
import { PushEnvelope } from '../../src/server/sync/pushEnvelope';
import { uuidv7 } from '../../src/shared/domain/ids';
import { daysBetween, localDateOf } from '../../src/shared/domain/localDate';
import { isCalendarDate, isInstant, UUID_PATTERN } from '../../src/shared/domain/storable';
import type { CallRecord } from '../../src/shared/softphone/calls';
import type { Role } from '../../src/shared/sync/auth';
import { Mutation, MUTATION_ROLES, PushResponse, type MutationResult } from '../../src/shared/sync/protocol';
import { bearer } from '../integration/server/serverHarness';
import { namesItsEntity, refusedWhole } from './support/mutations';
import { startFuzzServer, type FuzzServer } from './support/fuzzServer';
import { hostileStrings, hostileValues, HUGE, type Tagged } from './support/hostile';
import { Recorder, show, statusClass, timed } from './support/recorder';
import { pathsOf, pathText, setAt, type Path } from './support/schemaArbitrary';
import { scaled, seedFor } from './support/settings';

const recorder = new Recorder('sync-push');
let server: FuzzServer;
const seqs = new Map<string, number>();
const nextSeq = (deviceId: string) => {
  const n = (seqs.get(deviceId) ?? 0) + 1;
  seqs.set(deviceId, n);
  return n;
};

beforeAll(async () => {
  server = await startFuzzServer();
});
afterAll(async () => {
  recorder.flush();
  await server?.close();
});

type Kind = 'appeal' | 'consultation' | 'call';
const TYPE: Record<Kind, Mutation['type']> = {
  appeal: 'appeal.create',
  consultation: 'consultation.create',
  call: 'call.upsert',
};

function callPayload(operatorId: string): CallRecord {
  const now = new Date().toISOString();
  return {
    id: uuidv7(),
    sipCallId: `${randomUUID()}@pbx.fuzz.test`,
    direction: 'inbound',
    localNumber: '1551',
    remoteNumber: '+380671234567',
    remoteName: null,
    operatorId,
    ringAt: now,
    answeredAt: now,
    endedAt: now,
    result: 'answered',
    transferTarget: null,
    appealIds: [],
    consultationIds: [],
    version: 1,
    updatedAt: now,
  };
}

/** How one mutation of a batch is made: good, poisoned at a path, or a poison the findings named. */
type Entry =
  | { kind: 'good'; type: Kind }
  | { kind: 'unproven-number'; number: string }
  | { kind: 'poison'; type: Kind; hostile: Tagged<unknown>; pick: number }
  | { kind: 'named'; name: NamedPoison }
  | { kind: 'envelope'; type: Kind; field: 'createdAt' | 'entityId' | 'authorId'; hostile: Tagged<string> }
  | { kind: 'other-author'; type: Kind };

/** The hostile values that once turned a push into a 500, each in the field where it did. */
const namedPoisons = {
  'essence-nul': (m: Draft) => setPayload(m, ['essence'], 'Немає води\u0000'),
  'full-name-lone-surrogate': (m: Draft) => setPayload(m, ['applicant', 'fullName'], 'Коваленко \ud800'),
  'street-nul': (m: Draft) => setPayload(m, ['applicant', 'address', 'street'], '\u0000'),
  'created-at-not-a-date': (m: Draft) => ({
    ...setPayload(m, ['createdAt'], 'not a date'),
    createdAt: 'not a date',
  }),
  'received-on-13-45': (m: Draft) => setPayload(m, ['receivedOn'], '2026-13-45'),
  'received-on-0000': (m: Draft) => setPayload(m, ['receivedOn'], '0000-01-01'),
  'received-on-9999': (m: Draft) => setPayload(m, ['receivedOn'], '9999-12-31'),
  'received-on-2099': (m: Draft) => setPayload(m, ['receivedOn'], '2099-01-01'),
  'deadline-on-0000': (m: Draft) => setPayload(m, ['deadlineOn'], '0000-01-01'),
  'essence-100k': (m: Draft) => setPayload(m, ['essence'], 'x'.repeat(HUGE)),
  'signatories-1e308': (m: Draft) => setPayload(m, ['signatories'], 1e308),
  'payload-id-not-uuid': (m: Draft) => ({ ...setPayload(m, ['id'], 'not-a-uuid'), entityId: 'not-a-uuid' }),
  'entity-id-differs': (m: Draft) => ({ ...m, entityId: randomUUID() }),
  'created-at-year-0000': (m: Draft) => ({
    ...setPayload(m, ['createdAt'], '0000-01-01T00:00:00Z'),
    createdAt: '0000-01-01T00:00:00Z',
  }),
  'created-at-old': (m: Draft) => {
    const old = new Date(Date.now() - 400 * 86_400_000).toISOString();
    return { ...setPayload(m, ['createdAt'], old), createdAt: old };
  },
} as const;
type NamedPoison = keyof typeof namedPoisons;
const callPoisons = {
  'call-version-2^31': (m: Draft) => setPayload(m, ['version'], 2 ** 31),
  'call-ring-at-0000': (m: Draft) => setPayload(m, ['ringAt'], '0000-01-01T00:00:00Z'),
  'call-sip-id-nul': (m: Draft) => setPayload(m, ['sipCallId'], 'a\u0000b'),
  'call-remote-name-bidi': (m: Draft) => setPayload(m, ['remoteName'], '\u202eevil'),
} as const;
const consultationPoisons = {
  'question-nul': (m: Draft) => setPayload(m, ['question'], 'Коли\u0000?'),
  'answer-lone-surrogate': (m: Draft) => setPayload(m, ['answer'], '\udc00'),
} as const;
const allNamed = { ...namedPoisons, ...callPoisons, ...consultationPoisons };
type AnyNamed = keyof typeof allNamed;

/** Poisons that break the envelope itself: the whole batch is refused. */
const envelopeBreakers: Record<string, (m: Draft) => Draft> = {
  'seq-negative': (m) => ({ ...m, seq: -1 }),
  'seq-zero': (m) => ({ ...m, seq: 0 }),
  'seq-1e308': (m) => ({ ...m, seq: 1e308 }),
  'seq-text': (m) => ({ ...m, seq: '1' }),
  'seq-fraction': (m) => ({ ...m, seq: 1.5 }),
  'seq-beyond-safe': (m) => ({ ...m, seq: 2 ** 53 }),
  'mutation-id-not-uuid': (m) => ({ ...m, mutationId: 'x' }),
  'type-unknown': (m) => ({ ...m, type: 'appeal.delete' }),
  'created-at-100k': (m) => ({ ...m, createdAt: 'x'.repeat(HUGE) }),
  'payload-null': (m) => ({ ...m, payload: null }),
  'payload-array': (m) => ({ ...m, payload: [] }),
  'payload-text': (m) => ({ ...m, payload: '\u0000' }),
  'extra-field': (m) => ({ ...m, sneaky: true }),
};

type Draft = Record<string, unknown> & { payload: unknown };

function setPayload(m: Draft, path: Path, value: unknown): Draft {
  return { ...m, payload: setAt(m.payload, path, value) };
}

function goodMutation(type: Kind, role: Role, deviceId: string): Draft {
  const userId = server.users[role].id;
  const payload =
    type === 'appeal'
      ? appealPayload({ operatorId: userId })
      : type === 'consultation'
        ? { ...consultationPayload(), operatorId: userId }
        : callPayload(userId);
  const createdAt = type === 'call' ? new Date().toISOString() : (payload as { createdAt: string }).createdAt;
  return {
    mutationId: uuidv7(),
    seq: nextSeq(deviceId),
    type: TYPE[type],
    entityId: payload.id,
    createdAt,
    authorId: userId,
    payload,
  };
}

/** What the server must do with a mutation: apply it, or reject it with a reason. */
function expected(m: Draft, role: Role): 'applied' | 'rejected' {
  if (m['authorId'] !== server.users[role].id) return 'rejected';
  const parsed = Mutation.safeParse(m);
  if (!parsed.success) return 'rejected';
  const mutation = parsed.data;
  if (!MUTATION_ROLES[mutation.type].includes(role)) return 'rejected';
  if (!namesItsEntity(mutation)) return 'rejected';
  if (mutation.type === 'appeal.create') {
    // The server owns the received date: the day the appeal was saved, give or take one (serverOwned.ts).
    const p = mutation.payload;
    const age = Date.now() - Date.parse(p.createdAt);
    if (age < -10 * 60_000 || age > 60 * 86_400_000) return 'rejected';
    if (!isInstant(p.createdAt) || !isCalendarDate(p.receivedOn)) return 'rejected';
    if (Math.abs(daysBetween(localDateOf(new Date(p.createdAt), 'Europe/Kyiv'), p.receivedOn)) > 1)
      return 'rejected';
  }
  return 'applied';
}

interface Built {
  role: Role;
  deviceId: string;
  body: { deviceId: string; epoch: null; mutations: Draft[] };
  labels: string[];
  /** Claimed official numbers without proof: the server must give its own. */
  claims: Map<string, string>;
  envelopeBroken: string | null;
}

const kind = fc.constantFrom<Kind>('appeal', 'appeal', 'consultation', 'call');
const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 6, arbitrary: kind.map((type): Entry => ({ kind: 'good', type })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('1551-2025-999999999999999999', '1551-2026-000001', '9999-9999-9', '\u0000')
      .map((number): Entry => ({ kind: 'unproven-number', number })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(kind, fc.constantFrom(...hostileValues), fc.nat())
      .map(([type, hostile, pick]): Entry => ({ kind: 'poison', type, hostile, pick })),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...(Object.keys(allNamed) as NamedPoison[]))
      .map((name): Entry => ({ kind: 'named', name })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        kind,
        fc.constantFrom('createdAt', 'entityId', 'authorId') as fc.Arbitrary<
          'createdAt' | 'entityId' | 'authorId'
        >,
        fc.constantFrom(...hostileStrings.filter((h) => h.value.length <= 64)),
      )
      .map(([type, field, hostile]): Entry => ({ kind: 'envelope', type, field, hostile })),
  },
  { weight: 1, arbitrary: kind.map((type): Entry => ({ kind: 'other-author', type })) },
);
const batchSpec = fc.record({
  role: fc.constantFrom<Role>('operator', 'operator', 'feedback', 'team_lead', 'admin', 'analyst'),
  entries: fc.array(entry, { minLength: 1, maxLength: 10 }),
  reorder: fc.boolean(),
  deliverTwice: fc.nat({ max: 9 }),
  // One batch in six has its envelope broken by its last mutation.
  breaker: fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.keys(envelopeBreakers)) },
  ),
});

type BatchSpec = typeof batchSpec extends fc.Arbitrary<infer T> ? T : never;

function build(spec: BatchSpec): Built {
  const { role } = spec;
  const deviceId = server.devices[role];
  const labels: string[] = [];
  const claims = new Map<string, string>();
  let mutations = spec.entries.map((e): Draft => {
    switch (e.kind) {
      case 'good':
        labels.push(`good-${e.type}`);
        return goodMutation(e.type, role, deviceId);
      case 'unproven-number': {
        labels.push('unproven-official-number');
        const m = goodMutation('appeal', role, deviceId);
        claims.set(m['mutationId'] as string, e.number);
        return setPayload(m, ['officialNumber'], e.number);
      }
      case 'poison': {
        const m = goodMutation(e.type, role, deviceId);
        const paths = pathsOf(m.payload).filter((p) => p.length > 0);
        const path = paths[e.pick % paths.length]!;
        labels.push(`poison-${e.type}:${e.hostile.label}@payload.${pathText(path)}`);
        const poisoned = setPayload(m, path, e.hostile.value);
        // Poisoning the id changes what the mutation names: the entity follows the payload.
        return pathText(path) === 'id' && typeof e.hostile.value === 'string' && e.hostile.value.length <= 64
          ? { ...poisoned, entityId: e.hostile.value }
          : poisoned;
      }
      case 'named': {
        const type: Kind =
          e.name in callPoisons ? 'call' : e.name in consultationPoisons ? 'consultation' : 'appeal';
        labels.push(`named:${e.name}`);
        return allNamed[e.name as AnyNamed](goodMutation(type, role, deviceId));
      }
      case 'envelope': {
        labels.push(`envelope-${e.type}:${e.hostile.label}@${e.field}`);
        return { ...goodMutation(e.type, role, deviceId), [e.field]: e.hostile.value };
      }
      case 'other-author': {
        labels.push(`other-author-${e.type}`);
        const other = role === 'operator' ? server.users.admin.id : server.users.operator.id;
        return { ...goodMutation(e.type, role, deviceId), authorId: other };
      }
    }
  });
  let envelopeBroken: string | null = null;
  if (spec.breaker !== null) {
    const at = spec.entries.length - 1;
    mutations[at] = envelopeBreakers[spec.breaker]!(mutations[at]!);
    labels[at] = `envelope-breaker:${spec.breaker}`;
    envelopeBroken = spec.breaker;
  }
  if (spec.deliverTwice === 0 && mutations.length > 0) {
    mutations = [...mutations, mutations[0]!];
    labels.push(`${labels[0]} (delivered twice)`);
  }
  if (spec.reorder) {
    const order = mutations.map((_, i) => i).reverse();
    mutations = order.map((i) => mutations[i]!);
    const l = order.map((i) => labels[i]!);
    labels.splice(0, labels.length, ...l);
  }
  const body = { deviceId, epoch: null as null, mutations };
  if (!envelopeBroken) envelopeBroken = refusedWhole(body);
  return { role, deviceId, body, labels, claims, envelopeBroken };
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
    recorder.fail({
      target: 'POST /api/v1/sync/push',
      label,
      problem: result.kind,
      got: 'nothing',
      input: show(payload),
    });
    return null;
  }
  recorder.record(statusClass(result.value.statusCode), result.ms);
  return result.value;
}

const uuidLike = (v: unknown): v is string => typeof v === 'string' && UUID_PATTERN.test(v);

async function stored(ids: string[]) {
  const { rows } = await server.db.pool.query<{ t: string; id: string; official_number: string | null }>(
    `SELECT 'appeal' AS t, id::text, official_number FROM appeals WHERE id = ANY($1::uuid[])
     UNION ALL SELECT 'consultation', id::text, NULL FROM consultations WHERE id = ANY($1::uuid[])
     UNION ALL SELECT 'call', id::text, NULL FROM calls WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

async function ledgerRows(mutationIds: string[]) {
  const { rows } = await server.db.pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM sync_ledger WHERE mutation_id = ANY($1::uuid[])',
    [mutationIds],
  );
  return Number(rows[0]!.n);
}

describe('sync push: batches mixing good and poison mutations', () => {
  it('applies every good mutation exactly once and rejects every poison one with a reason', async () => {
    const mark = recorder.mark();
    let goodSeen = 0;
    let poisonSeen = 0;
    const specs = fc.sample(batchSpec, { seed: seedFor('sync-push'), numRuns: scaled(450) });
    for (const spec of specs) {
      const b = build(spec);
      const summary = b.labels.join(', ');
      const fail = (problem: string, got: string, serverError?: string) =>
        recorder.fail({
          target: 'POST /api/v1/sync/push',
          label: `batch as ${b.role}: ${summary}`,
          problem,
          got,
          input: show(b.body, 600),
          ...(serverError ? { serverError } : {}),
        });
      const mutations = b.body.mutations;
      const distinct = [...new Map(mutations.map((m) => [String(m['mutationId']), m])).values()];
      const outcome = new Map(distinct.map((m) => [String(m['mutationId']), expected(m, b.role)]));
      const entityIds = distinct.map((m) => (m.payload as { id?: unknown } | null)?.id).filter(uuidLike);
      const goodIds = distinct
        .filter((m) => outcome.get(String(m['mutationId'])) === 'applied')
        .map((m) => (m.payload as { id: string }).id);
      const mutationIds = distinct.map((m) => m['mutationId']).filter(uuidLike);
      if (!b.envelopeBroken) {
        goodSeen += goodIds.length;
        poisonSeen += distinct.length - goodIds.length;
      }

      const first = await push(b.role, b.body, summary);
      if (!first) continue;
      const error = () => server.errorFor(String(first.headers['x-request-id']));
      if (first.statusCode >= 500) {
        fail('5xx', String(first.statusCode), error());
        continue;
      }

      if (b.envelopeBroken) {
        if (first.statusCode < 400)
          fail(`a broken envelope (${b.envelopeBroken}) was not refused`, String(first.statusCode));
        const left = await stored(entityIds);
        if (left.length > 0) fail('a refused batch stored records', left.map((r) => r.t).join(','));
        if ((await ledgerRows(mutationIds)) > 0) fail('a refused batch wrote ledger rows', 'rows');
        // The good ones of a refused batch go through when pushed alone.
        const good = distinct.filter(
          (m) =>
            outcome.get(String(m['mutationId'])) === 'applied' &&
            PushEnvelope.shape.mutations.element.safeParse(m).success,
        );
        if (good.length === 0) continue;
        const alone = await push(
          b.role,
          { deviceId: b.deviceId, epoch: null, mutations: good },
          `${summary} (good ones alone)`,
        );
        if (!alone) continue;
        if (alone.statusCode !== 200) {
          fail(
            'the good mutations of a refused batch were refused alone',
            String(alone.statusCode),
            server.errorFor(String(alone.headers['x-request-id'])),
          );
          continue;
        }
        const results = PushResponse.parse(alone.json()).results;
        for (const m of good) {
          const r = results.find((x) => x.mutationId === m['mutationId']);
          if (r?.status !== 'applied')
            fail(
              'good mutation pushed alone not applied',
              `${r?.status}: ${r && 'reason' in r ? r.reason.message : ''}`,
            );
        }
        continue;
      }

      if (first.statusCode !== 200) {
        fail(
          'a batch with a valid envelope was not answered 200',
          `${first.statusCode} ${first.body.slice(0, 200)}`,
        );
        continue;
      }
      const parsed = PushResponse.safeParse(first.json());
      if (!parsed.success) {
        fail('the answer breaks PushResponse', first.body.slice(0, 200));
        continue;
      }
      const byMutation = new Map<string, MutationResult[]>();
      for (const r of parsed.data.results)
        byMutation.set(r.mutationId, [...(byMutation.get(r.mutationId) ?? []), r]);
      if (parsed.data.results.length !== mutations.length)
        fail('one result per mutation', `${parsed.data.results.length} for ${mutations.length}`);
      const numbers = new Map<string, string | null>();
      distinct.forEach((m) => {
        const id = String(m['mutationId']);
        const label = b.labels[mutations.indexOf(m)] ?? '?';
        const rs = byMutation.get(id) ?? [];
        const statuses = rs.map((r) => r.status).sort();
        if (outcome.get(id) === 'applied') {
          const applied = statuses.filter((s) => s === 'applied').length;
          if (applied !== 1 || statuses.some((s) => s === 'rejected')) {
            const reason = rs.find((r) => r.status === 'rejected');
            fail(
              `good mutation (${label}) not applied exactly once`,
              `${statuses.join('+')}${reason && 'reason' in reason ? `: ${reason.reason.message}` : ''}`,
            );
          }
          const applied1 = rs.find((r) => r.status === 'applied');
          if (applied1 && 'officialNumber' in applied1) numbers.set(id, applied1.officialNumber);
          const claim = b.claims.get(id);
          if (claim && applied1 && 'officialNumber' in applied1 && applied1.officialNumber === claim) {
            fail('an official number claimed without the server’s proof was kept', claim);
          }
        } else if (statuses.some((s) => s !== 'rejected') || rs.length === 0) {
          fail(`poison mutation (${label}) not rejected`, statuses.join('+') || 'no result');
        } else {
          for (const r of rs)
            if (r.status === 'rejected' && !r.reason.message)
              fail(`poison (${label}) rejected without a reason`, r.reason.code);
        }
      });

      const rows = await stored(entityIds);
      const storedIds = new Set(rows.map((r) => r.id));
      for (const id of goodIds) if (!storedIds.has(id)) fail('a good mutation is not in the database', id);
      for (const id of entityIds)
        if (!goodIds.includes(id) && storedIds.has(id)) fail('a poison mutation is in the database', id);
      if (rows.length !== new Set(rows.map((r) => `${r.t}:${r.id}`)).size)
        fail('a record is stored twice', 'duplicates');
      for (const row of rows) {
        if (row.t !== 'appeal') continue;
        const m = distinct.find((x) => (x.payload as { id?: string }).id === row.id);
        const answered = m ? numbers.get(String(m['mutationId'])) : undefined;
        if (answered !== undefined && answered !== row.official_number)
          fail('the answered official number is not the stored one', `${answered} vs ${row.official_number}`);
      }
      const ledger = await ledgerRows(mutationIds);
      if (ledger !== mutationIds.length)
        fail('one ledger row per mutation', `${ledger} for ${mutationIds.length}`);

      // The same batch again: nothing new, the same outcomes.
      const again = await push(b.role, b.body, `${summary} (again)`);
      if (!again) continue;
      if (again.statusCode !== 200) {
        fail(
          'a re-push was not answered 200',
          String(again.statusCode),
          server.errorFor(String(again.headers['x-request-id'])),
        );
        continue;
      }
      const repeated = PushResponse.parse(again.json()).results;
      for (const m of distinct) {
        const id = String(m['mutationId']);
        const rs = repeated.filter((r) => r.mutationId === id);
        const want = outcome.get(id) === 'applied' ? 'duplicate' : 'rejected';
        if (rs.length === 0 || rs.some((r) => r.status !== want))
          fail(`re-push: expected ${want}`, rs.map((r) => r.status).join('+'));
        const number = numbers.get(id);
        for (const r of rs)
          if (number !== undefined && 'officialNumber' in r && r.officialNumber !== number)
            fail('re-push: another official number', String(r.officialNumber));
      }
      const after = await stored(entityIds);
      if (after.length !== rows.length)
        fail('a re-push changed the database', `${rows.length} -> ${after.length}`);
      if ((await ledgerRows(mutationIds)) !== ledger) fail('a re-push wrote ledger rows', 'rows');
    }
    recorder.expectNone(mark);
    // Guards the generator: both kinds were pushed in numbers.
    expect(goodSeen).toBeGreaterThan(scaled(450));
    expect(poisonSeen).toBeGreaterThan(scaled(450));
  });
});
