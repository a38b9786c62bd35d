-- Executor contacts edited by an admin (issue 12): the seeding of reference data keeps them instead
-- of writing the shipped directory's values over them at the next start.
ALTER TABLE executors ADD COLUMN contacts_updated_at timestamptz;
ALTER TABLE executors ADD COLUMN contacts_updated_by uuid REFERENCES users (id);

-- The REST API's Idempotency-Key (POST /api/v1/appeals/:id/transitions and .../amendments): a
-- retried request with the same key is answered with the first answer and changes nothing. The key
-- is the caller's, so it is unique per user; the request's digest tells a reused key with another
-- request from a retry.
CREATE TABLE api_idempotency (
  user_id uuid NOT NULL REFERENCES users (id),
  key uuid NOT NULL,
  request_digest text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX api_idempotency_created_at ON api_idempotency (created_at);
