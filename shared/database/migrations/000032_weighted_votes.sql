-- Weighted votes (docs/secrecy.md, "Weights"). An election may be weighted:
-- at its open each active member's weight becomes a bundle of ballots in
-- fixed denominations (shared/registry/elections/denominations.ts), every
-- class above 1 fed by at least anonymity_k members, so the tracker shows
-- denominations, never a weight. The registry keeps each member's bundle on
-- their registration (units, largest first; null for an unweighted election,
-- whose members have one token each, exactly as before); the ballot box
-- keeps each token's units and copies them onto the ballot the token casts,
-- and whether the election is weighted (its tracker then shows each ballot's
-- units, under the Merkle root).
ALTER TABLE registry.elections
  ADD COLUMN weighted boolean NOT NULL DEFAULT false,
  ADD COLUMN anonymity_k integer NOT NULL DEFAULT 5 CHECK (anonymity_k BETWEEN 1 AND 1000);
ALTER TABLE registry.token_registrations
  ADD COLUMN units integer[] CHECK (units IS NULL OR (cardinality(units) >= 1 AND 1 <= ALL (units)));
ALTER TABLE ballot_box.elections
  ADD COLUMN weighted boolean NOT NULL DEFAULT false,
  ADD COLUMN units_cast integer,
  ADD COLUMN eligible_units integer;
ALTER TABLE ballot_box.tokens ADD COLUMN units integer NOT NULL DEFAULT 1 CHECK (units >= 1);
ALTER TABLE ballot_box.ballots ADD COLUMN units integer NOT NULL DEFAULT 1 CHECK (units >= 1);

-- The cast copies the token's units onto the ballot; nothing else changes.
CREATE OR REPLACE FUNCTION ballot_box.cast_ballot(
  p_org_id text,
  p_election_id uuid,
  p_token_hash bytea,
  p_receipt text,
  p_choices text[],
  p_queued_at timestamptz DEFAULT NULL,
  p_fence interval DEFAULT NULL
) RETURNS TABLE (status text, admitted boolean, was_used boolean, inserted integer, existing text[])
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_status text;
  v_admitted boolean;
  v_was_used boolean;
  v_inserted integer;
  v_existing text[];
BEGIN
  PERFORM set_config('app.org_id', p_org_id, true);
  WITH gate AS (
    -- The advisory lock shared, without waiting: sealing holds it exclusively.
    SELECT e.id, e.status,
      (e.status = 'open' OR (p_queued_at IS NOT NULL AND e.status = 'closed' AND p_queued_at <= e.closed_at + p_fence)) AS in_time,
      pg_try_advisory_xact_lock_shared(hashtextextended(e.id::text, 0)) AS admitted
    FROM ballot_box.elections e WHERE e.id = p_election_id
  ), locked AS (
    SELECT t.token_hash, t.used FROM ballot_box.tokens t, gate g
    WHERE t.token_hash = p_token_hash AND t.election_id = g.id AND g.in_time AND g.admitted
    FOR UPDATE OF t NOWAIT
  ), spent AS (
    UPDATE ballot_box.tokens t SET used = true FROM locked l
    WHERE t.token_hash = l.token_hash AND NOT l.used
    RETURNING t.org_id, t.election_id, t.units
  ), cast_ballot AS (
    INSERT INTO ballot_box.ballots (org_id, election_id, choices, receipt, units)
    SELECT s.org_id, s.election_id, p_choices, p_receipt, s.units FROM spent s
    RETURNING 1
  )
  SELECT CASE WHEN g.in_time THEN 'open' ELSE g.status END, g.admitted,
    (SELECT l.used FROM locked l),
    (SELECT count(*)::int FROM cast_ballot),
    -- Only needed when nothing was inserted: a retry, or a second vote.
    CASE WHEN (SELECT count(*) FROM cast_ballot) = 0
      THEN (SELECT b.choices FROM ballot_box.ballots b WHERE b.election_id = g.id AND b.receipt = p_receipt) END
  INTO v_status, v_admitted, v_was_used, v_inserted, v_existing
  FROM gate g;

  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- A token spent by a transaction that committed after this statement's snapshot (000004): look again.
  IF v_was_used AND v_existing IS NULL THEN
    SELECT b.choices INTO v_existing FROM ballot_box.ballots b WHERE b.election_id = p_election_id AND b.receipt = p_receipt;
  END IF;
  RETURN QUERY SELECT v_status, v_admitted, v_was_used, v_inserted, v_existing;
END
$$;

-- A token request also reads the member's bundle (null: one token); a weighted
-- election's tokens exist only from its open (pending before). Its result gains
-- a column, so it is dropped and made again in this transaction; a caller
-- that selects * from it is unaffected.
DROP FUNCTION registry.token_request(text, uuid, text);
CREATE FUNCTION registry.token_request(p_org_id text, p_election_id uuid, p_subject text)
RETURNS TABLE (outcome text, key_version text, wrapped bytea, units integer[])
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
BEGIN
  PERFORM set_config('app.org_id', p_org_id, true);
  SELECT m.status INTO v_member FROM registry.members m WHERE m.subject = p_subject;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_member', NULL::text, NULL::bytea, NULL::integer[];
    RETURN;
  END IF;
  IF v_member <> 'active' THEN
    RETURN QUERY SELECT 'not_eligible', NULL::text, NULL::bytea, NULL::integer[];
    RETURN;
  END IF;
  SELECT e.status, e.weighted, k.key_version, k.wrapped, k.shredded_at
  INTO v_status, v_weighted, v_key_version, v_wrapped, v_shredded
  FROM registry.elections e LEFT JOIN registry.election_keys k ON k.org_id = e.org_id AND k.election_id = e.id
  WHERE e.id = p_election_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown_election', NULL::text, NULL::bytea, NULL::integer[];
    RETURN;
  END IF;
  IF v_status NOT IN ('draft', 'open') OR v_key_version IS NULL OR v_shredded IS NOT NULL THEN
    RETURN QUERY SELECT 'not_open', NULL::text, NULL::bytea, NULL::integer[];
    RETURN;
  END IF;
  SELECT true, r.units INTO v_registered, v_units FROM registry.token_registrations r
  WHERE r.election_id = p_election_id AND r.subject = p_subject;
  -- A weighted member's bundle is decided at the open (every member's weight at once): none before it.
  IF (v_status = 'open' OR v_weighted) AND v_registered IS NULL THEN
    RETURN QUERY SELECT 'pending', NULL::text, NULL::bytea, NULL::integer[];
    RETURN;
  END IF;
  RETURN QUERY SELECT 'ready', v_key_version, v_wrapped, v_units;
END
$$;
REVOKE ALL ON FUNCTION registry.token_request(text, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION registry.token_request(text, uuid, text) TO ekklesia_registry;
