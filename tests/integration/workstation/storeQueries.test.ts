// The store's queries against a real encrypted file: what they find, in which order, and that each
// is served by its index (EXPLAIN QUERY PLAN), so it stays fast at a million appeals.
import { join } from 'node:path';
import { APPEAL_QUERIES, listAppealsQuery, type AppealFilter } from '../../../src/main/appeals/appealsRepo';
import { CONSULTATION_QUERIES } from '../../../src/main/consultations/consultationsRepo';
import { ftsQuery } from '../../../src/main/appeals/search';
import type { ReadableDB, WritableDB } from '../../../src/main/core/db/types';
import { setOfficialNumber } from '../../../src/main/sync/syncRepo';
import type { Workstation } from '../../../src/main/workstation';
import { openStore } from '../../../src/main/core/db/openStore';
import { STORE_FILE_NAME } from '../../../src/main/workstation';
import { draftInput } from '../support/drafts';
import { noAppealFilter } from '../support/storeRows';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, open, value } from '../support/workstation';

const tempDir = useTempDirs();
let ws: Workstation;
let db: ReadableDB;
let closeDb: () => void;

const essences = [
  'Немає опалення в квартирі, батареї холодні',
  'Прошу перевірити якість опаленням будинку: температура 14 градусів',
  'Не работает отопление в подъезде',
  'Плохое качество отопления, холодно в квартире',
  'Відсутня гаряча вода вже тиждень',
  'Нет горячей воды третий день',
  'Не працює ліфт у під’їзді № 2',
  'Яма на дорозі біля будинку 220',
];

const surnames = [
  'Коваленко',
  'Шевченко',
  'Бондаренко',
  'Ткаченко',
  'Кравченко',
  'Олійник',
  'Мельник',
  'Поліщук',
];

beforeAll(async () => {
  const dir = tempDir();
  const key = randomKey();
  ws = await open(dir, key);
  for (const [i, essence] of essences.entries()) {
    await value(
      ws.handlers['appeals:create'](
        draftInput({
          essence,
          applicant: {
            fullName: `${surnames[i]} Олена`,
            phones: [`067000000${i}`],
            address: { building: `${10 + i}` },
          },
        }) as never,
        ctx,
      ),
    );
  }
  // A second connection for EXPLAIN, like any reader would have.
  const store = openStore({ file: join(dir, STORE_FILE_NAME), key });
  if (!store.ok) throw new Error(store.error.message);
  db = store.value.db;
  closeDb = store.value.close;
});
afterAll(() => {
  closeDb();
  ws.close();
});

const search = async (text: string) =>
  (await value(ws.handlers['appeals:list']({ text } as never, ctx))).items.map((a) => a.essencePreview);

describe('full-text search in Ukrainian and Russian', () => {
  it('finds inflected forms of a Ukrainian word: опалення, опаленням', async () => {
    expect(await search('опалення')).toEqual([essences[1], essences[0]]);
    expect(await search('опаленням')).toEqual([essences[1], essences[0]]);
  });

  it('finds inflected forms of a Russian word: отопление, отопления', async () => {
    expect(await search('отопление')).toEqual([essences[3], essences[2]]);
    expect(await search('отоплением')).toEqual([essences[3], essences[2]]);
  });

  it('requires every word and ignores case and apostrophes', async () => {
    expect(await search('ГАРЯЧОЇ води')).toEqual([essences[4]]);
    expect(await search('горячая вода')).toEqual([essences[5]]);
    expect(await search("ліфт під'їзд")).toEqual([essences[6]]);
  });

  it('matches numbers exactly', async () => {
    expect(await search('будинку 220')).toEqual([essences[7]]);
    expect(await search('22')).toEqual([]);
    expect(await search('2')).toEqual([essences[6]]);
  });

  it('searches the applicant name and address as well', async () => {
    expect((await search('ткаченко')).length).toBe(1);
    expect((await search('Олена')).length).toBe(essences.length);
    expect((await search('Хрещатик')).length).toBe(essences.length);
  });
});

describe('lookup by number', () => {
  const list = async (text: string, more: object = {}) =>
    (await value(ws.handlers['appeals:list']({ text, ...more } as never, ctx))).items;

  it('finds an appeal by its provisional or official number, however the citizen reads it out', async () => {
    const [newest, , third] = await list('');
    expect((await list(newest!.provisionalNumber)).map((a) => a.id)).toEqual([newest!.id]);
    const spoken = newest!.provisionalNumber.toLowerCase().replaceAll('-', ' - ').replace(/^p/, 'р');
    expect((await list(spoken)).map((a) => a.id)).toEqual([newest!.id]);

    setOfficialNumber(db as WritableDB, third!.id, '1551-2026-000042');
    expect((await list('1551-2026-000042')).map((a) => a.id)).toEqual([third!.id]);
    expect((await list('1551 2026 000042')).map((a) => a.id)).toEqual([]);
    // A number names its appeal whatever the other filters say.
    expect((await list('1551-2026-000042', { onlyPriority: true })).map((a) => a.id)).toEqual([third!.id]);
    expect(await list('1551-2026-000043')).toEqual([]);
  });

  it('leaves other text to the full-text search', async () => {
    expect(await search('220')).toEqual(['Яма на дорозі біля будинку 220']);
  });
});

describe('filters', () => {
  const list = async (query: object) =>
    (await value(ws.handlers['appeals:list'](query as never, ctx))).items.map((a) => a.essencePreview);

  it('combine with the text search', async () => {
    expect(await list({ text: 'опалення', statuses: ['registered'] })).toEqual([essences[1], essences[0]]);
    expect(await list({ text: 'опалення', statuses: ['closed'] })).toEqual([]);
    expect(await list({ text: 'опалення', phone: '0670000000' })).toEqual([essences[0]]);
  });

  it('find nothing overdue among appeals registered today', async () => {
    expect(await list({ onlyOverdue: true })).toEqual([]);
    expect(await list({ statuses: ['registered'] })).toHaveLength(essences.length);
  });
});

describe('paging', () => {
  it('walks all appeals newest first with a keyset cursor, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await value(
        ws.handlers['appeals:list']({ limit: 3, cursor } as never, ctx),
      );
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(essences.length);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('refuses a cursor it did not make', async () => {
    const result = await ws.handlers['appeals:list']({ cursor: 'k$$' } as never, ctx);
    expect(!result.ok && result.error.issues?.[0]?.path).toBe('cursor');
  });
});

function planOf(sql: string, params: unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

const noFilter = noAppealFilter;

describe('query plans', () => {
  it.each([
    [
      'caller lookup by phone',
      APPEAL_QUERIES.byPhone,
      ['+380670000001', 20],
      /SEARCH p USING PRIMARY KEY \(phone=\?\)/,
    ],
    [
      'open appeals at a building',
      APPEAL_QUERIES.openAtBuilding,
      ['київ|хрещатик|12', 50],
      /USING INDEX appeals_open_building \(building_key=\?\)/,
    ],
    [
      'repeat candidates',
      APPEAL_QUERIES.atBuildingOnCategory,
      ['київ|хрещатик|12', 't-1', 200],
      /USING INDEX appeals_building_category \(building_key=\? AND category_id=\?\)/,
    ],
    [
      'appeal by official number',
      APPEAL_QUERIES.byOfficialNumber,
      ['1551-2026-000042'],
      /USING INDEX appeals_official_number \(official_number=\?\)/,
    ],
    [
      'appeal by provisional number',
      APPEAL_QUERIES.byProvisionalNumber,
      ['P-7K3M-000001'],
      /USING INDEX appeals_provisional_number \(provisional_number=\?\)/,
    ],
    [
      'consultations by phone',
      CONSULTATION_QUERIES.byPhone,
      ['+380670000001', 20],
      /USING INDEX consultations_phone \(phone=\?\)/,
    ],
  ])('%s uses its index and needs no sort', (_name, sql, params, expected) => {
    const plan = planOf(sql, params);
    expect(plan).toMatch(expected);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it.each<[string, Partial<AppealFilter>, RegExp]>([
    ['newest first', {}, /LIST SUBQUERY 1 \| SCAN i$/],
    ['by category', { categoryId: 't-1' }, /USING COVERING INDEX appeals_category \(category_id=\?\)/],
    ['by executor', { executorId: 'e-1' }, /USING COVERING INDEX appeals_executor \(executor_id=\?\)/],
    ['by status', { statuses: ['registered'] }, /USING COVERING INDEX appeals_status \(status=\?\)/],
    ['overdue', { overdueBefore: '2026-01-01' }, /USING INDEX appeals_open_deadline \(deadline_on<\?\)/],
    ['priority', { onlyPriority: true }, /USING COVERING INDEX appeals_priority/],
    [
      'received in a period',
      { receivedFrom: '2026-01-01', receivedTo: '2026-01-31' },
      /USING COVERING INDEX appeals_received/,
    ],
    ['by phone', { phone: '+380670000001' }, /SEARCH appeal_phones USING PRIMARY KEY \(phone=\?\)/],
    ['full text', { match: ftsQuery('опалення') }, /SCAN f VIRTUAL TABLE INDEX/],
    [
      'full text and status',
      { match: ftsQuery('опалення'), statuses: ['registered'] },
      /SCAN f VIRTUAL TABLE INDEX .* \| SEARCH i USING INTEGER PRIMARY KEY \(rowid=\?\)/,
    ],
    ['next page', { before: 123 }, /SEARCH i USING INTEGER PRIMARY KEY \(rowid<\?\)/],
  ])('the appeal list %s is index-backed and reads only one page of records', (_name, filter, expected) => {
    const { sql, params } = listAppealsQuery({ ...noFilter, ...filter });
    const plan = planOf(sql, params);
    expect(plan).toMatch(expected);
    expect(plan).toMatch(/^SEARCH a USING INTEGER PRIMARY KEY \(rowid=\?\) \| LIST SUBQUERY/);
    // Ranges sort the matching keys (integers from the index), never whole rows.
    if (!filter.receivedFrom && !filter.overdueBefore) expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
