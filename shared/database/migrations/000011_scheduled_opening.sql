-- Elections may carry a schedule from creation: opens_at (and closes_at,
-- already there). The lifecycle worker may see which drafts are due to open.
ALTER TABLE registry.elections ADD COLUMN opens_at timestamptz;
CREATE POLICY lifecycle_due_openings ON registry.elections FOR SELECT TO ekklesia_worker USING (status = 'draft' AND opens_at IS NOT NULL);
GRANT SELECT (opens_at) ON registry.elections TO ekklesia_worker;
CREATE INDEX elections_opening ON registry.elections (opens_at) WHERE status = 'draft' AND opens_at IS NOT NULL;
