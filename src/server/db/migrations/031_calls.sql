-- Call records pushed by workstations (issue 4; src/shared/softphone/calls.ts). A record is sent at
-- each local change (ring, answer, end, a linked appeal); the highest version is kept, so a late or
-- repeated delivery of an older version changes nothing.
CREATE TABLE calls (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  operator_id uuid NOT NULL REFERENCES users (id),
  sip_call_id text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  ring_at timestamptz NOT NULL,
  answered_at timestamptz,
  ended_at timestamptz,
  result text,
  version integer NOT NULL CHECK (version >= 1),
  record jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calls_operator_ring ON calls (operator_id, ring_at DESC);
CREATE INDEX calls_ring_at ON calls (ring_at DESC);
CREATE INDEX calls_sip_call_id ON calls (sip_call_id);
