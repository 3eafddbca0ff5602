-- Which numbers a trunk carries (E.164 prefixes, space-separated; empty = all) and its rank
-- among the trunks that match (TrunkRoutingChangedEvent).
ALTER TABLE trunk_view ADD COLUMN prefixes VARCHAR(17000) NOT NULL DEFAULT '';
ALTER TABLE trunk_view ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
