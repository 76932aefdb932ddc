-- The ballot-box role never updates a ballot (a cast inserts one; the seal
-- deletes and re-inserts them all): it loses the privilege it does not use.
REVOKE UPDATE ON ballot_box.ballots FROM ekklesia_ballot_box;

-- S2S answers are kept for a day (a retry comes within seconds; the replay
-- window is a minute): the elections function deletes older ones as it goes,
-- and this index finds them.
CREATE INDEX s2s_requests_created ON ballot_box.s2s_requests (org_id, created_at);
GRANT DELETE ON ballot_box.s2s_requests TO ekklesia_ballot_box;
