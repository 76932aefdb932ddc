-- A second login for each application role, so its password is rotated
-- add-then-switch (infra/README.md, "Rotating the database passwords"): the
-- idle login gets a new password while the services still connect with the
-- other, then the services switch. ROLE_b is a member of ROLE with INHERIT and
-- nothing of its own: every grant and every row-level policy that names ROLE
-- holds for it, and no more. Like the roles themselves (000001), created only
-- if missing, and a race with another database's migration is tolerated.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['ekklesia_registry', 'ekklesia_ballot_box', 'ekklesia_worker', 'ekklesia_relay'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r || '_b') THEN
      BEGIN
        EXECUTE format(
          'CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT IN ROLE %I', r || '_b', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;
