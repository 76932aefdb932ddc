-- Event consumers (workers) and the audit log. Workers log in as their own
-- role; what they record is per org under the same Row-Level Security.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ekklesia_worker') THEN
    BEGIN
      CREATE ROLE ekklesia_worker LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA registry TO ekklesia_worker;

-- Which worker has applied which event: recorded in the transaction of the
-- effect, so a redelivered event is applied once.
CREATE TABLE registry.processed_events (
  org_id   text NOT NULL,
  worker   text NOT NULL,
  event_id uuid NOT NULL,
  PRIMARY KEY (org_id, worker, event_id)
);

-- Failed deliveries of an event to a worker; past the limit it is parked
-- here and acknowledged (the emulator has no dead-letter topics).
CREATE TABLE registry.delivery_failures (
  org_id     text NOT NULL,
  worker     text NOT NULL,
  event_id   uuid NOT NULL,
  attempts   integer NOT NULL,
  last_error text NOT NULL,
  envelope   jsonb NOT NULL,
  dead       boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, worker, event_id)
);

-- The audit log: append-only and hash-chained per org. Each entry's hash
-- covers the previous entry's hash and the entry itself, so changing,
-- deleting or reordering entries breaks the chain (npm run audit:verify).
CREATE TABLE registry.audit_log (
  org_id      text NOT NULL,
  seq         bigint NOT NULL CHECK (seq >= 1),
  event_id    uuid NOT NULL,
  type        text NOT NULL,
  occurred_at timestamptz NOT NULL,
  payload     jsonb NOT NULL,
  prev_hash   text NOT NULL,
  hash        text NOT NULL,
  PRIMARY KEY (org_id, seq),
  UNIQUE (org_id, event_id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['registry.processed_events', 'registry.delivery_failures', 'registry.audit_log'] LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %s USING (org_id = current_setting(''app.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''app.org_id'', true))', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT ON registry.processed_events TO ekklesia_worker;
GRANT SELECT, INSERT, UPDATE ON registry.delivery_failures TO ekklesia_worker;
-- Append-only: no UPDATE or DELETE for anyone but the owner.
GRANT SELECT, INSERT ON registry.audit_log TO ekklesia_worker;
