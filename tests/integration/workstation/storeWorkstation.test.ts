// The workstation's handlers end to end: real config, real reference data (resources/), a real
// encrypted store in a temp folder.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../src/main/core/db/openStore';
import { CONFIG_FILE_NAME } from '../../../src/main/core/config/workstationConfig';
import { STORE_FILE_NAME, type Workstation } from '../../../src/main/workstation';
import { UUID_V7 } from '../../../src/shared/domain/ids';
import { contract, type Channel, type ChannelOutput, type EventName } from '../../../src/shared/ipc/contract';
import type { Result } from '../../../src/shared/result';
import { draft, draftInput, questionType } from '../support/drafts';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, open, value } from '../support/workstation';

const tempDir = useTempDirs('workstation-');

// 22:30 UTC on 1 March 2026 is already 2 March in Kyiv (UTC+2).
let now = new Date('2026-03-01T22:30:00Z');
const clock = () => now;

let dir: string;
let key: Buffer;
let ws: Workstation;
const events: [EventName, unknown][] = [];

/** Opens (or reopens, like a restart) the workstation and records its events. */
async function start() {
  ws = await open(dir, key, clock);
  ws.onEvent((event, payload) => events.push([event, payload]));
}

async function restart() {
  ws.close();
  await start();
}

beforeAll(async () => {
  dir = tempDir();
  key = randomKey();
  await start();
});
afterAll(() => ws.close());

/** Calls a handler and checks a successful output against the contract, as the dispatcher does. */
async function call<C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> {
  const result = (await ws.handlers[channel](input as never, ctx)) as Result<ChannelOutput<C>>;
  if (result.ok) contract[channel].output.parse(result.value);
  return result;
}

/** Counts rows through a second connection, as any reader would. */
function counts() {
  const store = openStore({ file: join(dir, STORE_FILE_NAME), key });
  if (!store.ok) throw new Error(store.error.message);
  const count = (table: string) =>
    store.value.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const result = {
    appeals: count('appeals'),
    outbox: count('outbox'),
    consultations: count('consultations'),
  };
  store.value.close();
  return result;
}

function withStore<T>(fn: (db: ReturnType<typeof openStore> & { ok: true }) => T): T {
  const store = openStore({ file: join(dir, STORE_FILE_NAME), key });
  if (!store.ok) throw new Error(store.error.message);
  try {
    return fn(store);
  } finally {
    store.value.close();
  }
}

describe('appeals:create', () => {
  it('registers an appeal with a provisional number, a deadline by Art. 20 and one outbox entry', async () => {
    const before = counts();
    const appeal = await value(call('appeals:create', draft()));
    expect(appeal.id).toMatch(UUID_V7);
    expect(appeal.provisionalNumber).toMatch(/^P-[0-9A-Z]{4}-\d{6}$/);
    expect(appeal).toMatchObject({
      status: 'registered',
      receivedOn: '2026-03-02',
      deadlineOn: '2026-04-02',
      deadlineRule: 'ua_month',
      priority: false,
      officialNumber: null,
      operatorId: 'operator-local',
      version: 1,
    });
    expect(counts()).toEqual({ ...before, appeals: before.appeals + 1, outbox: before.outbox + 1 });
    const entry = withStore(({ value: s }) =>
      s.db.prepare('SELECT entity_type, op, payload FROM outbox WHERE entity_id = ?').get(appeal.id),
    ) as { entity_type: string; op: string; payload: string };
    expect(entry.entity_type).toBe('appeal');
    expect(entry.op).toBe('create');
    expect(JSON.parse(entry.payload)).toEqual(appeal);
    expect(events).toContainEqual(['appeals:created', { id: appeal.id, callId: null }]);
    expect(await value(call('appeals:get', { id: appeal.id }))).toEqual(appeal);
  });

  it('uses the 15-day term of a question type that needs no extra study, and marks benefits as priority', async () => {
    const appeal = await value(
      call(
        'appeals:create',
        draft({ ...questionType('short'), benefit: 'war_veteran', applicant: { fullName: 'Інша Особа' } }),
      ),
    );
    expect(appeal).toMatchObject({ deadlineOn: '2026-03-17', deadlineRule: 'ua_short_15', priority: true });
  });

  it('numbers appeals monotonically, also across a restart', async () => {
    const first = await value(call('appeals:create', draft({ applicant: { fullName: 'Перший Номер' } })));
    await restart();
    const second = await value(call('appeals:create', draft({ applicant: { fullName: 'Другий Номер' } })));
    const n = (a: { provisionalNumber: string }) => Number(a.provisionalNumber.slice(-6));
    expect(n(second)).toBe(n(first) + 1);
    expect(second.provisionalNumber.slice(0, 6)).toBe(first.provisionalNumber.slice(0, 6));
  });

  it.each([
    ['an unknown question type', { categoryId: 't-nope' }, 'categoryId', 'unknown'],
    ['an unknown executor', { executorId: 'e-nope' }, 'executorId', 'unknown'],
    ['an unknown appeal to repeat', { repeatOf: 'a-nope' }, 'repeatOf', 'unknown'],
    ['an essence over 10,000 characters', { essence: 'я'.repeat(10_001) }, 'essence', 'too_long'],
    ['an anonymous applicant', { applicant: { fullName: '' } }, 'applicant.fullName', 'required'],
    ['a wrong phone number', { applicant: { phones: ['12345'] } }, 'applicant.phones.0', 'phone_invalid'],
    ['an unknown field', { hack: true }, '', 'unknown_field'],
  ])(
    'refuses %s with invalid_input naming the field, and stores nothing',
    async (_what, overrides, path, code) => {
      const before = counts();
      const result = await call('appeals:create', { ...draftInput(overrides as never), ...overrides });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.issues).toContainEqual(expect.objectContaining({ path, code }));
      expect(counts()).toEqual(before);
    },
  );

  it('refuses an oversize message with too_large and stores nothing', async () => {
    const before = counts();
    const result = await call('appeals:create', draftInput({ essence: 'x'.repeat(300_000) }));
    expect(!result.ok && result.error.code).toBe('too_large');
    expect(!result.ok && result.error.issues?.[0]?.code).toBe('too_large');
    expect(counts()).toEqual(before);
  });
});

describe('repeats (Art. 8)', () => {
  const person = {
    fullName: 'Гнатюк Петро',
    phones: ['0501112233'],
    address: { street: 'просп. Перемоги', building: '40' },
  };

  it('links an open duplicate automatically when the operator did not', async () => {
    const first = await value(call('appeals:create', draft({ applicant: person })));
    const check = await value(
      call('appeals:checkRepeat', {
        applicantName: 'Петро Гнатюк',
        phones: ['+380501112233'],
        address: { city: 'Київ', street: 'Перемоги', building: '40' },
        categoryId: first.categoryId,
      }),
    );
    expect(check).toMatchObject({ kind: 'open_duplicate', previous: { id: first.id } });
    const second = await value(call('appeals:create', draft({ applicant: person })));
    expect(second.repeatOf).toBe(first.id);
  });

  it('does not link another person at the same building, and reports a repeat of a resolved appeal', async () => {
    const other = { ...person, fullName: 'Гнатюк Ольга', phones: ['0509998877'] };
    const hers = await value(call('appeals:create', draft({ applicant: other })));
    expect(hers.repeatOf).toBeNull();
    withStore(({ value: s }) =>
      s.db
        .prepare(
          `UPDATE appeals SET status = 'closed', result = 'done',
             record = json_set(record, '$.status', 'closed', '$.result', 'done') WHERE id = ?`,
        )
        .run(hers.id),
    );
    const check = await value(
      call('appeals:checkRepeat', {
        applicantName: other.fullName,
        phones: other.phones,
        address: { city: 'Київ', street: 'Перемоги', building: '40' },
        categoryId: hers.categoryId,
      }),
    );
    expect(check).toMatchObject({ kind: 'resolved_repeat', previous: { id: hers.id, status: 'closed' } });
    const again = await value(call('appeals:create', draft({ applicant: other })));
    expect(again.repeatOf).toBe(hers.id);
    const atBuilding = await value(
      call('lookup:building', { address: { city: 'Київ', street: 'Перемоги', building: '40' } }),
    );
    expect(atBuilding.openAppeals.map((a) => a.applicantName)).toEqual([
      'Гнатюк Ольга',
      'Гнатюк Петро',
      'Гнатюк Петро',
    ]);
  });
});

describe('lookups', () => {
  it('finds a caller by phone however it was typed, appeals and consultations newest first', async () => {
    const phones = ['0443334455'];
    const a1 = await value(
      call('appeals:create', draft({ applicant: { fullName: 'Дзвінок Один', phones } })),
    );
    now = new Date(now.getTime() + 60_000);
    const c1 = await value(
      call('consultations:create', {
        phone: '+38 (044) 333-44-55',
        question: 'Графік вивезення сміття?',
        answer: 'Щочетверга',
      }),
    );
    now = new Date(now.getTime() + 60_000);
    const a2 = await value(call('appeals:create', draft({ applicant: { fullName: 'Дзвінок Два', phones } })));
    const found = await value(call('lookup:caller', { phone: '044 333 44 55' }));
    expect(found.appeals.map((a) => a.id)).toEqual([a2.id, a1.id]);
    expect(found.consultations.map((c) => c.id)).toEqual([c1.id]);
    expect(found.appeals[0]).toMatchObject({ applicantName: 'Дзвінок Два', phones: ['+380443334455'] });
  });

  it('finds open appeals at a building however the address was typed', async () => {
    const a = await value(
      call(
        'appeals:create',
        draft({
          applicant: {
            fullName: 'Будинок Тест',
            address: { street: 'вулиця Саксаганського', building: '7А' },
          },
        }),
      ),
    );
    const found = await value(
      call('lookup:building', { address: { city: 'київ', street: 'Саксаганського', building: '7 а' } }),
    );
    expect(found.openAppeals.map((x) => x.id)).toEqual([a.id]);
  });
});

describe('consultations', () => {
  it('records a consultation with its outbox entry and lists them newest first in pages', async () => {
    const before = counts();
    const made = [];
    for (const question of ['Питання 1', 'Питання 2', 'Питання 3']) {
      now = new Date(now.getTime() + 1000);
      made.push(await value(call('consultations:create', { question, answer: 'Відповідь' })));
    }
    expect(counts()).toMatchObject({ consultations: before.consultations + 3, outbox: before.outbox + 3 });
    expect(events).toContainEqual(['consultations:created', { id: made[2]!.id, callId: null }]);
    const page1 = await value(call('consultations:list', { limit: 2 }));
    expect(page1.items.map((c) => c.id)).toEqual([made[2]!.id, made[1]!.id]);
    const page2 = await value(call('consultations:list', { limit: 2, cursor: page1.nextCursor }));
    expect(page2.items[0]!.id).toBe(made[0]!.id);
  });

  it('refuses an unknown question type', async () => {
    const result = await call('consultations:create', { question: 'q', answer: 'a', categoryId: 't-nope' });
    expect(!result.ok && result.error.issues).toEqual([expect.objectContaining({ path: 'categoryId' })]);
  });
});

describe('settings, reference data and app info', () => {
  it('starts with Ukrainian and the system theme, and keeps a change across a restart', async () => {
    expect(await value(call('settings:get', {}))).toEqual({ locale: 'uk', theme: 'system' });
    expect(await value(call('settings:update', { theme: 'dark' }))).toEqual({ locale: 'uk', theme: 'dark' });
    await restart();
    expect(await value(call('settings:get', {}))).toEqual({ locale: 'uk', theme: 'dark' });
  });

  it('falls back to the default for a stored value it does not understand', async () => {
    await value(call('settings:update', { locale: 'ru' }));
    withStore(({ value: s }) =>
      s.db.prepare(`UPDATE settings SET value = '"klingon"' WHERE key = 'theme'`).run(),
    );
    expect(await value(call('settings:get', {}))).toEqual({ locale: 'ru', theme: 'system' });
  });

  it('serves the classifier, the executors and the call script from resources/', async () => {
    expect((await value(call('reference:classifier', {}))).types.length).toBeGreaterThan(100);
    expect((await value(call('reference:executors', {}))).executors.length).toBeGreaterThan(100);
    expect((await value(call('scripts:get', {}))).id).toBe('intake');
    const missing = await call('scripts:get', { id: 'no-such-script' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('describes the workstation, keeping the store’s device id when workstation.json is recreated', async () => {
    const info = await value(call('app:info', {}));
    expect(info).toMatchObject({
      host: 'web',
      ruleSet: 'ua',
      center: { code: '1551', timeZone: 'Europe/Kyiv' },
    });
    expect(info.deviceId).toBe(JSON.parse(readFileSync(join(dir, CONFIG_FILE_NAME), 'utf8')).deviceId);
    rmSync(join(dir, CONFIG_FILE_NAME));
    await restart();
    expect(ws.info.deviceId).toBe(info.deviceId);
  });
});

it('keeps no appeal text, name or phone in plain form on disk (store and WAL)', async () => {
  const secret = {
    essence: 'Таємницякотруніхтонемаєпрочитати',
    fullName: 'Неповторнепрізвище Ганна',
    phone: '0931234321',
  };
  await value(
    call(
      'appeals:create',
      draft({ essence: secret.essence, applicant: { fullName: secret.fullName, phones: [secret.phone] } }),
    ),
  );
  const files = [join(dir, STORE_FILE_NAME), join(dir, `${STORE_FILE_NAME}-wal`)];
  const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
  expect(readFileSync(files[1]!).length).toBeGreaterThan(0);
  for (const needle of [secret.essence, 'Неповторнепрізвище', '+380931234321', '0931234321', 'Хрещатик']) {
    expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
  }
});
