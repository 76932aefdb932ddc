-- An election may take its ballot mode (sync, auto or queue: README,
-- "Overload: the queue fallback") at its creation, overriding the
-- deployment's BALLOT_MODE: the chair of a huge assembly picks queue ahead of
-- time. Null: the deployment's mode. The ballot box keeps it with the
-- definition, which is fixed once registered.
ALTER TABLE registry.elections ADD COLUMN ballot_mode text CHECK (ballot_mode IN ('sync', 'auto', 'queue'));
ALTER TABLE ballot_box.elections ADD COLUMN ballot_mode text CHECK (ballot_mode IN ('sync', 'auto', 'queue'));
