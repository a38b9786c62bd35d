-- Login throttle counters (src/server/auth/rateLimit.ts). One row per bucket: a (username, source)
-- pair, a username, or a client address. An attempt takes a slot in each of its buckets (pending)
-- under the rows' locks BEFORE its password is checked, and settles it afterwards (a failure or
-- not), so however many attempts arrive at once on any instance, no more passwords are checked
-- than the limits allow. login_attempts stays the history of attempts that were checked.
CREATE TABLE login_throttle (
  bucket text PRIMARY KEY,
  -- Failures in the current window (pair and address buckets) or since the username was last
  -- quiet for a window (username buckets). A successful sign-in resets its buckets.
  failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  window_start timestamptz NOT NULL DEFAULT now(),
  -- Username buckets: no password of this username is checked before this time.
  next_at timestamptz NOT NULL DEFAULT now(),
  -- Checks under way; counted as failures until they settle. Ignored once pending_since is older
  -- than any check takes (an instance that died mid-check never settles its slots).
  pending integer NOT NULL DEFAULT 0 CHECK (pending >= 0),
  pending_since timestamptz NOT NULL DEFAULT now()
);
-- Finds the rows that no longer hold anything back, for pruning.
CREATE INDEX login_throttle_stale ON login_throttle (greatest(window_start, next_at, pending_since));

-- Whether a user has signed in from a device before (a known workstation has its own bucket).
CREATE INDEX refresh_tokens_user_device ON refresh_tokens (user_id, device_id) WHERE device_id IS NOT NULL;
