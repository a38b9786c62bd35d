-- Official numbers survive a restore from a backup (protocol.ts, "Restore"). A workstation that
-- re-sends an appeal the restored server lost also sends the number the citizen was already told;
-- the server keeps it when no other appeal holds it and moves its sequence past it, so the number
-- is never issued again.
CREATE FUNCTION keep_registration_number(p_center text, p_year integer, p_number text)
RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seq_name text := format('registration_seq_%s_%s', md5(p_center), p_year);
  n bigint := substr(p_number, length(p_center) + length(p_year::text) + 3)::bigint;
  current_value bigint;
BEGIN
  IF to_regclass(seq_name) IS NULL THEN
    PERFORM next_registration_number(p_center, p_year);
  END IF;
  -- Two keepers must not move the sequence back past each other's number.
  PERFORM pg_advisory_xact_lock(hashtext(seq_name));
  EXECUTE format('SELECT last_value FROM %I', seq_name) INTO current_value;
  IF n > current_value THEN
    PERFORM setval(seq_name::regclass, n);
  END IF;
  RETURN p_number;
END
$$;

-- Whether a claimed number has this center's and year's shape: `<center>-<year>-<6+ digits>`.
CREATE FUNCTION is_registration_number_of(p_center text, p_year integer, p_number text)
RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_number IS NOT NULL
     AND left(p_number, length(p_center) + length(p_year::text) + 2) = p_center || '-' || p_year || '-'
     AND substr(p_number, length(p_center) + length(p_year::text) + 3) ~ '^[0-9]{6,18}$'
$$;

-- The restore procedure (`--rotate-epoch`) leaves a gap in every number sequence, so appeals
-- registered before the lost ones come back cannot take the numbers those were given.
CREATE FUNCTION advance_registration_sequences(p_gap bigint)
RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  s record;
  advanced integer := 0;
  current_value bigint;
BEGIN
  FOR s IN SELECT c.relname FROM pg_class c
            WHERE c.relkind = 'S' AND c.relname LIKE 'registration\_seq\_%' LOOP
    EXECUTE format('SELECT last_value FROM %I', s.relname) INTO current_value;
    PERFORM setval(s.relname::regclass, current_value + p_gap);
    advanced := advanced + 1;
  END LOOP;
  RETURN advanced;
END
$$;
