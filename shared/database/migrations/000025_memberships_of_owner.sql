-- registry.memberships_of (000023) answers across orgs as its owner
-- (SECURITY DEFINER). Its owner was whoever ran the migrations: a superuser
-- locally, and every owner deployed bypasses row-level security on the tables
-- it owns. It is now owned by a role of its own that cannot log in, is no
-- superuser, does not bypass RLS (RLS stays forced) and reads the two
-- tables' needed columns through policies that say so. Its search_path is
-- pg_catalog then pg_temp, so no schema an app role can create in shadows a
-- name it uses (every table it reads is schema-qualified).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ekklesia_directory') THEN
    BEGIN
      CREATE ROLE ekklesia_directory NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
END
$$;
-- Giving a function to a role needs membership of it (Cloud SQL's migration user is no superuser).
GRANT ekklesia_directory TO CURRENT_USER;

GRANT USAGE ON SCHEMA registry TO ekklesia_directory;
GRANT SELECT (org_id, subject, role, status) ON registry.members TO ekklesia_directory;
GRANT SELECT (org_id, name) ON registry.orgs TO ekklesia_directory;
CREATE POLICY directory_memberships ON registry.members FOR SELECT TO ekklesia_directory USING (true);
CREATE POLICY directory_memberships ON registry.orgs FOR SELECT TO ekklesia_directory USING (true);

ALTER FUNCTION registry.memberships_of(text) OWNER TO ekklesia_directory;
ALTER FUNCTION registry.memberships_of(text) SET search_path = pg_catalog, pg_temp;
