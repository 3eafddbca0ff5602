-- Search paths that stay fast at 100k+ customers (measured in infra/bench):
-- byte-wise ("C") order on the search keys lets LIKE 'prefix%' use plain btree ranges whatever
-- the database's default collation, and phone search walks (phone, customer_id) in order.
ALTER TABLE customer_view ALTER COLUMN name_lower TYPE VARCHAR(200) COLLATE "C";
ALTER TABLE customer_phone ALTER COLUMN phone TYPE VARCHAR(16) COLLATE "C";
DROP INDEX IF EXISTS customer_phone_phone;
CREATE INDEX customer_phone_order ON customer_phone (phone, customer_id);
