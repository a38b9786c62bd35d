// Bare baseline of the first-sync figure (bench/server.ts): the same engine and data, driven by
// plain statements with everything else done before the clock starts. One SELECT of what a pull returns (src/server/sync/pull.ts) for every appeal, then
//   the rows insertAppeal writes (src/main/appeals/appealsRepo.ts: the appeal, its phones, its
//   full-text row; not the search_terms words it also keeps) into a new encrypted store (openStore:
//   same schema, pragmas and key handling), a pull page per transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/main/core/db/openStore';
import type { Store } from '../../src/main/core/db/types';
import { APPEAL_COLUMNS, type AppealRow } from '../../src/server/appeals/repository';
import type { Pool } from '../../src/server/db/pool';
import { addressLine, buildingKey, type Appeal } from '../../src/shared/domain/appeal';
import { OPEN_STATUSES, WORK_LISTS } from '../../src/shared/domain/worklists';
import { SYNC_LIMITS } from '../../src/shared/sync/protocol';
import { randomKey } from '../../tests/integration/support/storeFiles';
import type { BenchRow } from '../report';
import { baseline } from './baselineRow';

const INSERT_APPEAL = `
  INSERT INTO appeals (sort_key, id, provisional_number, official_number, type, status, result, category_id,
    executor_id, priority, received_on, deadline_on, created_at, updated_at, version, repeat_of, building_key,
    operator_id, next_callback_at, is_open, in_work, record)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The pulled appeal as appealFromRow makes it (without the number's proof, signed per read). */
const pulledAppeal = (row: AppealRow): Appeal => ({
  ...row.record,
  id: row.id,
  officialNumber: row.official_number,
  status: row.status,
  result: row.result,
  version: row.version,
  updatedAt: row.updated_at.toISOString(),
});

/** insertAppeal's rows with statements of its own: the appeal, its phones, its text index entry. */
function bareWriter(store: Store): (appeals: readonly Appeal[], firstKey: number) => void {
  const appealRow = store.db.prepare(INSERT_APPEAL);
  const phoneRow = store.db.prepare('INSERT OR IGNORE INTO appeal_phones (phone, appeal_key) VALUES (?, ?)');
  const ftsRow = store.db.prepare(
    'INSERT INTO appeals_fts (rowid, essence, applicant, address) VALUES (?, ?, ?, ?)',
  );
  const write = store.db.transaction((appeals: readonly Appeal[], firstKey: number) => {
    appeals.forEach((a, i) => {
      const key = firstKey + i;
      const address = a.applicant.address;
      appealRow.run(
        key,
        a.id,
        a.provisionalNumber,
        a.officialNumber,
        a.type,
        a.status,
        a.result,
        a.categoryId,
        a.executorId,
        a.priority ? 1 : 0,
        a.receivedOn,
        a.deadlineOn,
        a.createdAt,
        a.updatedAt,
        a.version,
        a.repeatOf,
        buildingKey(address),
        a.operatorId,
        a.lifecycle.nextCallbackAt === null ? null : new Date(a.lifecycle.nextCallbackAt).toISOString(),
        OPEN_STATUSES.includes(a.status) ? 1 : 0,
        WORK_LISTS.inbox.statuses.includes(a.status) ? 1 : 0,
        JSON.stringify(a),
      );
      for (const phone of a.applicant.phones) phoneRow.run(phone, key);
      ftsRow.run(key, a.essence, a.applicant.fullName, addressLine(address));
    });
  });
  // BEGIN IMMEDIATE, as the workstation's writes take the lock up front.
  return (appeals, firstKey) => write.immediate(appeals, firstKey);
}

/**
 * Seconds to create a new encrypted store (openStore, a random 32-byte key), read every appeal's
 * pull columns in one SELECT and write them a pull page (500) per transaction. Sort keys are
 * consecutive, in the order the rows come, as the pulls deliver them in creation order.
 */
export async function measureBareFirstSync(pool: Pool, count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bare-sync-'));
  try {
    const started = performance.now();
    const opened = openStore({ file: join(dir, 'store.db'), key: randomKey() });
    if (!opened.ok) throw new Error(opened.error.message);
    const store = opened.value;
    try {
      const { rows } = await pool.query<AppealRow>(`SELECT ${APPEAL_COLUMNS} FROM appeals`);
      if (rows.length !== count)
        throw new Error(`first sync baseline: ${rows.length} appeals, expected ${count}`);
      const write = bareWriter(store);
      const firstKey = Date.now() * 1024;
      const page = SYNC_LIMITS.pullPage;
      for (let i = 0; i < rows.length; i += page)
        write(rows.slice(i, i + page).map(pulledAppeal), firstKey + i);
      return (performance.now() - started) / 1000;
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The project's first sync, the bare baseline beside it, and their ratio. */
export function firstSyncRows(project: BenchRow, bareSeconds: number): BenchRow[] {
  const ratio = project.value / bareSeconds;
  return [
    project,
    baseline(
      '  bare: one SELECT of the records + INSERTs into a new store, 500/transaction',
      bareSeconds,
      's',
    ),
    { name: '  first sync / bare', value: ratio, unit: 'x', target: '<= 1.5', pass: ratio <= 1.5 },
  ];
}
