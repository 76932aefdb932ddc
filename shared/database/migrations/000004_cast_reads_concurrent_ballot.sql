-- A cast that finds its token spent by a transaction that committed after
-- this statement's snapshot was taken (READ COMMITTED follows the update to
-- the new row version) cannot see that transaction's ballot in the same
-- statement. Look it up again in a fresh statement, so an identical retry
-- racing the first cast still gets its receipt back (200) instead of nothing.
CREATE OR REPLACE FUNCTION ballot_box.cast_ballot(
  p_org_id text,
  p_election_id uuid,
  p_token_hash bytea,
  p_receipt text,
  p_choices text[]
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
    -- Shared, without waiting: sealing holds it exclusively.
    SELECT e.id, e.status, pg_try_advisory_xact_lock_shared(hashtextextended(e.id::text, 0)) AS admitted
    FROM ballot_box.elections e WHERE e.id = p_election_id
  ), locked AS (
    SELECT t.token_hash, t.used FROM ballot_box.tokens t, gate g
    WHERE t.token_hash = p_token_hash AND t.election_id = g.id AND g.status = 'open' AND g.admitted
    FOR UPDATE OF t NOWAIT
  ), spent AS (
    UPDATE ballot_box.tokens t SET used = true FROM locked l
    WHERE t.token_hash = l.token_hash AND NOT l.used
    RETURNING t.org_id, t.election_id
  ), cast_ballot AS (
    INSERT INTO ballot_box.ballots (org_id, election_id, choices, receipt)
    SELECT s.org_id, s.election_id, p_choices, p_receipt FROM spent s
    RETURNING 1
  )
  SELECT g.status, g.admitted,
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
  IF v_was_used AND v_existing IS NULL THEN
    SELECT b.choices INTO v_existing FROM ballot_box.ballots b WHERE b.election_id = p_election_id AND b.receipt = p_receipt;
  END IF;
  RETURN QUERY SELECT v_status, v_admitted, v_was_used, v_inserted, v_existing;
END
$$;
