-- Work lists (issue 12; src/shared/domain/worklists.ts). Every list is ordered
--   ORDER BY priority DESC, deadline_on ASC, created_at ASC, id ASC
-- (benefit holders first, then the nearest deadline, then the oldest), and each has a partial index
-- in exactly that order, so its first page is an index scan that stops after LIMIT rows, whatever
-- the number of appeals. For the planner to use a partial index the query's WHERE must imply the
-- index's predicate: write the statuses as literals (status = 'registered', status IN ('assigned',
-- 'in_progress', 'rework'), status <> 'closed'), not as a bound parameter or = ANY($1).
--
--   to_assign     WHERE status = 'registered'                                  appeals_to_assign
--   to_check      WHERE status = 'awaiting_control_check'                      appeals_to_check
--   to_call_back  WHERE status = 'awaiting_applicant_check'
--                   AND (next_callback_at IS NULL OR next_callback_at <= now())  appeals_to_call_back
--                 (callbacks scheduled later are skipped while the index is read in order)
--   inbox         WHERE executor_id = $org AND status IN ('assigned', 'in_progress', 'rework')
--                                                                               appeals_inbox
--   open          WHERE status <> 'closed'                                     appeals_open
--   open, one executor (the backlog's drill-down)
--                 WHERE executor_id = $e AND status <> 'closed'                 appeals_open_executor
--   my_recent     WHERE operator_id = $user ORDER BY created_at DESC, id DESC   appeals_operator_recent
--
-- The backlog (open, due soon and overdue per executor) reads appeals_open_executor alone (an
-- index-only scan: executor_id and deadline_on are in it).

-- When the next callback is due (lifecycle.nextCallbackAt, kept as a column for to_call_back).
ALTER TABLE appeals ADD COLUMN next_callback_at timestamptz;
UPDATE appeals SET next_callback_at = (record->'lifecycle'->>'nextCallbackAt')::timestamptz
 WHERE record->'lifecycle'->>'nextCallbackAt' IS NOT NULL;

CREATE INDEX appeals_to_assign ON appeals (priority DESC, deadline_on, created_at, id)
  WHERE status = 'registered';
CREATE INDEX appeals_to_check ON appeals (priority DESC, deadline_on, created_at, id)
  WHERE status = 'awaiting_control_check';
CREATE INDEX appeals_to_call_back ON appeals (priority DESC, deadline_on, created_at, id)
  WHERE status = 'awaiting_applicant_check';
CREATE INDEX appeals_inbox ON appeals (executor_id, priority DESC, deadline_on, created_at, id)
  WHERE status IN ('assigned', 'in_progress', 'rework');
CREATE INDEX appeals_open ON appeals (priority DESC, deadline_on, created_at, id)
  WHERE status <> 'closed';
CREATE INDEX appeals_open_executor ON appeals (executor_id, priority DESC, deadline_on, created_at, id)
  WHERE status <> 'closed';
CREATE INDEX appeals_operator_recent ON appeals (operator_id, created_at DESC, id DESC);
