-- Workstations by device id (issue 9). The first sign-in that names a device id binds it to the
-- key the workstation sent with it (only its SHA-256 is kept); a sign-in from anywhere else that
-- names the id is refused, so nobody can push, pull or hold the live channel as another
-- workstation. A device registered without a key (an API client, a test) takes the first key
-- offered later.
CREATE TABLE devices (
  device_id uuid PRIMARY KEY,
  key_hash text CHECK (key_hash IS NULL OR key_hash ~ '^[\w-]{43}$'),
  registered_by uuid REFERENCES users (id) ON DELETE SET NULL,
  registered_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now()
);
