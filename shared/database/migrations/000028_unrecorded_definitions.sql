-- An election's definition is registered with the ballot box before the
-- registry records the election (so a 201 means both sides know it). When
-- the registry's step fails after the ballot box's, the ballot box keeps a
-- draft nobody knows. The registry notes each definition it is about to
-- register, and forgets the note in the transaction that records the
-- election; the lifecycle worker asks the ballot box to forget the drafts
-- of notes older than any creation takes.
CREATE TABLE registry.unrecorded_definitions (
  org_id      text NOT NULL REFERENCES registry.orgs (org_id),
  election_id uuid NOT NULL,
  since       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, election_id)
);

ALTER TABLE registry.unrecorded_definitions ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry.unrecorded_definitions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry.unrecorded_definitions
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
-- The worker finds the old notes in every org (ids only, no secrets).
CREATE POLICY lifecycle_unrecorded ON registry.unrecorded_definitions FOR SELECT TO ekklesia_worker USING (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON registry.unrecorded_definitions TO ekklesia_registry;
GRANT SELECT ON registry.unrecorded_definitions TO ekklesia_worker;
CREATE INDEX unrecorded_definitions_since ON registry.unrecorded_definitions (since);

-- When the ballot box last heard the definition: a draft it is asked to
-- forget is kept while a creation may still be recording it.
ALTER TABLE ballot_box.elections ADD COLUMN defined_at timestamptz NOT NULL DEFAULT now();
GRANT DELETE ON ballot_box.elections TO ekklesia_ballot_box;
