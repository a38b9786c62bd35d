-- The hotline's call queue (issue 13; src/shared/queue/queue.ts). One row per hotline call the PBX
-- asked about, from its arrival to the moment it left the queue (answered, abandoned, timed out or
-- failed); rows are kept for the center's figures. A caller whose operator let the call ring out
-- goes back to `waiting` with the same id, so it keeps its place.
CREATE TABLE queue_calls (
  -- Arrival order: within a priority, a lower id is always offered first.
  id bigserial PRIMARY KEY,
  -- agentCallId(SIP Call-ID): the same key the agents' reservation and the call records use.
  sip_call_id text NOT NULL UNIQUE,
  -- The dialled hotline number.
  queue text NOT NULL,
  -- Higher first; 0 for everyone unless QUEUE_PRIORITIES gives a reason.
  priority smallint NOT NULL DEFAULT 0,
  priority_reason text CHECK (priority_reason IN ('benefit', 'callback')),
  -- maskPhone(caller): never the full number.
  caller_masked text,
  entered_at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL DEFAULT 'waiting'
    CHECK (state IN ('waiting', 'offered', 'answered', 'abandoned', 'timed_out', 'failed')),
  -- The operator ringing now (offered) or who answered (answered).
  operator_id uuid REFERENCES users (id),
  offered_at timestamptz,
  offers smallint NOT NULL DEFAULT 0,
  answered_at timestamptz,
  -- When it left the queue: answered, abandoned, timed out or failed.
  left_at timestamptz,
  end_cause text CHECK (end_cause IN ('caller_hung_up', 'line_lost', 'max_wait', 'no_operator')),
  -- The PBX process the caller waits on (a random id per PBX start): a row of another boot that is
  -- still waiting was lost with that PBX and is closed as abandoned (line_lost).
  pbx_boot text NOT NULL,
  -- Where to resume the caller's suspended transaction (Kamailio t_continue): the PBX's control
  -- URL and its transaction's index and label.
  pbx_control_url text,
  t_index bigint,
  t_label bigint,
  -- Bumped whenever the PBX asks about the call: a caller the PBX stopped asking about is checked.
  seen_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state IN ('waiting', 'offered')) = (left_at IS NULL)),
  CHECK (state <> 'answered' OR answered_at IS NOT NULL)
);
-- The queue's order: who is offered next.
CREATE INDEX queue_calls_order ON queue_calls (queue, priority DESC, id) WHERE state IN ('waiting', 'offered');
-- The figures by interval read a day of arrivals.
CREATE INDEX queue_calls_entered ON queue_calls (entered_at);

-- Every instance LISTENs on queue_changed and pushes the queue to subscribed team leads; it also
-- wakes the dispatcher (a waiting caller, a freed operator).
CREATE FUNCTION queue_calls_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('queue_changed', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER queue_calls_notifies
  AFTER INSERT OR UPDATE OR DELETE ON queue_calls
  FOR EACH STATEMENT EXECUTE FUNCTION queue_calls_notify();
