-- The handled calls of the figures (src/server/metrics) read only this index: the day's on_call
-- intervals with the columns that name their agent and call (an index-only scan once vacuumed).
DROP INDEX agent_state_history_answers;
CREATE INDEX agent_state_history_answers ON agent_state_history (started_at)
  INCLUDE (user_id, call_id, claimed_call_id, id) WHERE state = 'on_call';
