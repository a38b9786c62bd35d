-- Disabling an account ends every sign-in it has, whichever tool disables it (admins may flip
-- users.disabled by SQL): re-enabling it later does not revive old access or refresh tokens, the
-- user signs in again. Revoking the families also fires refresh_tokens_revoked_revokes_sip (030).
CREATE FUNCTION refresh_tokens_revoke_for_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'account_disabled'
   WHERE user_id = NEW.id AND revoked_at IS NULL;
  RETURN NULL;
END
$$;
CREATE TRIGGER users_disabled_ends_sign_ins
  AFTER UPDATE OF disabled ON users
  FOR EACH ROW WHEN (NEW.disabled AND NOT OLD.disabled)
  EXECUTE FUNCTION refresh_tokens_revoke_for_user();

-- Accounts disabled before this migration: their sign-ins end now, for the same reason.
UPDATE refresh_tokens t SET revoked_at = now(), revoked_reason = 'account_disabled'
  FROM users u
 WHERE u.id = t.user_id AND u.disabled AND t.revoked_at IS NULL;
