-- The team lead's floor and the center's figures (issue 13; src/shared/queue/floor.ts, metrics.ts).

-- When the connected workstation last reported its SIP line going down (null while it is up, or the
-- agent is offline): the board's line alert counts from it.
ALTER TABLE agents ADD COLUMN line_down_since timestamptz;

-- signedInAt: the end of the agent's last offline interval, found at once for each agent.
CREATE INDEX agent_state_history_offline_end ON agent_state_history (user_id, ended_at)
  WHERE state = 'offline';

-- The figures by interval read the agent time that overlaps one day. A B-tree on started_at alone
-- reads every older interval; the range index reads only those that overlap (an open interval is an
-- unbounded range). Offline time is never counted, and it holds the long intervals (nights, leave).
CREATE INDEX agent_state_history_working_span ON agent_state_history
  USING gist (tstzrange(started_at, ended_at)) WHERE state <> 'offline';
