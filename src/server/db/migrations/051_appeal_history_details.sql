-- An appeal's history says who, when, what, from which workstation and at which version (issue 12;
-- src/shared/domain/appealHistory.ts), in columns: `kind` is what happened ('created', a lifecycle
-- 'transition', an 'amend'ment, or 'withdrawn'), `version` the appeal's version after it,
-- `device_id` the workstation it came from (null through the REST API), and the status before and
-- after. `change` keeps what was done: for a transition {"action": <LifecycleAction>,
-- "executorBefore"?, "lateForward"?: true}; for an amendment {"amendment": <AppealAmendment>,
-- "phonesAdded"?, "deadlineBefore"?, "deadlineOn"?}; for a create what sync/createRecords.ts writes.
ALTER TABLE appeal_history
  ADD COLUMN device_id text,
  ADD COLUMN kind text NOT NULL DEFAULT 'created',
  ADD COLUMN version integer,
  ADD COLUMN status_before text,
  ADD COLUMN status_after text;

-- Until now only creates were written, each with its device and version in `change`.
UPDATE appeal_history
   SET device_id = change->>'deviceId',
       version = CASE WHEN change->>'version' ~ '^[0-9]{1,9}$' THEN (change->>'version')::integer ELSE 1 END,
       status_after = 'registered';

ALTER TABLE appeal_history
  ALTER COLUMN kind DROP DEFAULT,
  ALTER COLUMN version SET NOT NULL,
  ADD CONSTRAINT appeal_history_kind CHECK (kind IN ('created', 'transition', 'amend', 'withdrawn')),
  ADD CONSTRAINT appeal_history_status_before CHECK (status_before IN
    ('registered', 'assigned', 'in_progress', 'awaiting_control_check', 'awaiting_applicant_check', 'rework', 'closed')),
  ADD CONSTRAINT appeal_history_status_after CHECK (status_after IN
    ('registered', 'assigned', 'in_progress', 'awaiting_control_check', 'awaiting_applicant_check', 'rework', 'closed'));
