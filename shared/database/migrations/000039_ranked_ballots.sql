-- Ranked ballots (docs/ranked.md): a ranked election keeps its settings
-- (schemas/ranked/settings.ts: the method, the seats, the most ranks a ballot
-- may give; max_choices holds the same maxRanks, which the cast checks), and
-- the ballot box the count the seal published (schemas/ranked/count.ts, under
-- the tracker's root with the settings). A ballot's choices are its ranking,
-- best first, in the order the voter gave.
ALTER TABLE registry.elections DROP CONSTRAINT elections_kind_check;
ALTER TABLE registry.elections
  ADD CONSTRAINT elections_kind_check CHECK (kind IN ('yes_no_abstain', 'single', 'multi', 'ranked')),
  ADD COLUMN ranked jsonb,
  ADD CONSTRAINT elections_ranked_settings CHECK ((kind = 'ranked') = (ranked IS NOT NULL)),
  ADD CONSTRAINT elections_ranked_max CHECK (ranked IS NULL OR (ranked ->> 'maxRanks')::int = max_choices);

ALTER TABLE ballot_box.elections DROP CONSTRAINT elections_kind_check;
ALTER TABLE ballot_box.elections
  ADD CONSTRAINT elections_kind_check CHECK (kind IN ('yes_no_abstain', 'single', 'multi', 'ranked')),
  ADD COLUMN ranked jsonb,
  ADD COLUMN ranked_count jsonb,
  ADD CONSTRAINT elections_ranked_settings CHECK ((kind = 'ranked') = (ranked IS NOT NULL)),
  ADD CONSTRAINT elections_ranked_max CHECK (ranked IS NULL OR (ranked ->> 'maxRanks')::int = max_choices);
