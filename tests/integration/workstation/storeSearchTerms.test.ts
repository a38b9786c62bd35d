// The dictionary of indexed words (searchTerms.ts): it must hold every word the index holds, or a
// search spelled out from it would lose appeals. Checked against SQLite's own tokenizer on real
// essences and on text built to differ, and by comparing every search with FTS5's own prefix query.
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { listAppeals, type AppealFilter } from '../../../src/main/appeals/appealsRepo';
import { foldForIndex, ftsQuery } from '../../../src/main/appeals/search';
import { indexedWords, recordSearchTerms, searchExpression } from '../../../src/main/appeals/searchTerms';
import { inImmediateTransaction } from '../../../src/main/core/db/transaction';
import { migrate } from '../../../src/main/core/db/migrate';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';
import { openStore } from '../../../src/main/core/db/openStore';
import type { WritableDB } from '../../../src/main/core/db/types';
import { STORE_FILE_NAME } from '../../../src/main/workstation';
import { draftInput } from '../support/drafts';
import { noAppealFilter } from '../support/storeRows';
import { randomKey, useTempDirs } from '../support/storeFiles';
import { ctx, open, value } from '../support/workstation';

const tempDir = useTempDirs();
const DATA = resolve(process.cwd(), '../shared/data/kyiv1551/appeals-dev.jsonl.gz');

/** Text built to trip a tokenizer: diacritics, ligatures, marks, other scripts, odd punctuation. */
const tricky = [
  'Café naïve Straße İstanbul ǅemal ﬁne Ⅻ ½ ٣٤ x\u0306y',
  'ремонт_покрівлі ремонт-покрівлі ремонт.покрівлі «ремонт» №5 — ремонтні…',
  'РЕМОНТУ ПОКРІВЛІ ЙОГО ЇЖАК ЄВРО ҐАНОК ЁЛКА ЎСЁ',
  'Ремонт 🔥 покрівлі 👍🏽 sos\u00adремонт',
  'Ѐ ѐ Ѝ ѝ ӧ ӱ Ӑ ҳ ң ә ө ү ұ қ ғ һ', // Kazakh and Church Slavonic letters
  'тест\u200bремонт ремонт\u00a0покрівлі tab\tremont\nline',
];

/** The words SQLite itself indexes for `text`, at least three characters long. */
function tokenizerWords(db: Database.Database, text: string): string[] {
  db.prepare('INSERT INTO scratch (text) VALUES (?)').run(text);
  const words = db
    .prepare('SELECT term FROM scratch_vocab WHERE length(term) >= 3')
    .pluck()
    .all() as string[];
  db.prepare(`INSERT INTO scratch (scratch) VALUES ('delete-all')`).run();
  return words.sort();
}

function sampleEssences(every: number): string[] {
  if (!existsSync(DATA)) return [];
  const lines = gunzipSync(readFileSync(DATA)).toString('utf8').split('\n');
  return lines.filter((line, i) => line !== '' && i % every === 0).map((l) => JSON.parse(l).text as string);
}

describe('the words the index holds, as search_terms records them', () => {
  it('are exactly what SQLite tokenizes, whenever the fast path claims the text', () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE VIRTUAL TABLE scratch USING fts5 (text, content = '', tokenize = 'unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE scratch_vocab USING fts5vocab (scratch, row);`);
    const texts = [...tricky, ...sampleEssences(20)].map(foldForIndex);
    let mirrored = 0;
    for (const text of texts) {
      const words = indexedWords(text);
      if (words === null) continue;
      mirrored++;
      expect([...words].sort(), text).toEqual(tokenizerWords(db, text));
    }
    // The fast path must be the usual one, or it is not worth having.
    if (texts.length > 1000) expect(mirrored / texts.length).toBeGreaterThan(0.8);
    // Text with characters the fast path does not mirror goes to SQLite's tokenizer instead.
    expect(indexedWords(tricky[0]!)).toBeNull();
    expect(indexedWords(tricky[4]!)).toBeNull();
    db.close();
  });
});

describe('a search spelled out from the dictionary', () => {
  const noFilter: AppealFilter = { ...noAppealFilter, limit: 500 };

  const essences = [
    ...tricky,
    'Протікає покрівля, потрібен ремонт даху',
    'Ремонт покрівлі не завершено',
    'Ремонтні роботи на покрівлі ведуться вночі',
    'Ремонтировать крышу никто не приходит',
    'Немає гарячої води з ранку',
    'Нет горячей воды, ремонт трубы',
    'Café на розі: ремонт тротуару',
  ];
  const queries = [
    'ремонт покрівлі',
    'ремонт',
    'РЕМОНТНІ',
    'покрівл',
    'рем',
    'гарячої води',
    'нет воды',
    'café',
    'cafe',
    'straße',
    'istanbul',
    'ǆemal',
    'ёлка',
    'його',
    'ҳ',
    'ә ремонт',
    'ремонт 5',
    'ремонтир',
    'неіснуюче слово',
  ];

  it('finds exactly what FTS5 prefix queries find', async () => {
    const dir = tempDir();
    const key = randomKey();
    const file = join(dir, STORE_FILE_NAME);
    const ws = await open(dir, key);
    for (const essence of essences)
      await value(ws.handlers['appeals:create'](draftInput({ essence }) as never, ctx));
    const store = openStore({ file, key });
    if (!store.ok) throw new Error(store.error.message);
    const db = store.value.db;
    const ids = (match: string | null) => listAppeals(db, { ...noFilter, match }).appeals.map((a) => a.id);
    let spelledOut = 0;
    for (const query of queries) {
      const expression = searchExpression(db, query);
      if (expression?.includes(' OR ')) spelledOut++;
      expect(ids(expression), `${query}: ${expression}`).toEqual(ids(ftsQuery(query)));
    }
    expect(spelledOut).toBeGreaterThan(3);
    expect(ids(searchExpression(db, 'ремонт покрівлі'))).toHaveLength(7);
    store.value.close();
    ws.close();
  });
});

describe('migration 14', () => {
  it('fills the dictionary from the words already indexed', () => {
    const db = new Database(':memory:') as unknown as WritableDB;
    migrate(db, MIGRATIONS, 13);
    db.prepare('INSERT INTO appeals_fts (rowid, essence, applicant, address) VALUES (?, ?, ?, ?)').run(
      1,
      foldForIndex('Ремонт покрівлі, Café'),
      'Олена Ко',
      'Хрещатик 22',
    );
    migrate(db, MIGRATIONS, 14);
    const terms = db.prepare('SELECT term FROM search_terms ORDER BY term').pluck().all();
    expect(terms).toEqual(['cafe', 'олена', 'покрівлі', 'ремонт', 'хрещатик']);
    expect(searchExpression(db, 'ремонти покрівлею')).toBe('"ремонт" AND "покрівлі"');
    db.close();
  });
});

describe('the words remembered as recorded', () => {
  it('are only those of committed transactions: a rolled-back save leaves nothing remembered but missing', () => {
    const db = new Database(':memory:') as unknown as WritableDB;
    migrate(db, MIGRATIONS);
    const terms = () => db.prepare('SELECT term FROM search_terms ORDER BY term').pluck().all();
    inImmediateTransaction(db, () => recordSearchTerms(db, ['ремонт покрівлі']));
    expect(() =>
      inImmediateTransaction(db, () => {
        recordSearchTerms(db, ['ремонт ліфта']);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(terms()).toEqual(['покрівлі', 'ремонт']);
    // The retry of the same save records the word again.
    inImmediateTransaction(db, () => recordSearchTerms(db, ['ремонт ліфта']));
    expect(terms()).toEqual(['ліфта', 'покрівлі', 'ремонт']);
    // A nested level that rolls back loses its words even though the outer one commits.
    inImmediateTransaction(db, () => {
      try {
        inImmediateTransaction(db, () => {
          recordSearchTerms(db, ['вода']);
          throw new Error('inner');
        });
      } catch {
        // the outer transaction goes on
      }
    });
    inImmediateTransaction(db, () => recordSearchTerms(db, ['вода']));
    expect(terms()).toEqual(['вода', 'ліфта', 'покрівлі', 'ремонт']);
    db.close();
  });
});
