-- Whether any instance queued a ballot of the election (the Cloud Tasks
-- fallback): set, once per instance, in a transaction that finds the
-- election open, before that instance's first enqueue. The close reads it in
-- the transaction that closes: an election no instance queued for has no
-- ballot promised by the queue, and seals without waiting for the queue's
-- fence (8 s). Elections open now may have queued already: they keep the wait.
ALTER TABLE ballot_box.elections ADD COLUMN queue_used boolean NOT NULL DEFAULT false;
UPDATE ballot_box.elections SET queue_used = true WHERE status IN ('open', 'closed');
