-- A meeting or an election created again with the same Idempotency-Key (a
-- chair's client retrying after a 503 or a lost answer) is answered with
-- the one the first request made, never a second. The key, a hash of the
-- request it came with, and the id it stands for; kept a day.
CREATE TABLE registry.create_requests (
  org_id          text NOT NULL REFERENCES registry.orgs (org_id),
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  request_hash    bytea NOT NULL,
  resource_id     uuid NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, idempotency_key)
);

ALTER TABLE registry.create_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry.create_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry.create_requests
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));

GRANT SELECT, INSERT, DELETE ON registry.create_requests TO ekklesia_registry;
