-- The appeals list's text filter is a substring match on the essence (ILIKE '%words%'): a trigram
-- index serves it instead of a scan of every appeal. pg_trgm is a trusted extension, so the
-- database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX appeals_essence_trgm ON appeals USING gin ((record->>'essence') gin_trgm_ops);
