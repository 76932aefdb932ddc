-- Presence, and the rules a vote is decided by (docs/rules.md).
--
-- Presence: who is checked in at a meeting, as a row per present member and
-- nothing else: whether, never when (no timestamp; and the routes refuse a
-- change while a vote of the org is open, so no row naming a member is
-- written beside the ballots: docs/threat-model.md). It is frozen for an
-- election at its open, as counts (members, and units for weights), with
-- the open's event; the ballot box gets the counts with the definition.
CREATE TABLE registry.attendance (
  org_id     text NOT NULL,
  meeting_id uuid NOT NULL,
  subject    text NOT NULL,
  PRIMARY KEY (org_id, meeting_id, subject),
  FOREIGN KEY (org_id, meeting_id) REFERENCES registry.meetings (org_id, id),
  FOREIGN KEY (org_id, subject) REFERENCES registry.members (org_id, subject)
);
SELECT ekklesia_meta.tenant_table('registry.attendance');
GRANT SELECT, INSERT, DELETE ON registry.attendance TO ekklesia_registry;

-- Rules (schemas/rules.ts, every default filled in), per election, with
-- defaults per meeting and per org; the counts frozen at the open.
ALTER TABLE registry.orgs ADD COLUMN rules jsonb;
ALTER TABLE registry.meetings ADD COLUMN rules jsonb;
ALTER TABLE registry.elections
  ADD COLUMN rules jsonb,
  ADD COLUMN present_members integer CHECK (present_members >= 0),
  ADD COLUMN present_units integer CHECK (present_units >= 0);
GRANT UPDATE (rules) ON registry.orgs TO ekklesia_registry;

-- The ballot box keeps the rules and the presence counts it was given, and
-- the verdict it reached at the seal (under the tracker's root).
ALTER TABLE ballot_box.elections
  ADD COLUMN rules jsonb,
  ADD COLUMN present jsonb,
  ADD COLUMN verdict jsonb;
