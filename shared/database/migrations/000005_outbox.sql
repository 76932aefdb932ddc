-- The transactional outbox: every state change of the registry writes its
-- event here in the same transaction. A relay publishes unpublished rows to
-- their Pub/Sub topics and marks them published.
CREATE TABLE registry.outbox (
  org_id       text NOT NULL,
  id           uuid NOT NULL,
  type         text NOT NULL,
  topics       text[] NOT NULL CHECK (cardinality(topics) >= 1),
  envelope     jsonb NOT NULL,
  occurred_at  timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  PRIMARY KEY (org_id, id)
);
-- What the relay looks for: the unpublished rows, oldest first.
CREATE INDEX outbox_unpublished ON registry.outbox (occurred_at) WHERE published_at IS NULL;

ALTER TABLE registry.outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE registry.outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registry.outbox
  USING (org_id = current_setting('app.org_id', true))
  WITH CHECK (org_id = current_setting('app.org_id', true));

GRANT SELECT, INSERT, UPDATE ON registry.outbox TO ekklesia_registry;
