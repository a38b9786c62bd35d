// The local store at a million appeals: `npx tsx bench/store.ts` (or `npm run bench`).
// STORE_BENCH_QUICK=1 builds a small synthetic store instead (no data set needed);
// STORE_BENCH_ROWS=N changes the size. The built store is cached under .bench/.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '../src/main/core/db/openStore';
import { loadReference } from '../src/main/core/reference/loadReference';
import { fileKeyProvider } from '../src/main/security/keyProvider';
import { openWorkstation, STORE_FILE_NAME, type Workstation } from '../src/main/workstation';
import { withParsedInput } from '../src/main/ipc/test/parsedHandlers';
import type { Appeal, AppealDraftInput } from '../src/shared/domain/appeal';
import { ftsQuery } from '../src/main/appeals/search';
import { searchExpression } from '../src/main/appeals/searchTerms';
import { bareMatch, bareSaver } from './support/bareStore';
import { percentile, printRows, type BenchRow } from './report';
import { measureWorkLists } from './workListsBench';
import { measureSuggestions } from './suggestBench';
import { appealHistory } from '../src/main/appeals';
import type { Store } from '../src/main/core/db/types';
import { benchStore, KYIV_1551_DATA, type BenchStoreSpec } from './support/benchStore';
import {
  address,
  BUILDING_COUNT,
  buildingAddress,
  FREQUENT_CALLERS,
  frequentCallerPhone,
  oneTimeCallerPhone,
  personName,
  seededRandom,
} from './support/syntheticPeople';

export type { BenchRow } from './report';

const ROOT = resolve(import.meta.dirname, '..');
const RESOURCES = join(ROOT, 'resources');
const BENCH_DIR = join(ROOT, '.bench');
const ctx = { senderId: 'bench' };

/** What operators type into the search box, in Ukrainian and Russian, inflected as people write. */
const SEARCHES = [
  'опалення',
  'немає гарячої води',
  'не працює ліфт',
  'вивезення сміття',
  'протікає дах',
  'яма на дорозі',
  'освітлення під’їзду',
  'ремонт покрівлі',
  'прибирання снігу',
  'незаконна торгівля',
  'отопление',
  'нет горячей воды',
  'не работает лифт',
  'уборка мусора',
  'течет крыша',
  'освещение подъезда',
  'Хрещатик',
  'Шевченко Олена',
];

const ratioRow = (name: string, ratio: number, limit: number): BenchRow => ({
  name,
  value: ratio,
  unit: 'x',
  target: `<= ${limit} x`,
  pass: ratio <= limit,
});

/**
 * How late a 1 ms timer fires, each time, until the returned stop is called: what an input event
 * arriving then would wait for. (perf_hooks' monitor counts a disable/enable pause as one delay.)
 */
function watchEventLoop(delays: number[]): () => void {
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    delays.push(Math.max(0, now - last - 1));
    last = now;
  }, 1);
  return () => clearInterval(timer);
}

const nextTurn = () => new Promise((done) => setImmediate(done));

async function timed(samples: number[], fn: () => unknown): Promise<void> {
  const started = performance.now();
  const result = (await fn()) as { ok: boolean; error?: { message: string } };
  samples.push(performance.now() - started);
  if (!result.ok) throw new Error(result.error?.message);
}

const row = (
  name: string,
  value: number,
  unit: string,
  limit: number | null,
  target = limit === null ? '-' : `<= ${limit} ${unit}`,
): BenchRow => ({
  name,
  value,
  unit,
  target,
  pass: limit === null ? null : value <= limit,
});

const SAVES_MEASURED = 1000;
const LOOP_WATCHED_SAVES = 500;

async function measure(
  ws: Workstation,
  bare: Store,
  reference: ReturnType<typeof loadReference> & { ok: true },
) {
  const random = seededRandom(42);
  const types = reference.value.classifier.types.filter((t) => t.defaultExecutorId !== null);
  const draft = (): AppealDraftInput => {
    const type = types[Math.floor(random() * types.length)]!;
    return {
      type: 'statement',
      categoryId: type.id,
      executorId: type.defaultExecutorId!,
      essence: 'Третій день немає гарячої води в квартирі, прошу втрутитися.',
      applicant: {
        fullName: personName(random),
        phones: [frequentCallerPhone(Math.floor(random() * 1e6))],
        address: address(random),
      },
    };
  };
  const callerPhone = () =>
    random() < 0.5
      ? frequentCallerPhone(Math.floor(random() * FREQUENT_CALLERS))
      : oneTimeCallerPhone(Math.floor(random() * 900_000));
  const building = () => buildingAddress(Math.floor(random() * BUILDING_COUNT));
  const h = ws.handlers;

  // Warm the page cache the way a morning's first calls would.
  for (let i = 0; i < 50; i++) {
    await h['lookup:caller']({ phone: callerPhone(), limit: 20 }, ctx);
    await h['lookup:building']({ address: building(), limit: 50 }, ctx);
  }
  const saves: number[] = [];
  const bareSaves: number[] = [];
  const callers: number[] = [];
  const buildings: number[] = [];
  const searches: number[] = [];
  const bareSearches: number[] = [];
  const bareSpelledOut: number[] = [];
  const numbers: string[] = [];
  const saver = bareSaver(bare);
  // Start from an empty WAL: the first commit over a WAL left by the setup would otherwise
  // checkpoint it inline (400 ms) inside whichever save came first.
  bare.db.pragma('wal_checkpoint(TRUNCATE)');
  // The bare connection's first write pays for its first FTS5 and page-cache reads: not measured.
  const saveOne = async (): Promise<Appeal> => {
    const result = await h['appeals:create'](draft() as never, ctx);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  saver.prepare(await saveOne(), 1);
  saver.save();
  // Project and bare take turns save by save, so the upkeep between saves (merges, checkpoints),
  // the WAL's growth and any outside load fall on both alike. Each call arrives as its own message:
  // the event loop turns between saves (idle-time upkeep runs there).
  for (let i = 0; i < SAVES_MEASURED; i++) {
    let started = performance.now();
    const saved = await saveOne();
    saves.push(performance.now() - started);
    numbers.push(saved.provisionalNumber);
    await nextTurn();
    saver.prepare(saved, 1);
    started = performance.now();
    saver.save();
    bareSaves.push(performance.now() - started);
    await nextTurn();
  }
  // A burst of the project's saves alone, the event loop watched: what a keystroke arriving
  // meanwhile waits for (a save, or the upkeep between saves).
  const loopDelays: number[] = [];
  const stopWatching = watchEventLoop(loopDelays);
  for (let i = 0; i < LOOP_WATCHED_SAVES; i++) {
    numbers.push((await saveOne()).provisionalNumber);
    await nextTurn();
  }
  stopWatching();
  for (let i = 0; i < 1000; i++)
    await timed(callers, () => h['lookup:caller']({ phone: callerPhone(), limit: 20 }, ctx));
  for (let i = 0; i < 1000; i++)
    await timed(buildings, () => h['lookup:building']({ address: building(), limit: 50 }, ctx));
  // A citizen calling again reads out their number: half of them known, half mistyped (no match).
  const byNumber: number[] = [];
  for (const [i, number] of numbers.entries()) {
    const text = i % 2 === 0 ? number : number.replace(/\d$/, (d) => String((Number(d) + 5) % 10)) + '9';
    await timed(byNumber, () => h['appeals:list']({ text, limit: 50 } as never, ctx));
  }
  const match = bareMatch(bare, 50);
  // FTS5's own prefix query of each search, and the project's spelled-out one (searchTerms.ts).
  const expressions = SEARCHES.map((text) => ftsQuery(text)!);
  const spelledOut = SEARCHES.map((text) => searchExpression(bare.db, text)!);
  for (let round = 0; round < 10; round++) {
    for (const [i, text] of SEARCHES.entries()) {
      await timed(searches, () => h['appeals:list']({ text, limit: 50 } as never, ctx));
      let started = performance.now();
      match(expressions[i]!);
      bareSearches.push(performance.now() - started);
      started = performance.now();
      match(spelledOut[i]!);
      bareSpelledOut.push(performance.now() - started);
    }
  }
  return {
    saveP50: percentile(saves, 50),
    saveP99: percentile(saves, 99),
    bareSaveP50: percentile(bareSaves, 50),
    bareSaveP99: percentile(bareSaves, 99),
    loopDelayP99: percentile(loopDelays, 99),
    loopDelayMax: Math.max(...loopDelays),
    bareSearchP95: percentile(bareSearches, 95),
    bareSpelledOutP95: percentile(bareSpelledOut, 95),
    callerP95: percentile(callers, 95),
    buildingP95: percentile(buildings, 95),
    byNumberP95: percentile(byNumber, 95),
    searchP50: percentile(searches, 50),
    searchP95: percentile(searches, 95),
  };
}

/** The floor under the lookup by number: one indexed probe, no parsing, no summary. */
function bareLookupByNumber(store: Store): number {
  const numbers = store.db
    .prepare(
      'SELECT official_number FROM appeals WHERE official_number IS NOT NULL ORDER BY random() LIMIT 1000',
    )
    .pluck()
    .all() as string[];
  const probe = store.db.prepare('SELECT record FROM appeals WHERE official_number = ?').pluck();
  const samples: number[] = [];
  for (const number of numbers) {
    const started = performance.now();
    probe.get(number);
    samples.push(performance.now() - started);
  }
  return percentile(samples, 95);
}

export async function runStoreBench(): Promise<BenchRow[]> {
  const quick = process.env.STORE_BENCH_QUICK === '1';
  const spec: BenchStoreSpec = {
    source: quick ? 'synthetic' : 'kyiv1551',
    rows: Number(process.env.STORE_BENCH_ROWS ?? (quick ? 50_000 : 1_000_000)),
  };
  if (!quick && !existsSync(KYIV_1551_DATA)) {
    console.info(
      `Store benchmark skipped: the data set ${KYIV_1551_DATA} is absent (STORE_BENCH_QUICK=1 runs a synthetic one).`,
    );
    return [];
  }
  const reference = loadReference(RESOURCES);
  if (!reference.ok) throw new Error(reference.error.message);
  mkdirSync(BENCH_DIR, { recursive: true });
  const key = await fileKeyProvider(join(BENCH_DIR, 'store.key')).getKey();
  const store = await benchStore(BENCH_DIR, key, spec, reference.value);
  console.info(`  store: ${store.file} (${store.cached ? 'cached' : 'built now'})`);

  // Measurements write, so they run on a copy and the cache stays as built.
  const workDir = join(BENCH_DIR, 'work');
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const workFile = join(workDir, STORE_FILE_NAME);
  copyFileSync(store.file, workFile);
  // Flush the copy before measuring: the kernel writing back gigabytes of it would otherwise
  // compete with every fsync of the saves measured below.
  const fd = openSync(workFile, 'r+');
  fsyncSync(fd);
  closeSync(fd);

  let started = performance.now();
  const opened = openStore({ file: workFile, key });
  const openMs = performance.now() - started;
  if (!opened.ok) throw new Error(opened.error.message);
  opened.value.close();

  const freshFile = join(workDir, 'fresh.db');
  started = performance.now();
  const fresh = openStore({ file: freshFile, key });
  const createMs = performance.now() - started;
  if (!fresh.ok) throw new Error(fresh.error.message);
  fresh.value.close();

  const ws = await openWorkstation({
    dataDir: workDir,
    keyProvider: { getKey: async () => key },
    resourcesDir: RESOURCES,
    host: 'web',
  });
  if (!ws.ok) throw new Error(ws.error.message);
  // A second connection for the bare baselines: same file, key and pragmas (openStore), own statements.
  const bare = openStore({ file: workFile, key });
  if (!bare.ok) throw new Error(bare.error.message);
  const m = await measure(withParsedInput(ws.value), bare.value, reference);
  // Suggestions per keystroke with the same store open (issue 14): bench/suggestBench.ts.
  const suggestions = await measureSuggestions(ws.value, RESOURCES, appealHistory(bare.value.db));
  bare.value.close();
  ws.value.close();

  // The same store, read as main's repositories read it (work lists), and bare (baselines).
  const reader = openStore({ file: workFile, key });
  if (!reader.ok) throw new Error(reader.error.message);
  const bareByNumber = bareLookupByNumber(reader.value);
  const workLists = measureWorkLists(reader.value);
  reader.value.close();

  const label = spec.rows.toLocaleString('en');
  const mbPer100k = statSync(store.file).size / 1024 / 1024 / (spec.rows / 100_000);
  rmSync(workDir, { recursive: true, force: true });
  return [
    row(`build ${label} appeals (once, cached)`, store.buildSeconds, 's', null),
    row('open + migrate the store', openMs, 'ms', 1000),
    row('create + migrate a new store', createMs, 'ms', 1000),
    row('save an appeal p50', m.saveP50, 'ms', null),
    row('bare SQLite: the same rows in one transaction p50', m.bareSaveP50, 'ms', null, 'baseline'),
    ratioRow('save p50 / bare p50', m.saveP50 / m.bareSaveP50, 1.5),
    row('save an appeal p99', m.saveP99, 'ms', 5),
    row('bare SQLite: the same rows in one transaction p99', m.bareSaveP99, 'ms', null, 'baseline'),
    row(`event-loop delay, ${LOOP_WATCHED_SAVES} saves back to back, p99`, m.loopDelayP99, 'ms', 5),
    row(`event-loop delay, ${LOOP_WATCHED_SAVES} saves back to back, worst`, m.loopDelayMax, 'ms', null),
    row('caller lookup by phone p95', m.callerP95, 'ms', 5),
    row('open appeals at a building p95', m.buildingP95, 'ms', 10),
    row('lookup by appeal number p95', m.byNumberP95, 'ms', 5),
    row('bare SQLite: one appeal by official number p95', bareByNumber, 'ms', null, 'baseline'),
    row('full-text search p50', m.searchP50, 'ms', null),
    row('full-text search p95', m.searchP95, 'ms', 25),
    row('bare FTS5: its prefix MATCH, rowids of one page p95', m.bareSearchP95, 'ms', null, 'baseline'),
    ratioRow('search p95 / bare prefix MATCH p95', m.searchP95 / m.bareSearchP95, 1.2),
    row('bare FTS5: the spelled-out MATCH, rowids p95', m.bareSpelledOutP95, 'ms', null, 'baseline'),
    row('search p95 / bare spelled-out MATCH p95', m.searchP95 / m.bareSpelledOutP95, 'x', null),
    row('store size per 100k appeals', mbPer100k, 'MB', null),
    ...workLists,
    ...suggestions,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runStoreBench();
  if (rows.length > 0) printRows('Local store', rows);
}
