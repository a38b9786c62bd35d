-- Executor organisations as accounts (issue 12): role `executor`, scoped to one organisation (an
-- executor of the reference data). Only an executor account has an organisation.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('operator', 'analyst', 'feedback', 'team_lead', 'admin', 'executor'));
ALTER TABLE users ADD COLUMN organisation_id text REFERENCES executors (id);
ALTER TABLE users ADD CONSTRAINT users_executor_has_organisation
  CHECK ((role = 'executor') = (organisation_id IS NOT NULL));
