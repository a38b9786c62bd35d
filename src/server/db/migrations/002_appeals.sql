-- Reference data (seeded from resources/reference) and the appeals registry.
CREATE TABLE categories (
  id text PRIMARY KEY,
  group_id text NOT NULL,
  name text NOT NULL,
  term text NOT NULL,
  default_executor_id text
);

CREATE TABLE executors (
  id text PRIMARY KEY,
  name text NOT NULL,
  phone text,
  address text,
  hours text
);

-- Official numbers are unique per center and year; gaps are allowed (a rolled-back transaction
-- consumes its number), duplicates never.
CREATE TABLE registration_counters (
  center_code text NOT NULL,
  year integer NOT NULL,
  last bigint NOT NULL,
  PRIMARY KEY (center_code, year)
);

CREATE TABLE appeals (
  id uuid PRIMARY KEY,
  official_number text UNIQUE,
  center_code text NOT NULL,
  year integer NOT NULL,
  provisional_number text NOT NULL,
  device_id text,
  operator_id text NOT NULL,
  type text NOT NULL,
  status text NOT NULL DEFAULT 'registered',
  result text,
  -- Compare-and-set for lifecycle changes (ARCHITECTURE.md, "Conflicts").
  version integer NOT NULL DEFAULT 1,
  priority boolean NOT NULL DEFAULT false,
  received_on date NOT NULL,
  deadline_on date NOT NULL,
  category_id text NOT NULL,
  executor_id text NOT NULL,
  building_key text,
  record jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeals_list ON appeals (created_at DESC, id DESC);
CREATE INDEX appeals_status ON appeals (status, created_at DESC);
CREATE INDEX appeals_type ON appeals (type, created_at DESC);
CREATE INDEX appeals_category ON appeals (category_id, created_at DESC);
CREATE INDEX appeals_executor ON appeals (executor_id, created_at DESC);
CREATE INDEX appeals_deadline_open ON appeals (deadline_on) WHERE status <> 'closed';
CREATE INDEX appeals_priority ON appeals (created_at DESC) WHERE priority;
CREATE INDEX appeals_building ON appeals (building_key);

CREATE TABLE appeal_history (
  id bigserial PRIMARY KEY,
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid REFERENCES users (id),
  change jsonb NOT NULL
);
CREATE INDEX appeal_history_appeal ON appeal_history (appeal_id, at, id);
