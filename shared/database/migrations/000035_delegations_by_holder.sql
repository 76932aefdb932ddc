-- The members who delegate to a holder, found by an index: the roster import's
-- proxy check reads the delegations of the members it writes (as delegator or
-- as holder), and the foreign key's check on a holder's row finds its
-- delegators, on a roster of any size.
CREATE INDEX members_delegate_to ON registry.members (org_id, delegate_to) WHERE delegate_to IS NOT NULL;
