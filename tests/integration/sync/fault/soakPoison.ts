// Poison for the fault soak: a share of the writes are mutations no store can keep (U+0000 or a lone
// surrogate in text, a creation time that is not a date, a received date outside the calendar, an
// official number past any sequence). Each must end rejected (the number claim: applied with a
// number the server issued, the claimed one ignored, since numbers are the server's alone): never
// applied as it is, never waiting forever, never holding up the valid changes queued after it. Two routes, taken in turn at random:
//   outbox  a poison row written into a workstation's own outbox (a second connection to its store,
//           as a damaged or older record would be): the real engine pushes it with the operator's
//           next appeals, under the operator's sign-in. The workstation may refuse it itself
//           (src/main/sync/mapping.ts) or the server does; either way it must end in its
//           rejected list and the appeals saved after it must reach the server.
//   push    a push sent beside the workstation, through the fault proxy, with its access token and
//           device id (a client that skips validation): the poison, then a valid appeal with the
//           next seq. Seqs are taken from the workstation's own counter, so they never collide with
//           its changes. The push is retried like a client would until it gets an answer: the
//           poison must be answered `rejected` and kept so in the ledger, the valid appeal applied.
import type { Pool } from '../../../../src/server/db/pool';
import { appealCreatePayload } from '../../../../src/main/sync/mapping';
import type { Appeal } from '../../../../src/shared/domain/appeal';
import { uuidv7 } from '../../../../src/shared/domain/ids';
import { PushResponse, SYNC_PATHS, type MutationResult } from '../../../../src/shared/sync/protocol';
import type { Station, Stations } from './soakStations';

export const POISON_KINDS = [
  'nul',
  'lone-surrogate',
  'created-at',
  'received-month-13',
  'received-year-0',
  'official-number',
] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];
export const POISON_ROUTES = ['outbox', 'push'] as const;
export type PoisonRoute = (typeof POISON_ROUTES)[number];

/** Marks the soak's own pushes so the crash fault does not take them for the workstation's. */
export const POISON_HEADER = 'x-soak-poison';

const NOT_A_DATE = 'not-a-date';

/** A copy of an appeal the operator saved, under a new id, spoilt the way `kind` says. */
function spoil(base: Appeal, kind: PoisonKind, id: string, n: number): Appeal {
  const a: Appeal = { ...base, id, provisionalNumber: `P-POISON-${String(n).padStart(6, '0')}` };
  switch (kind) {
    case 'nul':
      return { ...a, essence: `${a.essence} \u0000 (NUL)` };
    case 'lone-surrogate':
      return { ...a, applicant: { ...a.applicant, fullName: `${a.applicant.fullName} \ud800` } };
    case 'created-at':
      return { ...a, createdAt: NOT_A_DATE };
    case 'received-month-13':
      return { ...a, receivedOn: '2026-13-45' };
    case 'received-year-0':
      return { ...a, receivedOn: '0000-01-01' };
    case 'official-number':
      return { ...a, officialNumber: CLAIMED_NUMBER };
    default:
      throw new Error(`unknown poison ${kind satisfies never}`);
  }
}

interface Answer {
  /** HTTP status of the push that was answered (0: never answered). */
  status: number;
  code: string | null;
  message: string | null;
  poison: MutationResult | null;
  companion: MutationResult | null;
}

interface Poison {
  n: number;
  kind: PoisonKind;
  route: PoisonRoute;
  station: Station;
  mutationId: string;
  seq: number;
  entityId: string;
  /** Outbox route: how many appeals the station had saved when the poison was queued. */
  savedBefore: number;
  /** Push route: the valid appeal sent after the poison in the same push. */
  companion: { mutationId: string; seq: number; appeal: Appeal } | null;
  answer: Answer | null;
  attempts: number;
  lastError: string | null;
  delivery: Promise<void> | null;
}

export type PoisonEnd =
  | 'rejected by the workstation'
  | 'rejected by the server'
  | 'number ignored by the server'
  | 'applied'
  | 'waiting'
  | 'batch refused';

/** The claimed number of the `official-number` poison; the server must never hand it out. */
const CLAIMED_NUMBER = '1551-2025-999999999999999999';

export interface PoisonReport {
  injected: number;
  rejected: number;
  byEnd: Partial<Record<PoisonEnd, number>>;
  byKind: Record<string, { injected: number; rejected: number }>;
  byRoute: Record<string, { injected: number; rejected: number }>;
  /** Valid appeals sent after a poison in the same push (push route). */
  companions: number;
  violations: string[];
}

export interface PoisonInjector {
  /**
   * Queues one poison mutation on `s` by the route and kind `random` picks; false when the station
   * cannot take one now (nothing saved yet to copy, no token seen yet for the push route).
   */
  inject(s: Station, random: () => number): boolean;
  /** Gives pushes still unanswered `withinMs` more to get an answer, then stops retrying. */
  settle(withinMs: number): Promise<void>;
  mutationIds(): ReadonlySet<string>;
  /** Appeals the soak's generic checks leave to verify(): the poison and unacknowledged companions. */
  entityIds(): ReadonlySet<string>;
  verify(admin: Pool): Promise<PoisonReport>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reserves `count` seqs from the station's outbox counter (AUTOINCREMENT: never handed out again). */
function reserveSeqs(stations: Stations, s: Station, count: number): number {
  return stations.withStore(s, (store) =>
    store.write(() => {
      const row = store.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as
        { seq: number } | undefined;
      const max = store.db.prepare('SELECT max(seq) AS m FROM outbox').get() as { m: number | null };
      const first = Math.max(row?.seq ?? 0, max.m ?? 0) + 1;
      if (row)
        store.db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'outbox'").run(first + count - 1);
      else
        store.db
          .prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)")
          .run(first + count - 1);
      return first;
    }),
  );
}

export function createPoisonInjector(stations: Stations, o: { serverUrl: string }): PoisonInjector {
  const list: Poison[] = [];
  let giveUpAt = Number.POSITIVE_INFINITY;

  async function post(p: Poison, body: string): Promise<'answered' | 'retry'> {
    const token = p.station.accessToken;
    if (token === null) return 'retry';
    p.attempts++;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${o.serverUrl}${SYNC_PATHS.push}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          [POISON_HEADER]: '1',
        },
        body,
        signal: AbortSignal.timeout(2_000),
      });
      text = await response.text();
    } catch (e) {
      p.lastError = `no answer (${(e as Error).name === 'TimeoutError' ? 'timed out' : (e as Error).message})`;
      return 'retry';
    }
    // An expired token (the workstation renews its own soon), a restart in progress: try again.
    if (
      response.status === 401 ||
      response.status === 408 ||
      response.status === 429 ||
      response.status >= 500
    ) {
      p.lastError = `HTTP ${response.status}`;
      return 'retry';
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      p.lastError = `HTTP ${response.status}, not JSON`;
      return 'retry';
    }
    if (response.status !== 200) {
      const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
      p.answer = {
        status: response.status,
        code: error?.code ?? null,
        message: error?.message ?? null,
        poison: null,
        companion: null,
      };
      return 'answered';
    }
    const parsed = PushResponse.safeParse(json);
    if (!parsed.success) {
      p.answer = {
        status: 200,
        code: 'unknown_shape',
        message: text.slice(0, 200),
        poison: null,
        companion: null,
      };
      return 'answered';
    }
    const result = (mutationId: string | undefined) =>
      parsed.data.results.find((r) => r.mutationId === mutationId) ?? null;
    p.answer = {
      status: 200,
      code: null,
      message: null,
      poison: result(p.mutationId),
      companion: result(p.companion?.mutationId),
    };
    if (
      p.companion &&
      (p.answer.companion?.status === 'applied' || p.answer.companion?.status === 'duplicate')
    )
      p.station.acknowledged.set(p.companion.appeal.id, p.companion.appeal);
    return 'answered';
  }

  async function deliver(p: Poison, body: string): Promise<void> {
    let delay = 50;
    for (;;) {
      if ((await post(p, body)) === 'answered') return;
      if (Date.now() >= giveUpAt) return;
      await sleep(delay + Math.floor(Math.random() * delay));
      delay = Math.min(delay * 2, 1_000);
    }
  }

  function inject(s: Station, random: () => number): boolean {
    const route = POISON_ROUTES[Math.floor(random() * POISON_ROUTES.length)]!;
    const kind = POISON_KINDS[Math.floor(random() * POISON_KINDS.length)]!;
    const base = [...s.acknowledged.values()].at(-1);
    if (!base) return false;
    if (route === 'push' && s.accessToken === null) return false;
    const n = list.length + 1;
    const id = uuidv7();
    const record = spoil(base, kind, id, n);
    const mutationId = uuidv7();
    if (route === 'outbox') {
      const seq = stations.withStore(s, (store) =>
        store.write(() =>
          Number(
            store.db
              .prepare(
                `INSERT INTO outbox (mutation_id, entity_type, entity_id, op, payload, created_at, author_id)
                 VALUES (?, 'appeal', ?, 'create', ?, ?, ?)`,
              )
              .run(mutationId, id, JSON.stringify(record), record.createdAt, s.userId).lastInsertRowid,
          ),
        ),
      );
      list.push({
        n,
        kind,
        route,
        station: s,
        mutationId,
        seq,
        entityId: id,
        savedBefore: s.acknowledged.size,
        companion: null,
        answer: null,
        attempts: 0,
        lastError: null,
        delivery: null,
      });
      return true;
    }
    const seq = reserveSeqs(stations, s, 2);
    const companionId = uuidv7();
    const companion: Appeal = {
      ...base,
      id: companionId,
      provisionalNumber: `P-POISON-${String(n).padStart(6, '0')}-NEXT`,
    };
    const p: Poison = {
      n,
      kind,
      route,
      station: s,
      mutationId,
      seq,
      entityId: id,
      savedBefore: s.acknowledged.size,
      companion: { mutationId: uuidv7(), seq: seq + 1, appeal: companion },
      answer: null,
      attempts: 0,
      lastError: null,
      delivery: null,
    };
    const body = JSON.stringify({
      deviceId: s.deviceId,
      epoch: null,
      mutations: [
        {
          mutationId,
          seq,
          type: 'appeal.create',
          entityId: id,
          createdAt: record.createdAt,
          authorId: s.userId,
          payload: appealCreatePayload(record),
        },
        {
          mutationId: p.companion!.mutationId,
          seq: seq + 1,
          type: 'appeal.create',
          entityId: companionId,
          createdAt: companion.createdAt,
          authorId: s.userId,
          payload: appealCreatePayload(companion),
        },
      ],
    });
    p.delivery = deliver(p, body);
    list.push(p);
    return true;
  }

  async function verify(admin: Pool): Promise<PoisonReport> {
    const violations: string[] = [];
    const ids = list.map((p) => p.mutationId);
    const ledger = new Map<string, { status: string; result: Record<string, unknown> | null }>();
    for (const row of (
      await admin.query<{ mutation_id: string; status: string; result: Record<string, unknown> | null }>(
        'SELECT mutation_id::text, status, result FROM sync_ledger WHERE mutation_id = ANY($1::uuid[])',
        [ids],
      )
    ).rows)
      ledger.set(row.mutation_id, row);
    // Every appeal on the server: the poison must not be there, what was saved after it must.
    const onServer = new Map<string, string | null>();
    for (const row of (
      await admin.query<{ id: string; official_number: string | null }>(
        'SELECT id::text, official_number FROM appeals',
      )
    ).rows)
      onServer.set(row.id, row.official_number);

    // What each station's store holds of the outbox route's poison.
    const local = new Map<Station, { waiting: Map<string, string | null>; rejected: Map<string, string> }>();
    for (const s of new Set(list.filter((p) => p.route === 'outbox').map((p) => p.station))) {
      local.set(
        s,
        stations.withStore(s, (store) => ({
          waiting: new Map(
            (
              store.db.prepare('SELECT mutation_id AS id, last_error AS error FROM outbox').all() as {
                id: string;
                error: string | null;
              }[]
            ).map((r) => [r.id, r.error]),
          ),
          rejected: new Map(
            (
              store.db.prepare('SELECT mutation_id AS id, code, message FROM outbox_rejected').all() as {
                id: string;
                code: string;
                message: string;
              }[]
            ).map((r) => [r.id, `${r.code}: ${r.message}`]),
          ),
        })),
      );
    }

    const report: PoisonReport = {
      injected: list.length,
      rejected: 0,
      byEnd: {},
      byKind: {},
      byRoute: {},
      companions: list.filter((p) => p.companion).length,
      violations,
    };
    for (const p of list) {
      const name = `poison #${p.n} (${p.kind}, ${p.route}, ${p.station.name} seq ${p.seq})`;
      const held = ledger.get(p.mutationId);
      let end: PoisonEnd;
      let why = '';
      const issued = onServer.get(p.entityId) ?? null;
      if (p.kind === 'official-number' && onServer.has(p.entityId)) {
        // An unproven number is ignored, not refused: the appeal is valid, its number the server's.
        const own = issued !== null && issued !== CLAIMED_NUMBER && /^1551-\d{4}-\d{6}$/.test(issued);
        end = own ? 'number ignored by the server' : 'applied';
        why = `the server kept the claimed number or gave none (${issued ?? 'no number'})`;
      } else if (onServer.has(p.entityId) || held?.status === 'applied') {
        end = 'applied';
        why = `the server applied it (official number ${onServer.get(p.entityId) ?? held?.result?.['officialNumber'] ?? '?'})`;
      } else if (p.route === 'outbox') {
        const mine = local.get(p.station)!;
        if (mine.waiting.has(p.mutationId)) {
          end = 'waiting';
          why = `it is still waiting in the outbox (last error: ${mine.waiting.get(p.mutationId) ?? 'none'})`;
        } else if (mine.rejected.has(p.mutationId)) {
          end = held ? 'rejected by the server' : 'rejected by the workstation';
          if (held && held.status !== 'rejected') {
            end = 'waiting';
            why = `the workstation lists it rejected, the server's ledger says ${held.status}`;
          }
        } else {
          end = 'waiting';
          why = 'it left the outbox without being rejected or applied';
        }
      } else if (!p.answer) {
        end = 'waiting';
        why = `its push was never answered after ${p.attempts} attempts (${p.lastError ?? 'no token'})`;
      } else if (p.answer.status !== 200) {
        end = 'batch refused';
        why = `the whole push was refused (HTTP ${p.answer.status} ${p.answer.code}: ${p.answer.message})`;
      } else if (p.answer.poison?.status !== 'rejected') {
        end = p.answer.poison === null ? 'waiting' : 'applied';
        why =
          p.answer.poison === null
            ? 'the answer has no result for it'
            : `the server answered ${p.answer.poison.status}`;
      } else if (held?.status !== 'rejected') {
        end = 'waiting';
        why = `answered rejected, but the server's ledger says ${held?.status ?? 'nothing'}`;
      } else end = 'rejected by the server';

      report.byEnd[end] = (report.byEnd[end] ?? 0) + 1;
      const ok =
        end === 'rejected by the server' ||
        end === 'rejected by the workstation' ||
        end === 'number ignored by the server';
      for (const [bucket, key] of [
        [report.byKind, p.kind],
        [report.byRoute, p.route],
      ] as const) {
        bucket[key] ??= { injected: 0, rejected: 0 };
        bucket[key].injected++;
        if (ok) bucket[key].rejected++;
      }
      if (ok) report.rejected++;
      else violations.push(`${name} did not end rejected: ${why}`);

      // Never holding up the valid changes queued after it.
      if (p.route === 'outbox') {
        const after = [...p.station.acknowledged.keys()].slice(p.savedBefore);
        const missing = after.filter((id) => !onServer.has(id));
        if (missing.length > 0)
          violations.push(`${name} held up ${missing.length} of the ${after.length} appeals saved after it`);
      } else if (p.companion) {
        const c = p.answer?.companion;
        if (!onServer.has(p.companion.appeal.id) || (c && c.status === 'rejected'))
          violations.push(
            `${name} held up the valid appeal pushed after it: ${
              c
                ? `answered ${c.status}${c.status === 'rejected' ? ` (${c.reason.code}: ${c.reason.message})` : ''}`
                : 'no answer for it'
            }, ${onServer.has(p.companion.appeal.id) ? 'on' : 'not on'} the server`,
          );
      }
    }
    return report;
  }

  return {
    inject,
    async settle(withinMs) {
      giveUpAt = Date.now() + withinMs;
      await Promise.all(list.map((p) => p.delivery));
    },
    mutationIds: () => new Set(list.map((p) => p.mutationId)),
    // The poison, and valid appeals pushed after one whose answer never came: verify() speaks for them.
    entityIds: () =>
      new Set(
        list.flatMap((p) =>
          p.companion && !p.station.acknowledged.has(p.companion.appeal.id)
            ? [p.entityId, p.companion.appeal.id]
            : [p.entityId],
        ),
      ),
    verify,
  };
}
