-- No transaction waits on a publish: the outbox relay claims events with a
-- lease in one short transaction, publishes with none open, and marks them
-- in another. A relay that dies between the two leaves a lease that runs
-- out; the next relay publishes again (consumers dedupe by event id).
ALTER TABLE registry.outbox ADD COLUMN claimed_until timestamptz;
GRANT UPDATE (claimed_until) ON registry.outbox TO ekklesia_relay;
