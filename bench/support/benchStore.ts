// Builds (once) the benchmark store: appeals from the public Kyiv 1551 data set repeated with new
// ids, phones and applicants up to the wanted size, or synthetic appeals in quick mode. The file is
// cached under .bench/, keyed by schema version, source and size.
import { NEW_APPEAL_LIFECYCLE } from '../../src/shared/domain/appeal';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import Database from 'better-sqlite3-multiple-ciphers';
import { insertAppeal } from '../../src/main/appeals/appealsRepo';
import { ensureDevice } from '../../src/main/core/db/device';
import { CIPHER } from '../../src/main/core/db/fileFormat';
import { migrate } from '../../src/main/core/db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../src/main/core/db/migrations';
import type { WritableDB } from '../../src/main/core/db/types';
import type { ReferenceData } from '../../src/main/core/reference/loadReference';
import type { Appeal, AppealStatus, AppealType, ClosingResult } from '../../src/shared/domain/appeal';
import { computeDeadline } from '../../src/shared/domain/deadlines';
import { uuidv7 } from '../../src/shared/domain/ids';
import { address, personName, phoneFor, seededRandom, syntheticEssence } from './syntheticPeople';

export const KYIV_1551_DATA = join(import.meta.dirname, '../../../shared/data/kyiv1551/appeals-dev.jsonl.gz');

export interface BenchStoreSpec {
  source: 'kyiv1551' | 'synthetic';
  rows: number;
}

export interface BenchStore {
  file: string;
  rows: number;
  /** Seconds the build took (when it ran now or when the cached file was built). */
  buildSeconds: number;
  cached: boolean;
}

interface SourceAppeal {
  createdAt: string;
  category: string;
  executor: string;
  status: string;
  text: string;
}

// Final statuses of the public data set (DOMAIN.md) mapped to the workstation's lifecycle.
const STATUS: Record<string, [AppealStatus, ClosingResult | null]> = {
  Виконано: ['closed', 'done'],
  'Роз`яснено по суті порушеного питання': ['closed', 'explained'],
  'Виконано власними силами заявника': ['closed', 'done_by_applicant'],
  'Виконано силами Контактного Центру': ['closed', 'done'],
  'Потребує  додаткового фінансування': ['closed', 'needs_funding'],
  'Заплановано на наступні періоди': ['closed', 'planned'],
  'Відмовлено в задоволенні': ['closed', 'refused'],
  'На доопрацюванні виконавцем': ['rework', null],
  'В роботі': ['in_progress', null],
  'Чекає на перевіку контр.відділом': ['awaiting_control_check', null],
  'Чекає на перевіку заявником': ['awaiting_applicant_check', null],
};

async function readSource(spec: BenchStoreSpec, reference: ReferenceData): Promise<SourceAppeal[]> {
  if (spec.source === 'kyiv1551') {
    const lines: SourceAppeal[] = [];
    const input = createReadStream(KYIV_1551_DATA).pipe(createGunzip());
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (line.trim() !== '') lines.push(JSON.parse(line) as SourceAppeal);
    }
    return lines.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  const random = seededRandom(7);
  const types = reference.classifier.types.filter((t) => t.defaultExecutorId !== null);
  const statuses = Object.keys(STATUS);
  const start = Date.parse('2024-01-01T06:00:00Z');
  return Array.from({ length: Math.min(spec.rows, 100_000) }, (_, i) => {
    const type = types[Math.floor(random() * types.length)]!;
    return {
      createdAt: new Date(start + i * 600_000).toISOString().slice(0, 19).replace('T', ' '),
      category: type.name,
      executor: reference.executorById.get(type.defaultExecutorId!)!.name,
      status: statuses[Math.floor(random() * statuses.length)]!,
      text: syntheticEssence(random),
    };
  });
}

/**
 * The data set ends with every appeal past registration; a working center also has some not yet
 * routed (the last two days' registered) and some routed but not started, so the work lists of
 * the workstation have what they have in practice.
 */
function lifecycleStatus(
  [status, result]: [AppealStatus, ClosingResult | null],
  createdMs: number,
  random: () => number,
): [AppealStatus, ClosingResult | null] {
  if (Date.now() - createdMs < 2 * 86_400_000) return ['registered', null];
  if (status === 'in_progress' && random() < 0.3) return ['assigned', null];
  return [status, result];
}

const APPEAL_TYPES: AppealType[] = ['statement', 'statement', 'statement', 'complaint', 'proposal'];

/** Writes `spec.rows` appeals into a new store file with bulk-load settings, indexes built last. */
async function build(
  file: string,
  key: Buffer,
  spec: BenchStoreSpec,
  reference: ReferenceData,
): Promise<void> {
  const source = await readSource(spec, reference);
  const typeByName = new Map(reference.classifier.types.map((t) => [t.name, t]));
  const executorByName = new Map(reference.executors.executors.map((e) => [e.name, e]));
  const fallbackType = reference.classifier.types[0]!;

  const db = new Database(file) as WritableDB;
  db.pragma(`cipher = '${CIPHER}'`);
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  // Bulk-load settings: a failed build is thrown away, so no journal and no fsync.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  migrate(db);
  ensureDevice(db, uuidv7());
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('appeals', 'appeal_phones')`,
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const random = seededRandom(1551);
  const first = Date.parse(`${source[0]!.createdAt.replace(' ', 'T')}+03:00`);
  const last = Date.parse(`${source[source.length - 1]!.createdAt.replace(' ', 'T')}+03:00`);
  const span = last - first + 86_400_000;
  const repeats = Math.ceil(spec.rows / source.length);
  // The last repetition ends today; earlier ones lie before it, so creation order is preserved.
  const shiftOf = (repeat: number) => Date.now() - last - (repeats - 1 - repeat) * span;

  let n = 0;
  let lastKey = 0;
  const insertBatch = db.transaction((repeat: number, from: number, to: number) => {
    for (let i = from; i < to && n < spec.rows; i++, n++) {
      const line = source[i]!;
      const createdMs = Date.parse(`${line.createdAt.replace(' ', 'T')}+03:00`) + shiftOf(repeat);
      const created = new Date(createdMs);
      const type = typeByName.get(line.category) ?? fallbackType;
      const executor = executorByName.get(line.executor)?.id ?? type.defaultExecutorId ?? 'e-unknown';
      const [status, result] = lifecycleStatus(
        STATUS[line.status] ?? ['in_progress', null],
        createdMs,
        random,
      );
      const receivedOn = created.toISOString().slice(0, 10);
      const benefit = random() < 0.05 ? 'war_veteran' : 'none';
      const deadline = computeDeadline(
        { receivedOn, term: type.term, benefit },
        { ruleSet: 'ua', holidays: reference.holidays.ua },
      );
      const phones = [phoneFor(n, random)];
      const appeal: Appeal = {
        lifecycle:
          status === 'awaiting_applicant_check' && random() < 0.3
            ? {
                ...NEW_APPEAL_LIFECYCLE,
                callbackAttempts: 1,
                nextCallbackAt: new Date(Date.now() + 3_600_000).toISOString(),
              }
            : NEW_APPEAL_LIFECYCLE,
        supplements: [],
        type: APPEAL_TYPES[Math.floor(random() * APPEAL_TYPES.length)]!,
        channel: 'phone',
        applicant: { fullName: personName(random), phones, address: address(random), email: '', iin: '' },
        benefit,
        signatories: null,
        categoryId: type.id,
        executorId: executor,
        essence: line.text,
        attachments: [],
        consentToPublish: true,
        repeatOf: null,
        id: uuidv7(createdMs),
        provisionalNumber: `P-BNCH-${String(n + 1).padStart(7, '0')}`,
        officialNumber: `1551-${created.getUTCFullYear()}-${String(n + 1).padStart(7, '0')}`,
        status,
        result,
        version: 1,
        priority: deadline.priority,
        receivedOn,
        deadlineOn: deadline.deadlineOn,
        deadlineRule: deadline.rule,
        createdAt: created.toISOString(),
        updatedAt: created.toISOString(),
        operatorId: `op-${1 + Math.floor(random() * 60)}`,
      };
      lastKey = Math.max(createdMs * 1024, lastKey + 1);
      insertAppeal(db, appeal, lastKey);
    }
  });
  const BATCH = 20_000;
  const loadStarted = performance.now();
  for (let repeat = 0; repeat < repeats; repeat++) {
    for (let from = 0; from < source.length && n < spec.rows; from += BATCH) {
      insertBatch(repeat, from, Math.min(from + BATCH, source.length));
    }
    process.stdout.write(
      `\r  building the benchmark store: ${n.toLocaleString('en')} / ${spec.rows.toLocaleString('en')}`,
    );
  }
  const phase = (name: string, started: number) =>
    process.stdout.write(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  process.stdout.write('\n');
  phase('rows', loadStarted);
  let started = performance.now();
  // Each CREATE INDEX reads the whole table; with room for the table in the page cache only the
  // first one reads (and decrypts) it from the file.
  db.pragma(`cache_size = -${Math.floor(Math.min(4 * 1024 ** 3, totalmem() / 4) / 1024)}`);
  for (const index of indexes) db.exec(index.sql);
  phase('indexes', started);
  started = performance.now();
  // One merged full-text segment, as a long-lived store reaches through idle-time merging.
  db.exec(`INSERT INTO appeals_fts (appeals_fts) VALUES ('optimize')`);
  phase('full-text merge', started);
  db.pragma('journal_mode = WAL');
  db.close();
}

/** The cached store for `spec`, built first when absent. */
export async function benchStore(
  benchDir: string,
  key: Buffer,
  spec: BenchStoreSpec,
  reference: ReferenceData,
): Promise<BenchStore> {
  mkdirSync(benchDir, { recursive: true });
  const name = `store-schema${LATEST_SCHEMA_VERSION}-${spec.source}-${spec.rows}`;
  const file = join(benchDir, `${name}.db`);
  const metaFile = join(benchDir, `${name}.json`);
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { buildSeconds: number };
    return { file, rows: spec.rows, buildSeconds: meta.buildSeconds, cached: true };
  }
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const started = performance.now();
  await build(partial, key, spec, reference);
  const buildSeconds = (performance.now() - started) / 1000;
  renameSync(partial, file);
  writeFileSync(metaFile, JSON.stringify({ ...spec, buildSeconds, builtAt: new Date().toISOString() }));
  return { file, rows: spec.rows, buildSeconds, cached: false };
}
