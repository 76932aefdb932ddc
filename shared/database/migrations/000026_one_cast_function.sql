-- One live cast function. ballot_box.cast_ballot (000004, which replaced
-- 000003's) and ballot_box.cast_queued_ballot (000021) were 55-line twins:
-- every rule of the cast had to be changed twice. Now cast_ballot takes two
-- defaulted parameters for a queued ballot, and its admission is an open
-- election, or a closed (not yet sealed) one the ballot was queued in time
-- for (p_queued_at no later than the close plus p_fence). A call with five
-- arguments, the fast path's, is what it always was. cast_queued_ballot is
-- kept only as a one-line wrapper, for the previous release's task handler
-- while a deploy rolls out; a later migration drops it.
DROP FUNCTION ballot_box.cast_ballot(text, uuid, bytea, text, text[]);

CREATE FUNCTION ballot_box.cast_ballot(
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
    RETURNING t.org_id, t.election_id
  ), cast_ballot AS (
    INSERT INTO ballot_box.ballots (org_id, election_id, choices, receipt)
    SELECT s.org_id, s.election_id, p_choices, p_receipt FROM spent s
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
REVOKE ALL ON FUNCTION ballot_box.cast_ballot(text, uuid, bytea, text, text[], timestamptz, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ballot_box.cast_ballot(text, uuid, bytea, text, text[], timestamptz, interval) TO ekklesia_ballot_box;

CREATE OR REPLACE FUNCTION ballot_box.cast_queued_ballot(
  p_org_id text,
  p_election_id uuid,
  p_token_hash bytea,
  p_receipt text,
  p_choices text[],
  p_queued_at timestamptz,
  p_fence interval
) RETURNS TABLE (status text, admitted boolean, was_used boolean, inserted integer, existing text[])
LANGUAGE sql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
  SELECT * FROM ballot_box.cast_ballot(p_org_id, p_election_id, p_token_hash, p_receipt, p_choices, p_queued_at, p_fence)
$$;
