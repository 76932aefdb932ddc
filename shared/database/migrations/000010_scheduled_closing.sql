-- The lifecycle worker closes elections whose closesAt has passed, in every
-- org: it may see which open elections are due (not their secrets).
CREATE POLICY lifecycle_due_elections ON registry.elections FOR SELECT TO ekklesia_worker USING (status = 'open');
GRANT SELECT (org_id, id, status, closes_at) ON registry.elections TO ekklesia_worker;
CREATE INDEX elections_closing ON registry.elections (closes_at) WHERE status = 'open' AND closes_at IS NOT NULL;
