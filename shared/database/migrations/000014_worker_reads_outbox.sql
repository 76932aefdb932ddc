-- Workers apply what the registry recorded, not what a message claims: they
-- look each event up in the outbox (their org's rows, under RLS) and use the
-- stored envelope. Nothing else of the outbox is theirs.
GRANT SELECT (org_id, id, type, envelope) ON registry.outbox TO ekklesia_worker;
