-- A draft can be edited and deleted (the chair's console; issue 22).
-- Each edit raises the registry's revision of the election. The ballot box
-- learns the definition again at the open, with that revision: it takes a
-- new definition only for a draft and only from a higher revision, so a
-- late request can never replace what an open registered.
ALTER TABLE registry.elections ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE ballot_box.elections ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1);

-- Deleting a draft removes its row and its wrapped key (the key version is
-- destroyed after the commit); the ballot box's inert copy is forgotten by
-- the lifecycle sweep of unrecorded definitions (migration 000028).
GRANT DELETE ON registry.elections, registry.election_keys TO ekklesia_registry;
