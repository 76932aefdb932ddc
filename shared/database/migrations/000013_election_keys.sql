-- Crypto-shredding (docs/threat-model.md): an election's token secret no
-- longer lives in the database. The registry keeps it only wrapped by a Cloud
-- KMS key version of the election's own; destroying that version at the seal
-- turns every copy of the wrapped key (this row, the WAL, every backup) into
-- noise. The plaintext secrets of elections made before this migration are
-- dropped with their table: those elections can no longer issue tokens.
DROP TABLE registry.election_secrets;

CREATE TABLE registry.election_keys (
  org_id      text NOT NULL,
  election_id uuid NOT NULL,
  key_version text NOT NULL CHECK (key_version ~ '^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+/cryptoKeyVersions/[^/]+$'),
  -- The data key, wrapped; gone (with its key version) once shredded.
  wrapped     bytea CHECK (length(wrapped) BETWEEN 32 AND 1024),
  shredded_at timestamptz,
  CHECK ((wrapped IS NULL) = (shredded_at IS NOT NULL)),
  PRIMARY KEY (org_id, election_id),
  FOREIGN KEY (org_id, election_id) REFERENCES registry.elections (org_id, id)
);
SELECT ekklesia_meta.tenant_table('registry.election_keys');
GRANT SELECT, INSERT, UPDATE ON registry.election_keys TO ekklesia_registry;

-- The lifecycle worker finishes a shredding the close could not (KMS was
-- unreachable): it sees which keys are not shredded yet, never a wrapped key.
CREATE POLICY lifecycle_shred_due ON registry.election_keys FOR SELECT TO ekklesia_worker USING (shredded_at IS NULL);
GRANT SELECT (org_id, election_id, key_version, shredded_at) ON registry.election_keys TO ekklesia_worker;
