-- Sync (ARCHITECTURE.md, "Sync protocol"; src/shared/sync/protocol.ts).

-- Exactly once: a mutation is claimed here in the same transaction as its change, so a retried,
-- duplicated or reordered delivery finds its row and is answered with the recorded outcome.
CREATE TABLE sync_ledger (
  device_id uuid NOT NULL,
  seq bigint NOT NULL CHECK (seq >= 1),
  mutation_id uuid NOT NULL UNIQUE,
  mutation_type text NOT NULL,
  entity_id text NOT NULL,
  user_id text,
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
  -- applied: {"officialNumber": ...}; rejected: {"code": ..., "message": ...}
  result jsonb,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq)
);

-- Refused mutations are kept and shown to the operator and the team lead, never dropped. The
-- payload is kept here so a person can act on it; it never goes to the logs.
CREATE TABLE sync_rejections (
  id bigserial PRIMARY KEY,
  device_id uuid NOT NULL,
  user_id text,
  mutation_id uuid NOT NULL,
  seq bigint NOT NULL,
  mutation_type text NOT NULL,
  entity_id text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  payload jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (device_id, mutation_id)
);
CREATE INDEX sync_rejections_created_at ON sync_rejections (created_at);

-- Pull order is (txid, id): ids are taken in insert order, not commit order, so only the writing
-- transaction's id bounded by pg_snapshot_xmin tells which rows can no longer be preceded.
CREATE TABLE change_log (
  id bigserial PRIMARY KEY,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  entity_type text NOT NULL CHECK (entity_type IN ('appeal', 'consultation')),
  entity_id text NOT NULL,
  payload jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_txid_id ON change_log (txid, id);

-- Renewed by the restore procedure (`npm run server -- --rotate-epoch`): clients holding another
-- epoch re-sync from scratch.
CREATE TABLE server_epoch (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  epoch text NOT NULL,
  rotated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO server_epoch (epoch) VALUES (gen_random_uuid()::text);
