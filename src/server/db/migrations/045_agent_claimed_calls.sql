-- Agent history names only calls the server knows (issue 9): a workstation reporting ringing or
-- on a call names the call's SIP Call-ID. When that is the PBX's reservation, the call the agent is
-- already on, or a call record the workstation synced, it goes to call_id at once. Otherwise it
-- waits in claimed_call_id until the call's record arrives (the record of an outside call is
-- pushed within seconds of the report), so a made-up id never reaches a report.
ALTER TABLE agent_state_history ADD COLUMN claimed_call_id text;
CREATE INDEX agent_state_history_claimed ON agent_state_history (user_id, claimed_call_id)
  WHERE claimed_call_id IS NOT NULL;
-- Calls are looked up by the agent-state form of their Call-ID (the first 64 characters).
CREATE INDEX calls_operator_agent_call_id ON calls (operator_id, left(sip_call_id, 64));
