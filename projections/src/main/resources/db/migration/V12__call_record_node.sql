-- The node whose gateway carried the call (the placement's metadata; NULL for calls placed before
-- nodes were recorded), and an index of the calls not yet ended, which a node restarted after a
-- crash looks up to end its own.
ALTER TABLE call_record ADD COLUMN node VARCHAR(64);
CREATE INDEX call_record_open ON call_record (node, placed_at) WHERE state <> 'ENDED';
