-- Token issuance writes no event. Each token.issued event cost an outbox row,
-- a publish and two push deliveries (audit, metering), each a worker
-- transaction on the same database, all at the moment of the burst: on the
-- local stack the workers took more CPU than the token and ballot requests
-- together. Tokens are now counted once, at the seal (election.sealed carries
-- tokensIssued), as ballots always were; who was issued a token is in
-- registry.token_issuances, as before.
DROP FUNCTION registry.issue_token(text, uuid, text, boolean, boolean, jsonb, text[]);

-- registry.issue_token: the checks and the record of one issuance, one round
-- trip. It sets the tenant itself.
--   outcome 'not_member' | 'not_eligible' | 'unknown_election' | 'not_open':
--     refused, nothing written;
--   'ready': allowed, nothing written, because the caller has not unwrapped
--     the election's secret yet (p_record false) or the member's hash must
--     first be registered with the ballot box (must_register);
--   'issued': recorded; `first` when this is the member's first issuance.
-- p_registered: the caller has just registered the member's hash.
CREATE FUNCTION registry.issue_token(
  p_org_id text,
  p_election_id uuid,
  p_subject text,
  p_record boolean,
  p_registered boolean
) RETURNS TABLE (outcome text, key_version text, wrapped bytea, must_register boolean, first boolean)
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_member text;
  v_status text;
  v_key_version text;
  v_wrapped bytea;
  v_shredded timestamptz;
  v_must_register boolean;
  v_first boolean;
BEGIN
  PERFORM set_config('app.org_id', p_org_id, true);
  SELECT m.status INTO v_member FROM registry.members m WHERE m.subject = p_subject;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_member', NULL::text, NULL::bytea, NULL::boolean, NULL::boolean;
    RETURN;
  END IF;
  IF v_member <> 'active' THEN
    RETURN QUERY SELECT 'not_eligible', NULL::text, NULL::bytea, NULL::boolean, NULL::boolean;
    RETURN;
  END IF;
  SELECT e.status, k.key_version, k.wrapped, k.shredded_at INTO v_status, v_key_version, v_wrapped, v_shredded
  FROM registry.elections e LEFT JOIN registry.election_keys k ON k.org_id = e.org_id AND k.election_id = e.id
  WHERE e.id = p_election_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown_election', NULL::text, NULL::bytea, NULL::boolean, NULL::boolean;
    RETURN;
  END IF;
  IF v_status NOT IN ('draft', 'open') OR v_key_version IS NULL OR v_shredded IS NOT NULL THEN
    RETURN QUERY SELECT 'not_open', NULL::text, NULL::bytea, NULL::boolean, NULL::boolean;
    RETURN;
  END IF;
  v_must_register := v_status = 'open' AND NOT p_registered AND NOT EXISTS (
    SELECT 1 FROM registry.token_registrations r WHERE r.election_id = p_election_id AND r.subject = p_subject);
  IF NOT p_record OR v_must_register THEN
    RETURN QUERY SELECT 'ready', v_key_version, v_wrapped, v_must_register, NULL::boolean;
    RETURN;
  END IF;
  IF p_registered THEN
    INSERT INTO registry.token_registrations (org_id, election_id, subject)
    VALUES (p_org_id, p_election_id, p_subject) ON CONFLICT DO NOTHING;
  END IF;
  INSERT INTO registry.token_issuances (org_id, election_id, subject)
  VALUES (p_org_id, p_election_id, p_subject) ON CONFLICT DO NOTHING;
  v_first := FOUND;
  RETURN QUERY SELECT 'issued', v_key_version, v_wrapped, false, v_first;
END
$$;
REVOKE ALL ON FUNCTION registry.issue_token(text, uuid, text, boolean, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry.issue_token(text, uuid, text, boolean, boolean) TO ekklesia_registry;
