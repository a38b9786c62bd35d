-- Consultations (Art. 8 practice): questions answered from reference data, pushed by workstations.
CREATE TABLE consultations (
  id uuid PRIMARY KEY,
  device_id uuid NOT NULL,
  operator_id text NOT NULL,
  channel text NOT NULL,
  category_id text NOT NULL DEFAULT '',
  executor_id text NOT NULL DEFAULT '',
  record jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consultations_created_at ON consultations (created_at);
