-- The lifecycle worker's plan per meeting: when to pre-warm and when to scale
-- back, and what it has done (so a redelivered tick does nothing twice).
CREATE TABLE registry.meeting_plans (
  org_id             text NOT NULL,
  meeting_id         uuid NOT NULL,
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz,
  expected_attendees integer NOT NULL,
  prewarmed_at       timestamptz,
  scaled_down_at     timestamptz,
  PRIMARY KEY (org_id, meeting_id)
);
ALTER TABLE registry.meeting_plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry.meeting_plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry.meeting_plans
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
-- Ticks look at every org's meetings: capacity is shared by all of them.
CREATE POLICY lifecycle_all_orgs ON registry.meeting_plans TO ekklesia_worker USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON registry.meeting_plans TO ekklesia_worker;
