-- What the queue's dispatcher needs beyond migration 060 (src/server/queue/README.md).

-- Operators who let this caller ring out (the PBX's `tried`): never offered this caller again,
-- as the PBX's hunting always did. The caller itself keeps its place (same id).
ALTER TABLE queue_calls ADD COLUMN tried_operator_ids uuid[] NOT NULL DEFAULT '{}';
-- True while the PBX holds the caller suspended (the server's last answer was 202): only such a
-- caller is woken by a push (POST {ctl}/queue/continue); one the PBX is ringing an operator for asks
-- again by itself when the ringing ends.
ALTER TABLE queue_calls ADD COLUMN suspended boolean NOT NULL DEFAULT false;
-- When the server last pushed this caller: the sweep re-pushes one the PBX has not asked about
-- within a second.
ALTER TABLE queue_calls ADD COLUMN pushed_at timestamptz;

-- The live board is told of real changes only: the statement-level trigger of 060 fired for every
-- UPDATE, also one that matched no row (the dispatcher's and the sweep's routine checks) or only
-- bumped seen_at. Row-level triggers fire only for rows that changed what a snapshot shows, and
-- PostgreSQL folds the equal notifications of one transaction into one.
DROP TRIGGER queue_calls_notifies ON queue_calls;
CREATE TRIGGER queue_calls_notifies_insert_delete
  AFTER INSERT OR DELETE ON queue_calls
  FOR EACH ROW EXECUTE FUNCTION queue_calls_notify();
CREATE TRIGGER queue_calls_notifies_update
  AFTER UPDATE ON queue_calls
  FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state
                     OR OLD.operator_id IS DISTINCT FROM NEW.operator_id
                     OR OLD.priority IS DISTINCT FROM NEW.priority)
  EXECUTE FUNCTION queue_calls_notify();

-- QUEUE_PRIORITIES: a caller's number is looked up among the applicants of appeals that give a
-- reason to serve them first (a benefit holder's appeal; an appeal awaiting the citizen's
-- callback). The number is only compared, never stored with the call.
CREATE INDEX appeals_queue_priority_phones ON appeals
  USING gin ((record -> 'applicant' -> 'phones') jsonb_path_ops)
  WHERE priority OR status = 'awaiting_applicant_check';
