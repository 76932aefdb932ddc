-- Ballots that went through the Cloud Tasks queue (the fallback under
-- overload) are applied by the ballot task handler, possibly after the
-- election was closed: a ballot the elections function acknowledged (202)
-- before the close must still count. The close records when it happened;
-- the seal waits until the queue holds none of the election's tasks, and a
-- queued ballot is admitted while the election is closed (not yet sealed)
-- if it was queued no later than the close plus a fence (README, "Overload").
ALTER TABLE ballot_box.elections ADD COLUMN closed_at timestamptz;

-- ballot_box.cast_queued_ballot: cast_ballot (000004) for a queued ballot.
-- The same locking and outcomes; the only difference is which elections
-- admit it: open ones, and closed ones it was queued in time for.
CREATE FUNCTION ballot_box.cast_queued_ballot(
  p_org_id text,
  p_election_id uuid,
  p_token_hash bytea,
  p_receipt text,
  p_choices text[],
  p_queued_at timestamptz,
  p_fence interval
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
    SELECT e.id, e.status,
      (e.status = 'open' OR (e.status = 'closed' AND p_queued_at <= e.closed_at + p_fence)) AS in_time,
      pg_try_advisory_xact_lock_shared(hashtextextended(e.id::text, 0)) AS admitted
    FROM ballot_box.elections e WHERE e.id = p_election_id
  ), locked AS (
    SELECT t.token_hash, t.used FROM ballot_box.tokens t, gate g
    WHERE t.token_hash = p_token_hash AND t.election_id = g.id AND g.in_time AND g.admitted
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
  SELECT CASE WHEN g.in_time THEN 'open' ELSE g.status END, g.admitted,
    (SELECT l.used FROM locked l),
    (SELECT count(*)::int FROM cast_ballot),
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
REVOKE ALL ON FUNCTION ballot_box.cast_queued_ballot(text, uuid, bytea, text, text[], timestamptz, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ballot_box.cast_queued_ballot(text, uuid, bytea, text, text[], timestamptz, interval) TO ekklesia_ballot_box;
