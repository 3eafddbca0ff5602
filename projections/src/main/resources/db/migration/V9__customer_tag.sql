-- Tag search in name order with bounded work (docs/architecture.md "Search at 100k customers").
-- Each live customer is listed once per tag, in (tag, name, id) order, so a tag search walks
-- exactly its tag's entries from the cursor: one page of entries per page. Before, it walked the
-- name-ordered index and read every customer's tags until a page matched (~600 buffers for a
-- tag that 1 in 10 customers has, all of the table for a rare one).
-- Kept by CustomerViewProjection in the same transaction as customer_view (CustomerTags); the
-- rows are made from customer_view.tags ('|a|b|') the same way there and here. Deleted and
-- erased customers have none.
CREATE TABLE customer_tag (
    tag             VARCHAR(64) COLLATE "C" NOT NULL,
    name_lower      VARCHAR(200) COLLATE "C" NOT NULL,
    customer_id     VARCHAR(64) NOT NULL,
    PRIMARY KEY (tag, name_lower, customer_id)
);

INSERT INTO customer_tag (tag, name_lower, customer_id)
SELECT DISTINCT t.tag, c.name_lower, c.id
FROM customer_view c, unnest(string_to_array(c.tags, '|')) t(tag)
WHERE c.status = 'ACTIVE' AND c.name_lower IS NOT NULL AND t.tag <> '';

-- Replaced by customer_tag (tag filters on the name and phone plans read the row they join anyway);
-- one index less to write per change.
DROP INDEX IF EXISTS customer_view_tags_trgm;
