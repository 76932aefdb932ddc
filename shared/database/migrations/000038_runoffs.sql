-- A run-off (docs/rules.md, "Run-offs"): the draft the chair makes from a
-- single choice that ended without a majority names the election it follows;
-- one run-off per election, so a second click (or a retry without its
-- Idempotency-Key) finds the first.
ALTER TABLE registry.elections ADD COLUMN runoff_of uuid;
CREATE UNIQUE INDEX elections_runoff_of ON registry.elections (org_id, runoff_of) WHERE runoff_of IS NOT NULL;
