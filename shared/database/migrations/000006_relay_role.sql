-- The outbox relay's own login role: it publishes every org's events, so it
-- may read and mark any outbox row, and nothing else of the registry.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ekklesia_relay') THEN
    BEGIN
      CREATE ROLE ekklesia_relay LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA registry TO ekklesia_relay;
GRANT SELECT, UPDATE (published_at) ON registry.outbox TO ekklesia_relay;
CREATE POLICY relay_all_orgs ON registry.outbox TO ekklesia_relay USING (true) WITH CHECK (true);
