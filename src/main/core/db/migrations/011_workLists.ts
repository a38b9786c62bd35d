// The appeal's life after registration (issue 12): each role's work lists are read from the local
// cache, first page and count, with a million appeals cached, so each list has an index that yields
// its rows already in the lists' order (benefit holders first, then the nearest deadline, then the
// oldest: sort_key, the rowid every index ends with). The priority is equal within a run of the
// index, so a page is read as at most two range scans (priority 1, then 0), never a sort.
//
// Also: the operator and the next callback become columns (my recent appeals, callbacks due now);
// a refused lifecycle step keeps the server's refusal code, which the screen names; executor
// contacts fetched from the server are kept for offline use.
import type { Migration } from './types';

export const migration011: Migration = {
  version: 11,
  name: 'workLists',
  up(db) {
    db.exec(`
      ALTER TABLE appeals ADD COLUMN operator_id TEXT NOT NULL DEFAULT '';
      -- UTC with milliseconds, as toISOString() writes it, so "due now" compares as text.
      ALTER TABLE appeals ADD COLUMN next_callback_at TEXT;
      -- Which lists the status puts it in, as plain columns: a partial index on a column's equality
      -- counts from the index alone (one on "status <> 'closed'" reads every row to check it).
      -- Open = any status but closed; in work = what an executor has to do (worklists.ts).
      ALTER TABLE appeals ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1 CHECK (is_open IN (0, 1));
      ALTER TABLE appeals ADD COLUMN in_work INTEGER NOT NULL DEFAULT 0 CHECK (in_work IN (0, 1));
      UPDATE appeals SET operator_id = coalesce(json_extract(record, '$.operatorId'), ''),
        next_callback_at = strftime('%Y-%m-%dT%H:%M:%fZ', json_extract(record, '$.lifecycle.nextCallbackAt')),
        is_open = status <> 'closed',
        in_work = status IN ('assigned', 'in_progress', 'rework');

      -- One status (to assign, to check, to call back), optionally narrowed to one executor.
      CREATE INDEX appeals_worklist_status ON appeals (status, priority, deadline_on);
      CREATE INDEX appeals_worklist_executor ON appeals (executor_id, status, priority, deadline_on);
      -- Callbacks due now are counted without reading the appeals.
      CREATE INDEX appeals_callback_due ON appeals (next_callback_at) WHERE status = 'awaiting_applicant_check';
      -- Every open appeal (the lead's and admin's list), and the backlog's counts by executor.
      CREATE INDEX appeals_worklist_open ON appeals (priority, deadline_on) WHERE is_open = 1;
      CREATE INDEX appeals_worklist_open_executor ON appeals (executor_id, priority, deadline_on) WHERE is_open = 1;
      -- An executor organisation's inbox: what it has to work on.
      CREATE INDEX appeals_worklist_inbox ON appeals (executor_id, priority, deadline_on) WHERE in_work = 1;
      -- The user's own appeals, newest first.
      CREATE INDEX appeals_operator ON appeals (operator_id);

      ALTER TABLE outbox_rejected ADD COLUMN refusal TEXT;
      ALTER TABLE outbox_rejected ADD COLUMN created_at TEXT;
      CREATE INDEX outbox_rejected_entity ON outbox_rejected (entity_type, entity_id);

      -- The server's executor contacts (an admin edits them there): the last known, for offline use.
      CREATE TABLE executor_contacts (
        executor_id TEXT PRIMARY KEY,
        contacts TEXT NOT NULL CHECK (json_valid(contacts)),
        fetched_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
