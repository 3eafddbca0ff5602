package io.waihu.schema.crm;

import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.common.Text;

/**
 * Opportunities, newest first; filters are optional and combine with AND. {@code team}
 * scopes to owners in one team. {@code status} is OPEN, WON or LOST. With {@code backward}, the
 * {@code first} just before the cursor {@code after} (or the oldest ones), still newest first.
 */
public record FindOpportunitiesQuery(
        String customerId, String stage, String ownerId, String team, String status, int first, String after,
        boolean backward) {

    /** A forward page. */
    public FindOpportunitiesQuery(String customerId, String stage, String ownerId, String team, String status,
            int first, String after) {
        this(customerId, stage, ownerId, team, status, first, after, false);
    }

    public FindOpportunitiesQuery {
        if (first < 1 || first > FindCustomersQuery.MAX_PAGE) {
            throw new InvalidValue("first", "first must be 1.." + FindCustomersQuery.MAX_PAGE);
        }
        Text.check("stage", stage, 64, Text.Lines.SINGLE);
    }
}
