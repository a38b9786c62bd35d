-- Registration numbers from a sequence per (center, year) instead of the counter row: the row's
-- lock was held by every creating transaction until its commit, so all appeal creates ran one at
-- a time. nextval() takes no lock held to commit; a number taken by a transaction that rolls back
-- is a gap (allowed), and no number is ever given twice (required). A sequence is made on the first
-- number of its year and continues after the counter row that migration 002 kept, if any.
CREATE FUNCTION next_registration_number(p_center text, p_year integer)
RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  -- md5 keeps any center code a valid identifier of bounded length.
  seq_name text := format('registration_seq_%s_%s', md5(p_center), p_year);
  start_at bigint;
BEGIN
  IF to_regclass(seq_name) IS NULL THEN
    SELECT coalesce(max(last), 0) + 1 INTO start_at
      FROM registration_counters WHERE center_code = p_center AND year = p_year;
    BEGIN
      EXECUTE format('CREATE SEQUENCE IF NOT EXISTS %I START WITH %s', seq_name, start_at);
    EXCEPTION WHEN unique_violation OR duplicate_table THEN
      -- Another transaction created it first (it waited here for that one's commit).
      NULL;
    END;
  END IF;
  RETURN nextval(seq_name::regclass);
END
$$;

CREATE FUNCTION next_registration_numbers(p_center text, p_year integer, p_count integer)
RETURNS SETOF bigint
LANGUAGE sql VOLATILE AS $$
  SELECT next_registration_number(p_center, p_year) FROM generate_series(1, p_count)
$$;

-- `<center>-<year>-<at least 6 digits>`, as registrationNumber.ts formats it (lpad alone would cut
-- a seventh digit off).
CREATE FUNCTION format_registration_number(p_center text, p_year integer, p_n bigint)
RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_center || '-' || p_year || '-' || CASE WHEN p_n >= 100000 THEN p_n::text ELSE lpad(p_n::text, 6, '0') END
$$;
