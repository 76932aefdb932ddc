-- A weighted election's voters (docs/secrecy.md, "Weights"): a member's
-- bundle gains one ballot of 0 units, its "head", so the seal can say how
-- many members voted (and how many chose each option) where the
-- denominations alone cannot: every member has exactly one head, so its
-- class is fed by every member and singles out no one. The head is the
-- bundle's last entry; the bundle's first stays a ballot of units. Sealed
-- results keep the heads cast and registered beside the units.
ALTER TABLE registry.token_registrations
  DROP CONSTRAINT token_registrations_units_check,
  ADD CONSTRAINT token_registrations_units_check
    CHECK (units IS NULL OR (cardinality(units) >= 1 AND 0 <= ALL (units) AND units[1] >= 1));
ALTER TABLE ballot_box.tokens DROP CONSTRAINT tokens_units_check, ADD CONSTRAINT tokens_units_check CHECK (units >= 0);
ALTER TABLE ballot_box.ballots DROP CONSTRAINT ballots_units_check, ADD CONSTRAINT ballots_units_check CHECK (units >= 0);
ALTER TABLE ballot_box.elections ADD COLUMN voters integer, ADD COLUMN eligible_voters integer;
