-- A token request asks for the members its caller holds (000033's held jsonb):
-- without this index that is a scan of every registration of the election, on
-- every member's request; with it, one probe that finds nothing for all but
-- the holders.
CREATE INDEX token_registrations_held_by ON registry.token_registrations (org_id, election_id, held_by)
  WHERE held_by IS NOT NULL;
