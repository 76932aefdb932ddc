-- Per-org daily usage for cost attribution, kept by the metering worker.
CREATE TABLE registry.usage_daily (
  org_id        text NOT NULL,
  day           date NOT NULL,
  tokens_issued integer NOT NULL DEFAULT 0,
  ballots_cast  integer NOT NULL DEFAULT 0,
  elections_run integer NOT NULL DEFAULT 0,
  api_requests  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day)
);
ALTER TABLE registry.usage_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry.usage_daily FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry.usage_daily
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));
GRANT SELECT, INSERT, UPDATE ON registry.usage_daily TO ekklesia_worker;
