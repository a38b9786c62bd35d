-- Mass incidents (issue 14; src/shared/incidents, src/server/incidents): appeals of one category
-- group at one place within a time window, grouped by the detector and managed by team leads.
CREATE TABLE incidents (
  id uuid PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('forming', 'confirmed', 'closed')),
  closed_as text CHECK (closed_as IN ('resolved', 'merged')),
  merged_into uuid REFERENCES incidents (id),
  category_group_id text NOT NULL,
  -- The building key (shared buildingKey) or geo:<lat>,<lon>; what the detector and the screen pop look up.
  place_key text NOT NULL,
  place_line text NOT NULL,
  lat double precision,
  lon double precision,
  radius_meters double precision,
  appeal_count integer NOT NULL DEFAULT 0,
  first_at timestamptz NOT NULL,
  last_at timestamptz NOT NULL,
  script text NOT NULL,
  -- Compare-and-set for the leads' actions: two leads on one incident, one wins.
  version integer NOT NULL DEFAULT 1,
  detected_at timestamptz NOT NULL DEFAULT now(),
  confirmed_by uuid REFERENCES users (id),
  confirmed_at timestamptz,
  closed_by uuid REFERENCES users (id),
  closed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'closed') = (closed_as IS NOT NULL))
);
-- The detector's and the screen pop's lookup: open incidents at one place.
CREATE INDEX incidents_open_place ON incidents (place_key, category_group_id) WHERE state <> 'closed';
CREATE INDEX incidents_open ON incidents (last_at DESC, id) WHERE state <> 'closed';
CREATE INDEX incidents_closed ON incidents (closed_at DESC, id) WHERE state = 'closed';

-- An appeal is in at most one incident, ever: the primary key is the appeal.
CREATE TABLE incident_appeals (
  appeal_id uuid PRIMARY KEY REFERENCES appeals (id),
  incident_id uuid NOT NULL REFERENCES incidents (id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  linked_by text NOT NULL CHECK (linked_by IN ('detector', 'operator', 'split', 'merge')),
  linked_user uuid REFERENCES users (id)
);
CREATE INDEX incident_appeals_incident ON incident_appeals (incident_id, appeal_id);

-- Appeals created by sync and not yet examined by the detector (sync/createRecords.ts enqueues them in
-- the push's transaction; each instance's scan claims them with SKIP LOCKED and deletes them in the
-- transaction that decides, so a crash loses none and two instances never take one twice).
CREATE TABLE incident_pending (
  appeal_id uuid PRIMARY KEY,
  queued_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX incident_pending_order ON incident_pending (queued_at, appeal_id);

-- The detector's neighbours: appeals at one building within the window, by index range.
CREATE INDEX appeals_building_time ON appeals (building_key, created_at);
