-- Proxies (docs/secrecy.md, "Proxies"). A member may hand their vote to
-- another member of the org (delegate_to): one level, as OpenSlides has it, so
-- a delegator cannot receive and a holder cannot delegate on (the roster
-- import checks the whole org in its transaction). A delegation is
-- snapshotted at each open, with who may vote: the registered list records
-- which holder holds whom for the election (held_by), written in the open's
-- one shuffled batch, never when anyone fetches a token, and deleted at the
-- seal. From then on the holder's token request returns the delegator's
-- tokens with their own, and the delegator's is refused (held_by_proxy): the
-- first holder of a token could read its choice on the tracker, so it has one
-- holder only, decided at the open rather than by a first fetch (which would
-- be a write naming a member and dating it, during the vote).
ALTER TABLE registry.members
  ADD COLUMN delegate_to text CHECK (delegate_to <> subject),
  ADD CONSTRAINT members_delegate_fk FOREIGN KEY (org_id, delegate_to) REFERENCES registry.members (org_id, subject);
ALTER TABLE registry.token_registrations ADD COLUMN held_by text;

DROP FUNCTION registry.token_request(text, uuid, text);
CREATE FUNCTION registry.token_request(p_org_id text, p_election_id uuid, p_subject text)
RETURNS TABLE (outcome text, key_version text, wrapped bytea, units integer[], held jsonb)
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_member text;
  v_status text;
  v_key_version text;
  v_wrapped bytea;
  v_shredded timestamptz;
  v_weighted boolean;
  v_units integer[];
  v_registered boolean;
  v_held_by text;
BEGIN
  PERFORM set_config('app.org_id', p_org_id, true);
  SELECT m.status INTO v_member FROM registry.members m WHERE m.subject = p_subject;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_member', NULL::text, NULL::bytea, NULL::integer[], NULL::jsonb;
    RETURN;
  END IF;
  IF v_member <> 'active' THEN
    RETURN QUERY SELECT 'not_eligible', NULL::text, NULL::bytea, NULL::integer[], NULL::jsonb;
    RETURN;
  END IF;
  SELECT e.status, e.weighted, k.key_version, k.wrapped, k.shredded_at
  INTO v_status, v_weighted, v_key_version, v_wrapped, v_shredded
  FROM registry.elections e LEFT JOIN registry.election_keys k ON k.org_id = e.org_id AND k.election_id = e.id
  WHERE e.id = p_election_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown_election', NULL::text, NULL::bytea, NULL::integer[], NULL::jsonb;
    RETURN;
  END IF;
  IF v_status NOT IN ('draft', 'open') OR v_key_version IS NULL OR v_shredded IS NOT NULL THEN
    RETURN QUERY SELECT 'not_open', NULL::text, NULL::bytea, NULL::integer[], NULL::jsonb;
    RETURN;
  END IF;
  SELECT true, r.units, r.held_by INTO v_registered, v_units, v_held_by FROM registry.token_registrations r
  WHERE r.election_id = p_election_id AND r.subject = p_subject;
  -- A weighted member's bundle is decided at the open (every member's weight at once): none before it.
  IF (v_status = 'open' OR v_weighted) AND v_registered IS NULL THEN
    RETURN QUERY SELECT 'pending', NULL::text, NULL::bytea, NULL::integer[], NULL::jsonb;
    RETURN;
  END IF;
  -- A delegator whose holder the open recorded: their vote is the holder's to cast, not theirs.
  IF v_held_by IS NOT NULL THEN
    RETURN QUERY SELECT 'held_by_proxy', NULL::text, NULL::bytea, NULL::integer[], NULL::jsonb;
    RETURN;
  END IF;
  -- A holder is also given the members they hold, each with their bundle.
  RETURN QUERY SELECT 'ready', v_key_version, v_wrapped, v_units,
    (SELECT coalesce(jsonb_agg(jsonb_build_object('subject', r.subject, 'units', r.units) ORDER BY r.subject), '[]'::jsonb)
     FROM registry.token_registrations r WHERE r.election_id = p_election_id AND r.held_by = p_subject);
END
$$;
REVOKE ALL ON FUNCTION registry.token_request(text, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry.token_request(text, uuid, text) TO ekklesia_registry;
