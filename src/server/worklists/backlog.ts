// The backlog by executor (issue 12, item 3): for each executor organisation, its open appeals,
// those due soon (deadline today or within DUE_SOON_DAYS days) and those overdue (deadline before
// today), counted from the center's calendar day. The same appeals as the `open` work list narrowed
// to that executor, so a click on a row shows what the row counted.
import { addDays, type LocalDate } from '../../shared/domain/localDate';
import { DUE_SOON_DAYS, type BacklogRow } from '../../shared/domain/worklists';
import type { Queryable } from '../db/pool';

/**
 * Every executor of the directory (with zeros when it has nothing open) and any other executor id
 * that open appeals name; the most overdue first.
 */
export async function readBacklog(db: Queryable, today: LocalDate): Promise<BacklogRow[]> {
  const { rows } = await db.query<BacklogRow>(
    `WITH counts AS (
       SELECT executor_id, count(*)::int AS open,
              count(*) FILTER (WHERE deadline_on >= $1::date AND deadline_on <= $2::date)::int AS due_soon,
              count(*) FILTER (WHERE deadline_on < $1::date)::int AS overdue
         FROM appeals WHERE status <> 'closed' GROUP BY executor_id
     )
     SELECT coalesce(c.executor_id, e.id) AS "executorId", coalesce(c.open, 0) AS open,
            coalesce(c.due_soon, 0) AS "dueSoon", coalesce(c.overdue, 0) AS overdue
       FROM counts c FULL JOIN executors e ON e.id = c.executor_id
      ORDER BY overdue DESC, "dueSoon" DESC, open DESC, "executorId"`,
    [today, addDays(today, DUE_SOON_DAYS)],
  );
  return rows;
}
