-- An executor account pulls only the appeals its organisation holds (issue 12; sync/pull.ts). Each
-- change_log row of an appeal names the organisation that holds the appeal after the change
-- (executor_id; null while it is registered, when the executor is only a suggestion) and, when the
-- change took it away, the one that held it before (previous_executor_id): that one's next pull
-- gets `appeal_withdrawn`. An executor's pull reads both indexes in (txid, id) order, so it keeps
-- the never-skip cursor of every pull. Rows written before this migration are of registered
-- appeals (nothing else was written) and concern no executor.
ALTER TABLE change_log
  ADD COLUMN executor_id text,
  ADD COLUMN previous_executor_id text;
CREATE INDEX change_log_executor ON change_log (executor_id, txid, id) WHERE executor_id IS NOT NULL;
CREATE INDEX change_log_previous_executor ON change_log (previous_executor_id, txid, id)
  WHERE previous_executor_id IS NOT NULL;
