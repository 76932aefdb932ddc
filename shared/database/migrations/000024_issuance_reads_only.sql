-- A token request writes nothing (docs/threat-model.md, "Before the seal").
-- registry.token_issuances kept, per member, the issuing transaction's xmin
-- and issued_at; a backup taken before the seal, or the WAL, pairs that time
-- with the commit time of the ballot cast a moment later, and the tracker
-- turns the ballot into choices. So:
--  - the issuance record goes: a request only reads (registry.token_request);
--  - "who may vote" is the roster snapshot the open writes in one batch
--    (registry.token_registrations, as before), plus members who become
--    eligible later, registered in shuffled batches by the lifecycle tick,
--    never at a member's request;
--  - a member made inactive keeps their registration row until their token
--    is withdrawn from the ballot box: a row whose member is inactive is the
--    durable record a withdrawal that did not finish is completed from;
--  - turnout counts eligible members (the tokens the ballot box holds), a
--    count that names no member; the seal stores it as `eligible`.

-- Sealed results carry the eligible count from now on; earlier seals get the
-- issuance count they knew of.
UPDATE registry.elections e
SET results = e.results || jsonb_build_object(
  'eligible', (SELECT count(*)::int FROM registry.token_issuances t WHERE t.org_id = e.org_id AND t.election_id = e.id))
WHERE e.status = 'sealed' AND e.results IS NOT NULL AND NOT e.results ? 'eligible';

ALTER TABLE ballot_box.elections ADD COLUMN eligible integer CHECK (eligible >= 0);
UPDATE ballot_box.elections SET eligible = ballots_cast WHERE status = 'sealed';

-- The seal deletes the election's registered list (shared/registry/elections/close.ts); its dead rows go
-- at the first autovacuum, as the ballot tables' do (000018), or the lifecycle worker's VACUUM after the seal.
ALTER TABLE registry.token_registrations SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1);

DROP FUNCTION registry.issue_token(text, uuid, text, boolean, boolean);
DROP TABLE registry.token_issuances;

-- registry.token_request: what a member's token request may be given, read
-- in one round trip; it writes nothing. It sets the tenant itself.
--   'not_member' | 'not_eligible' | 'unknown_election' | 'not_open': refused;
--   'pending': open, and the member became eligible after the open: the
--     lifecycle tick registers them (and finishes a withdrawal) shortly;
--   'ready': the election's wrapped key, from which the token is derived.
CREATE FUNCTION registry.token_request(p_org_id text, p_election_id uuid, p_subject text)
RETURNS TABLE (outcome text, key_version text, wrapped bytea)
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_member text;
  v_status text;
  v_key_version text;
  v_wrapped bytea;
  v_shredded timestamptz;
BEGIN
  PERFORM set_config('app.org_id', p_org_id, true);
  SELECT m.status INTO v_member FROM registry.members m WHERE m.subject = p_subject;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_member', NULL::text, NULL::bytea;
    RETURN;
  END IF;
  IF v_member <> 'active' THEN
    RETURN QUERY SELECT 'not_eligible', NULL::text, NULL::bytea;
    RETURN;
  END IF;
  SELECT e.status, k.key_version, k.wrapped, k.shredded_at INTO v_status, v_key_version, v_wrapped, v_shredded
  FROM registry.elections e LEFT JOIN registry.election_keys k ON k.org_id = e.org_id AND k.election_id = e.id
  WHERE e.id = p_election_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown_election', NULL::text, NULL::bytea;
    RETURN;
  END IF;
  IF v_status NOT IN ('draft', 'open') OR v_key_version IS NULL OR v_shredded IS NOT NULL THEN
    RETURN QUERY SELECT 'not_open', NULL::text, NULL::bytea;
    RETURN;
  END IF;
  IF v_status = 'open' AND NOT EXISTS (
    SELECT 1 FROM registry.token_registrations r
    WHERE r.election_id = p_election_id AND r.subject = p_subject
  ) THEN
    RETURN QUERY SELECT 'pending', NULL::text, NULL::bytea;
    RETURN;
  END IF;
  RETURN QUERY SELECT 'ready', v_key_version, v_wrapped;
END
$$;
REVOKE ALL ON FUNCTION registry.token_request(text, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry.token_request(text, uuid, text) TO ekklesia_registry;
