-- Accounts, sessions, audit and the server's settings (secret, epoch).
CREATE TABLE server_settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('operator', 'analyst', 'feedback', 'team_lead', 'admin')),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One family per sign-in; every refresh rotates within the family. Reusing a rotated token revokes
-- the family (the token was copied).
CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  device_id text,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  rotated_from uuid REFERENCES refresh_tokens (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- Kept in the database so the limit holds across instances.
CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  username text NOT NULL,
  ip text NOT NULL,
  success boolean NOT NULL
);
CREATE INDEX login_attempts_username ON login_attempts (username, at) WHERE NOT success;
CREATE INDEX login_attempts_ip ON login_attempts (ip, at) WHERE NOT success;

-- details never hold personal data (names, phones, appeal text).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid REFERENCES users (id),
  action text NOT NULL,
  appeal_id uuid,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_appeal ON audit_log (appeal_id, at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
