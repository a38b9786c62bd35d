// Store upkeep off the save path. Two kinds of work would otherwise land inside the commit of
// an appeal while the caller waits for its number: SQLite's automatic WAL checkpoint (~10 ms every
// ~40 saves) and FTS5's automatic segment merging (up to 0.5 s when it reaches a large segment).
// Instead automerge is off (migration 001) and committed writes schedule both for the next turn
// of the event loop, after the reply has gone out: a bounded step of full-text merging, then a
// passive checkpoint, which a worker thread runs when it can (checkpointer.ts) so that its fsync
// does not hold the event loop. The automatic checkpoint stays only as a ceiling for bursts that
// never yield (bulk imports), as does FTS5's crisis merge (16 segments on one level).
import type { Checkpointer } from './checkpointer';
import { prepare } from './statements';
import type { WritableDB } from './types';

/** Pages (4 KiB) the WAL may reach before a commit checkpoints inline. */
export const WAL_CEILING_PAGES = 4000;
/** Writes between maintenance steps: each saved appeal touches ~25 pages and adds one FTS segment. */
const WRITES_PER_STEP = 8;
/** Pages of full-text merging per step: a few milliseconds. */
const FTS_MERGE_PAGES = 100;

export interface Maintenance {
  /** Call after a write transaction committed. */
  afterWrite(): void;
  dispose(): void;
}

/**
 * A bounded step of full-text merging, committed without an fsync of its own. The merge changes how
 * the index is laid out, never what it holds, and nobody waits for it, so it need not be durable by
 * itself: a power cut may lose the step (the WAL's checksums drop it whole; the store stays
 * consistent), and the next save's commit (synchronous = FULL) syncs the WAL with the step in it.
 * Its fsync cost 5-30 ms of the event loop every 8 saves.
 */
function mergeWithoutSync(db: WritableDB): void {
  db.pragma('synchronous = NORMAL');
  try {
    prepare(db, `INSERT INTO appeals_fts (appeals_fts, rank) VALUES ('merge', ?)`).run(FTS_MERGE_PAGES);
  } finally {
    db.pragma('synchronous = FULL');
  }
}

export function createMaintenance(db: WritableDB, checkpointer?: Checkpointer): Maintenance {
  db.pragma(`wal_autocheckpoint = ${WAL_CEILING_PAGES}`);
  let writes = 0;
  let pending: NodeJS.Immediate | null = null;
  const run = () => {
    pending = null;
    writes = 0;
    if (!db.open || db.inTransaction) return;
    try {
      mergeWithoutSync(db);
      if (checkpointer?.request() !== true) db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Skipped upkeep loses nothing: the WAL keeps the data and the next step merges more. A real
      // problem (disk full, damage) is reported by the next commit.
    }
  };
  return {
    afterWrite() {
      writes++;
      if (writes >= WRITES_PER_STEP && pending === null) pending = setImmediate(run);
    },
    dispose() {
      if (pending !== null) clearImmediate(pending);
      pending = null;
      checkpointer?.close();
    },
  };
}
