-- The cast as one statement: the function scopes its transaction to the
-- voter's org and runs the single data-modifying CTE. The caller sends one
-- protocol message (an autocommit statement), so no BEGIN/COMMIT round trips
-- and no reserved connection: the pool can pipeline casts from many requests.
-- SECURITY INVOKER: it runs as the calling role, under Row-Level Security.
CREATE FUNCTION ballot_box.cast_ballot(
  p_org_id text,
  p_election_id uuid,
  p_token_hash bytea,
  p_receipt text,
  p_choices text[]
) RETURNS TABLE (status text, admitted boolean, was_used boolean, inserted integer, existing text[])
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
  PERFORM set_config('app.org_id', p_org_id, true);
  RETURN QUERY
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
  FROM gate g;
END
$$;

REVOKE ALL ON FUNCTION ballot_box.cast_ballot(text, uuid, bytea, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ballot_box.cast_ballot(text, uuid, bytea, text, text[]) TO ekklesia_ballot_box;

-- Spending a token rewrites its row. With room left on each page the update
-- stays HOT (no new index entries), which the hot path needs more than a
-- compact table.
ALTER TABLE ballot_box.tokens SET (fillfactor = 50);
