// Call records end to end through the workstation's handlers, on a real encrypted store: each
// save writes the record and its outbox entry together, main owns the version, what a call was
// cannot be rewritten, links must name local records, and the list pages newest first.
import { join } from 'node:path';
import { callsBySipCallId } from '../../../src/main/calls/callsRepo';
import { openStore } from '../../../src/main/core/db/openStore';
import type { WritableDB } from '../../../src/main/core/db/types';
import { STORE_FILE_NAME, type Workstation } from '../../../src/main/workstation';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { contract, type Channel, type ChannelOutput, type EventName } from '../../../src/shared/ipc/contract';
import type { Result } from '../../../src/shared/result';
import type { CallRecord, CallReport } from '../../../src/shared/softphone/calls';
import { draft } from '../support/drafts';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, open, value } from '../support/workstation';

const tempDir = useTempDirs('calls-');
let now = new Date('2026-11-22T10:00:00Z');
const clock = () => now;
let dir: string;
let key: Buffer;
let ws: Workstation;
const events: [EventName, unknown][] = [];

async function start() {
  ws = await open(dir, key, clock);
  ws.onEvent((event, payload) => events.push([event, payload]));
}

beforeAll(async () => {
  dir = tempDir();
  key = randomKey();
  await start();
});
afterAll(() => ws.close());

async function call<C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> {
  const parsed = contract[channel].input.parse(input);
  const result = (await ws.handlers[channel](parsed as never, ctx)) as Result<ChannelOutput<C>>;
  if (result.ok) contract[channel].output.parse(result.value);
  return result;
}

/** Reads through a second connection, as any reader would. */
function withStore<T>(read: (db: WritableDB) => T): T {
  const store = openStore({ file: join(dir, STORE_FILE_NAME), key });
  if (!store.ok) throw new Error(store.error.message);
  try {
    return read(store.value.db);
  } finally {
    store.value.close();
  }
}

const callRows = (id: string) =>
  withStore((db) => db.prepare('SELECT version, result FROM calls WHERE id = ?').all(id)) as {
    version: number;
    result: string | null;
  }[];
const outboxOf = (id: string) =>
  withStore((db) =>
    db
      .prepare("SELECT op, payload FROM outbox WHERE entity_type = 'call' AND entity_id = ? ORDER BY seq")
      .all(id),
  ) as { op: string; payload: string }[];

function ringing(over: Partial<CallReport> = {}): CallReport {
  const ringAt = now.toISOString();
  return {
    id: uuidv7(now.getTime()),
    sipCallId: `sip-${Math.random().toString(36).slice(2)}@pbx`,
    direction: 'inbound',
    localNumber: '1551',
    remoteNumber: '+380441234567',
    remoteName: null,
    ringAt,
    answeredAt: null,
    endedAt: null,
    result: null,
    transferTarget: null,
    appealIds: [],
    consultationIds: [],
    ...over,
  };
}

/** What the softphone reports of a record main returned: main's own fields left out. */
function reportOf(record: CallRecord): CallReport {
  const { operatorId: _operator, version: _version, updatedAt: _updated, ...report } = record;
  return report;
}

const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
  return now.toISOString();
};

describe('call records', () => {
  it('store each save with an outbox entry carrying the whole record, versions raised by main', async () => {
    // The softphone cannot name what main owns: the operator, the version, the time of the save.
    for (const owned of [
      { operatorId: 'whatever-the-renderer-says' },
      { version: 7 },
      { updatedAt: later(0) },
    ])
      expect(contract['calls:save'].input.safeParse({ ...ringing(), ...owned }).success).toBe(false);
    const rang = await value(call('calls:save', ringing()));
    expect(rang.version).toBe(1);
    expect(rang.operatorId).not.toBe('whatever-the-renderer-says');
    expect(events).toContainEqual(['calls:saved', { id: rang.id }]);

    const answeredAt = later(5);
    const answered = await value(call('calls:save', { ...reportOf(rang), answeredAt }));
    const endedAt = later(60);
    const ended = await value(call('calls:save', { ...reportOf(answered), endedAt, result: 'answered' }));
    expect([answered.version, ended.version]).toEqual([2, 3]);
    expect(ended.updatedAt).toBe(endedAt);

    expect(callRows(rang.id)).toEqual([{ version: 3, result: 'answered' }]);
    const outbox = outboxOf(rang.id);
    expect(outbox.map((e) => e.op)).toEqual(['upsert', 'upsert', 'upsert']);
    expect(outbox.map((e) => (JSON.parse(e.payload) as CallRecord).version)).toEqual([1, 2, 3]);
    expect(JSON.parse(outbox[2]!.payload)).toEqual(ended);
    expect(await value(call('calls:get', { id: rang.id }))).toEqual(ended);
    expect(withStore((db) => callsBySipCallId(db, rang.sipCallId))).toEqual([ended]);
  });

  it('write the record and its outbox entry in one transaction: neither when the outbox fails', async () => {
    withStore((db) =>
      db.exec(`CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'test'); END`),
    );
    const record = ringing();
    try {
      await expect(call('calls:save', record)).rejects.toThrow();
    } finally {
      withStore((db) => db.exec('DROP TRIGGER outbox_refuses'));
    }
    expect(callRows(record.id)).toEqual([]);
    expect(outboxOf(record.id)).toEqual([]);
  });

  it('refuse to rewrite what a call was, or to reopen a finished call, and store nothing then', async () => {
    later(600);
    const rang = await value(call('calls:save', ringing()));
    const moved = await call('calls:save', { ...reportOf(rang), direction: 'outbound', ringAt: later(1) });
    expect(!moved.ok && moved.error.issues?.map((i) => i.path)).toEqual(['direction', 'ringAt']);

    const missed = await value(
      call('calls:save', { ...reportOf(rang), endedAt: later(20), result: 'missed' }),
    );
    const reopened = await call('calls:save', { ...reportOf(missed), endedAt: null, result: null });
    expect(!reopened.ok && reopened.error.code).toBe('invalid_input');
    expect(!reopened.ok && reopened.error.message).toContain('A finished call cannot go back');
    expect(callRows(rang.id)).toEqual([{ version: 2, result: 'missed' }]);
    expect(outboxOf(rang.id)).toHaveLength(2);
  });

  it('link appeals and consultations registered during the call or its wrap-up, only existing ones', async () => {
    later(600);
    const rang = await value(call('calls:save', ringing({ answeredAt: later(3) })));
    // Registered during the call: main links it to the call's record itself and says so.
    const appeal = await value(call('appeals:create', draft()));
    expect(events).toContainEqual(['appeals:created', { id: appeal.id, callId: rang.id }]);
    const linked = await value(call('calls:get', { id: rang.id }));
    expect(linked.appealIds).toEqual([appeal.id]);

    // Wrap-up: the call has ended, a consultation is registered and linked afterwards (with no
    // server the agent never enters wrap-up, so here the save names it: main keeps every link).
    const ended = await value(
      call('calls:save', { ...reportOf(linked), endedAt: later(30), result: 'answered' }),
    );
    const consultation = await value(
      call('consultations:create', { question: 'Графік вивезення сміття?', answer: 'Щочетверга' }),
    );
    const both = await value(call('calls:save', { ...reportOf(ended), consultationIds: [consultation.id] }));
    expect(both).toMatchObject({ appealIds: [appeal.id], consultationIds: [consultation.id], version: 4 });
    expect(
      withStore((db) =>
        db.prepare('SELECT entity_type, entity_id FROM call_links WHERE call_id = ?').all(rang.id),
      ),
    ).toEqual(
      expect.arrayContaining([
        { entity_type: 'appeal', entity_id: appeal.id },
        { entity_type: 'consultation', entity_id: consultation.id },
      ]),
    );

    const ghost = uuidv7();
    const bad = await call('calls:save', { ...reportOf(both), appealIds: [appeal.id, ghost] });
    expect(!bad.ok && bad.error.issues).toEqual([
      {
        path: 'appealIds.1',
        code: 'unknown',
        message: `No appeal "${ghost}" in this store to link to the call`,
      },
    ]);
    expect(callRows(rang.id)).toEqual([{ version: 4, result: 'answered' }]);
  });

  it('list newest first by ring time, in pages that do not shift when calls are saved again', async () => {
    later(3600);
    const made: CallRecord[] = [];
    for (let i = 0; i < 5; i++) {
      later(10);
      made.push(await value(call('calls:save', ringing())));
    }
    const page1 = await value(call('calls:list', { limit: 2 }));
    expect(page1.items.map((c) => c.id)).toEqual([made[4]!.id, made[3]!.id]);
    // Saving an older call again (it ended) does not move it to the top.
    await value(call('calls:save', { ...reportOf(made[1]!), endedAt: later(5), result: 'missed' }));
    const page2 = await value(call('calls:list', { limit: 2, cursor: page1.nextCursor }));
    expect(page2.items.map((c) => c.id)).toEqual([made[2]!.id, made[1]!.id]);
    expect(page2.items[1]!.result).toBe('missed');
    const bad = await call('calls:list', { limit: 2, cursor: 'nope' });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
  });

  it('keep records and the version sequence across a restart', async () => {
    const { items } = await value(call('calls:list', { limit: 1 }));
    const newest = items[0]!;
    ws.close();
    await start();
    expect(await value(call('calls:get', { id: newest.id }))).toEqual(newest);
    const again = await value(call('calls:save', { ...reportOf(newest), remoteName: 'Caller' }));
    expect(again.version).toBe(newest.version + 1);
    const missing = await call('calls:get', { id: uuidv7() });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});
