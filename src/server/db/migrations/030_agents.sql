-- Agents, their state history, SIP credentials (issue 4; src/shared/softphone/agent.ts) and the
-- notification that lets every server instance tell workstations to pull at once.

-- The current state of each agent, one row per user who ever connected a workstation. `state` is an
-- AgentState (src/shared/softphone/agent.ts) as JSON. A call routed by the PBX reserves the agent
-- (ringing, reserved_until); the workstation confirms it by reporting that call, else the
-- reservation lapses and the agent is routable again.
CREATE TABLE agents (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  state jsonb NOT NULL DEFAULT '{"state": "offline"}'::jsonb
    CHECK (state ->> 'state' IN ('offline', 'available', 'ringing', 'on_call', 'wrap_up', 'break')),
  since timestamptz NOT NULL DEFAULT now(),
  sip_registered boolean NOT NULL DEFAULT false,
  -- The live socket that holds this agent now (any instance); a close only clears its own id, so
  -- a reconnect through another instance is not undone by the old socket's late close.
  connected boolean NOT NULL DEFAULT false,
  connection_id uuid,
  device_id text,
  -- Refreshed by the holding instance at every heartbeat: a crashed instance's agents stop being
  -- routable once it is stale.
  connection_seen_at timestamptz,
  disconnected_at timestamptz,
  reserved_call_id text,
  reserved_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agents_routable ON agents (since) WHERE connected AND sip_registered;

-- One row per state interval, closed when the next begins: what the team lead's reports read.
CREATE TABLE agent_state_history (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('offline', 'available', 'ringing', 'on_call', 'wrap_up', 'break')),
  -- The break reason; null for other states.
  reason text,
  call_id text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE UNIQUE INDEX agent_state_history_open ON agent_state_history (user_id) WHERE ended_at IS NULL;
CREATE INDEX agent_state_history_user_started ON agent_state_history (user_id, started_at);
CREATE INDEX agent_state_history_started ON agent_state_history (started_at);

-- Only HA1 = md5(username:realm:secret) is kept; the secret itself is never stored. Tied to the
-- sign-in that asked for it: when that sign-in ends, the PBX no longer accepts the account.
CREATE TABLE sip_credentials (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  session_id uuid NOT NULL,
  username text NOT NULL,
  realm text NOT NULL,
  ha1 text NOT NULL CHECK (ha1 ~ '^[0-9a-f]{32}$'),
  issued_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (username, realm)
);
CREATE INDEX sip_credentials_session ON sip_credentials (session_id);

-- Disabling an account revokes its SIP credentials at once, whichever tool disables it.
CREATE FUNCTION sip_credentials_revoke_for_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sip_credentials WHERE user_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_disabled_revokes_sip
  AFTER UPDATE OF disabled ON users
  FOR EACH ROW WHEN (NEW.disabled AND NOT OLD.disabled)
  EXECUTE FUNCTION sip_credentials_revoke_for_user();

-- A sign-in that ends (logout, reuse detected; not a routine rotation, which keeps the family live)
-- takes the SIP credentials it was issued with.
CREATE FUNCTION sip_credentials_revoke_for_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sip_credentials WHERE session_id = NEW.family_id;
  RETURN NULL;
END
$$;
CREATE TRIGGER refresh_tokens_revoked_revokes_sip
  AFTER UPDATE OF revoked_at ON refresh_tokens
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL
                     AND NEW.revoked_reason IS DISTINCT FROM 'rotated')
  EXECUTE FUNCTION sip_credentials_revoke_for_session();

-- Every server instance LISTENs on sync_changed and tells its workstations to pull. Per statement:
-- a batch of changes is one notification (PostgreSQL also folds equal ones within a transaction).
CREATE FUNCTION change_log_notify_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sync_changed', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER change_log_notifies_sync
  AFTER INSERT ON change_log
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_notify_sync();
