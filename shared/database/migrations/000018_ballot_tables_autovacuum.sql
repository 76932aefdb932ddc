-- A seal leaves the dead rows of the ballots it rewrote and of the token
-- hashes it deleted. The lifecycle worker VACUUMs after each seal when it
-- has the owner's connection; either way autovacuum does not wait for a
-- share of the table to be dead: the first dead row is enough.
ALTER TABLE ballot_box.ballots SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1);
ALTER TABLE ballot_box.tokens SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1);
