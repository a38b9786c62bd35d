// Rows written straight into a store's tables, for tests of the schema and of the repositories
// below the services.
import type { AppealFilter } from '../../../src/main/appeals/appealsRepo';
import type { WritableDB } from '../../../src/main/core/db/types';

/** One appeal row with the columns every schema version since 1 has; its record is empty. */
export function insertBareAppealRow(db: WritableDB): void {
  db.prepare(
    `INSERT INTO appeals (sort_key, id, provisional_number, type, status, category_id, executor_id, priority,
       received_on, deadline_on, created_at, updated_at, version, building_key, record)
     VALUES (1, 'a1', 'P-TEST-000001', 'statement', 'registered', 't', 'e', 0, '2026-01-05', '2026-02-05',
       '2026-01-05T08:00:00Z', '2026-01-05T08:00:00Z', 1, 'київ|хрещатик|22', '{}')`,
  ).run();
}

/** The appeal list with no condition: tests set what they filter on. */
export const noAppealFilter: AppealFilter = {
  match: null,
  statuses: [],
  type: null,
  categoryId: null,
  executorId: null,
  phone: null,
  overdueBefore: null,
  onlyPriority: false,
  receivedFrom: null,
  receivedTo: null,
  before: null,
  limit: 50,
};
