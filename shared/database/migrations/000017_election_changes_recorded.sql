-- An open or a close is recorded as begun before the ballot box is asked,
-- and as done after it answered, with no transaction open across the call.
-- `changing_since` says when a change began that the ballot box may already
-- have made: a draft with it set is opening, a closed election with it set
-- is sealing. The lifecycle worker finishes those left half-way (or, for an
-- open the ballot box never made, forgets it).
ALTER TABLE registry.elections ADD COLUMN changing_since timestamptz;
CREATE INDEX elections_changing ON registry.elections (changing_since) WHERE changing_since IS NOT NULL;
GRANT SELECT (changing_since) ON registry.elections TO ekklesia_worker;
CREATE POLICY lifecycle_unfinished ON registry.elections FOR SELECT TO ekklesia_worker
  USING (changing_since IS NOT NULL);
