-- The figures' handled calls (src/server/metrics): the on_call intervals that began on a day, without
-- reading the day's other intervals.
CREATE INDEX agent_state_history_answers ON agent_state_history (started_at) WHERE state = 'on_call';
