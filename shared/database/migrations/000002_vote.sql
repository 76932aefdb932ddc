-- The vote: per-election token secrets in the registry; token hashes, ballots,
-- sealed results and S2S idempotency records in the ballot box.

-- K_election: the per-election secret tokens are derived with. Kept only
-- here (production: wrapped by a KMS key), deleted when the election is sealed.
CREATE TABLE registry.election_secrets (
  org_id      text NOT NULL,
  election_id uuid NOT NULL,
  secret      bytea NOT NULL CHECK (length(secret) = 32),
  PRIMARY KEY (org_id, election_id),
  FOREIGN KEY (org_id, election_id) REFERENCES registry.elections (org_id, id)
);

ALTER TABLE registry.elections
  ADD COLUMN closes_at timestamptz,
  ADD COLUMN results jsonb;

-- Ballot-side election: its definition is fixed once registered; status is
-- the source of truth for voting.
ALTER TABLE ballot_box.elections
  ADD COLUMN ballots_cast integer,
  ADD COLUMN tally jsonb,
  ADD COLUMN tracker_root text;

-- Voting tokens, by hash only. No FK from ballots (below) to elections: the
-- FK check would take a share lock on the election row for every ballot.
CREATE TABLE ballot_box.tokens (
  token_hash  bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  org_id      text NOT NULL,
  election_id uuid NOT NULL,
  used        boolean NOT NULL DEFAULT false,
  FOREIGN KEY (org_id, election_id) REFERENCES ballot_box.elections (org_id, id)
);
CREATE INDEX tokens_election ON ballot_box.tokens (election_id);

-- A ballot: random id, org, election, choices, receipt. Nothing else: no
-- member, no token hash, no time, no sequence. Receipts sort bytewise (C).
CREATE TABLE ballot_box.ballots (
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  org_id      text NOT NULL,
  election_id uuid NOT NULL,
  choices     text[] NOT NULL CHECK (cardinality(choices) >= 1),
  receipt     text COLLATE "C" NOT NULL CHECK (receipt ~ '^[A-Za-z0-9_-]{43}$'),
  PRIMARY KEY (election_id, receipt)
);
-- Sealing deletes and rewrites rows; vacuum them away promptly so dead
-- tuples do not keep the pre-seal order and transaction ids for long.
ALTER TABLE ballot_box.ballots SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);
ALTER TABLE ballot_box.tokens SET (autovacuum_vacuum_threshold = 0, autovacuum_vacuum_scale_factor = 0);

-- S2S requests already answered, by Idempotency-Key, with the answer given.
CREATE TABLE ballot_box.s2s_requests (
  org_id          text NOT NULL,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  request_hash    bytea NOT NULL,
  status          integer NOT NULL,
  response        jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, idempotency_key)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['registry.election_secrets', 'ballot_box.tokens', 'ballot_box.ballots', 'ballot_box.s2s_requests'] LOOP
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %s USING (org_id = current_setting(''app.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''app.org_id'', true))', t);
  END LOOP;
END
$$;

-- Voters name an election, not an org. A transaction scoped to one election
-- (`app.election_id`) may read that election's row, and nothing else, to
-- learn its org and definition.
CREATE POLICY election_scope ON ballot_box.elections FOR SELECT
  USING (id::text = current_setting('app.election_id', true));

GRANT SELECT, INSERT, DELETE ON registry.election_secrets TO ekklesia_registry;
GRANT SELECT, INSERT, UPDATE, DELETE ON ballot_box.tokens, ballot_box.ballots TO ekklesia_ballot_box;
GRANT SELECT, INSERT, UPDATE ON ballot_box.s2s_requests TO ekklesia_ballot_box;
