-- Name search in name order with bounded work (docs/architecture.md "Search at 100k customers").
-- Each live customer's lower-case name is stored once per distinct 3-character substring
-- (characters, not bytes: CJK names work the same way), in (gram, name, id) order. A fragment of
-- 3+ characters is found by walking one of its grams in name order from the cursor and checking
-- the whole fragment on the index entry, so a page reads about one page of entries instead of
-- collecting every match through the trigram index and sorting it (18,000 rows for "wang").
-- Kept by CustomerViewProjection in the same transaction as customer_view; the SQL that makes the
-- grams is the same there and here.
CREATE TABLE customer_name_gram (
    gram            VARCHAR(3) COLLATE "C" NOT NULL,
    name_lower      VARCHAR(200) COLLATE "C" NOT NULL,
    customer_id     VARCHAR(64) NOT NULL,
    PRIMARY KEY (gram, name_lower, customer_id)
);

INSERT INTO customer_name_gram (gram, name_lower, customer_id)
SELECT DISTINCT substr(c.name_lower, i, 3), c.name_lower, c.id
FROM customer_view c, generate_series(1, char_length(c.name_lower) - 2) i
WHERE c.status = 'ACTIVE' AND c.name_lower IS NOT NULL;

-- Replaced by customer_name_gram; one index less to write per name change.
DROP INDEX IF EXISTS customer_view_name_trgm;
