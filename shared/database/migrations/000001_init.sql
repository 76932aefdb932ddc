-- Two trust domains in one database. The registry (events function) knows
-- members; the ballot box (elections function) knows ballots. Each function
-- logs in with its own non-owner role that can reach only its own schema, and
-- Row-Level Security keeps tenants apart inside each schema: a policy matches
-- a row only when its org_id equals the transaction's `app.org_id`, so with no
-- tenant set nothing is visible.

-- Login roles. Roles are cluster-wide, so another database's migration may be
-- creating them at the same moment: tolerate losing that race.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['ekklesia_registry', 'ekklesia_ballot_box'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;

CREATE SCHEMA registry;
CREATE SCHEMA ballot_box;
REVOKE ALL ON SCHEMA registry, ballot_box FROM PUBLIC;
GRANT USAGE ON SCHEMA registry TO ekklesia_registry;
GRANT USAGE ON SCHEMA ballot_box TO ekklesia_ballot_box;

-- ---------------------------------------------------------------- registry

CREATE TABLE registry.orgs (
  org_id     text PRIMARY KEY CHECK (org_id ~ '^[a-z0-9-]{2,40}$'),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE registry.members (
  org_id     text NOT NULL REFERENCES registry.orgs (org_id),
  subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  role       text NOT NULL CHECK (role IN ('member', 'admin')),
  status     text NOT NULL CHECK (status IN ('active', 'inactive')),
  weight     integer NOT NULL DEFAULT 1 CHECK (weight >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, subject)
);

CREATE TABLE registry.meetings (
  org_id             text NOT NULL REFERENCES registry.orgs (org_id),
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  starts_at          timestamptz NOT NULL,
  ends_at            timestamptz CHECK (ends_at > starts_at),
  expected_attendees integer NOT NULL CHECK (expected_attendees >= 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE registry.elections (
  org_id      text NOT NULL REFERENCES registry.orgs (org_id),
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id  uuid,
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  kind        text NOT NULL CHECK (kind IN ('yes_no_abstain', 'single', 'multi')),
  options     jsonb NOT NULL CHECK (jsonb_typeof(options) = 'array'),
  max_choices integer NOT NULL CHECK (max_choices >= 1),
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'sealed')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  -- Composite keys keep references inside one tenant.
  FOREIGN KEY (org_id, meeting_id) REFERENCES registry.meetings (org_id, id)
);
CREATE INDEX elections_meeting ON registry.elections (org_id, meeting_id) WHERE meeting_id IS NOT NULL;

-- "Member M was issued a token for election E": never the token or its hash.
CREATE TABLE registry.token_issuances (
  org_id      text NOT NULL,
  election_id uuid NOT NULL,
  subject     text NOT NULL,
  issued_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, election_id, subject),
  FOREIGN KEY (org_id, election_id) REFERENCES registry.elections (org_id, id),
  FOREIGN KEY (org_id, subject) REFERENCES registry.members (org_id, subject)
);

-- -------------------------------------------------------------- ballot box

CREATE TABLE ballot_box.elections (
  org_id      text NOT NULL CHECK (org_id ~ '^[a-z0-9-]{2,40}$'),
  id          uuid NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('yes_no_abstain', 'single', 'multi')),
  option_ids  text[] NOT NULL,
  max_choices integer NOT NULL CHECK (max_choices >= 1),
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'sealed')),
  PRIMARY KEY (org_id, id),
  UNIQUE (id)
);

-- ------------------------------------------------------ tenancy and grants

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'registry.orgs', 'registry.members', 'registry.meetings', 'registry.elections',
    'registry.token_issuances', 'ballot_box.elections'
  ] LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %s USING (org_id = current_setting(''app.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''app.org_id'', true))', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT ON registry.orgs TO ekklesia_registry;
GRANT SELECT, INSERT, UPDATE ON registry.members, registry.meetings, registry.elections TO ekklesia_registry;
GRANT SELECT, INSERT ON registry.token_issuances TO ekklesia_registry;
GRANT SELECT, INSERT, UPDATE ON ballot_box.elections TO ekklesia_ballot_box;
