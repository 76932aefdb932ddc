-- Issuing a voting token in one statement, with no call to the ballot box
-- for a member whose hash it already holds.
--
-- token_registrations: the members whose token hash the ballot box holds for
-- an election. The open writes every member active at that moment, before it
-- registers their hashes (all at once, shuffled); a member who becomes
-- eligible later is written when they ask and their hash has been
-- registered. A roster change of a member's status removes their rows: an
-- inactive member's hash is withdrawn, and one made active again is
-- registered anew when they ask. It names members, never tokens or hashes,
-- and says no more than the roster at the open did.
CREATE TABLE registry.token_registrations (
  org_id text NOT NULL,
  election_id uuid NOT NULL,
  subject text NOT NULL,
  PRIMARY KEY (org_id, election_id, subject),
  FOREIGN KEY (org_id, election_id) REFERENCES registry.elections (org_id, id),
  FOREIGN KEY (org_id, subject) REFERENCES registry.members (org_id, subject)
);
SELECT ekklesia_meta.tenant_table('registry.token_registrations');
GRANT SELECT, INSERT, DELETE ON registry.token_registrations TO ekklesia_registry;

-- registry.issue_token: the checks and the record of one issuance, one
-- round trip instead of two transactions of five. It sets the tenant itself.
--   outcome 'not_member' | 'not_eligible' | 'unknown_election' | 'not_open':
--     refused, nothing written;
--   'ready': allowed, nothing written, because the caller has not unwrapped
--     the election's secret yet (p_record false) or the member's hash must
--     first be registered with the ballot box (must_register);
--   'issued': recorded; `first` when this is the member's first issuance,
--     and then the token.issued event (p_event, built by the caller) is in
--     the outbox too.
-- p_registered: the caller has just registered the member's hash.
CREATE FUNCTION registry.issue_token(
  p_org_id text,
  p_election_id uuid,
  p_subject text,
  p_record boolean,
  p_registered boolean,
  p_event jsonb,
  p_topics text[]
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
  IF v_first THEN
    INSERT INTO registry.outbox (org_id, id, type, topics, envelope, occurred_at)
    VALUES (p_org_id, (p_event->>'id')::uuid, p_event->>'type', p_topics, p_event, (p_event->>'occurredAt')::timestamptz);
  END IF;
  RETURN QUERY SELECT 'issued', v_key_version, v_wrapped, false, v_first;
END
$$;
REVOKE ALL ON FUNCTION registry.issue_token(text, uuid, text, boolean, boolean, jsonb, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry.issue_token(text, uuid, text, boolean, boolean, jsonb, text[]) TO ekklesia_registry;
