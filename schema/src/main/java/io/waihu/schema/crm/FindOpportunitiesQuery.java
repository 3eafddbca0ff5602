package io.waihu.schema.crm;

import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.common.Text;

/**
 * Opportunities, newest first; filters are optional and combine with AND. {@code team}
 * scopes to owners in one team. {@code status} is OPEN, WON or LOST.
 */
public record FindOpportunitiesQuery(
        String customerId, String stage, String ownerId, String team, String status, int first, String after) {

    public FindOpportunitiesQuery {
        if (first < 1 || first > FindCustomersQuery.MAX_PAGE) {
            throw new InvalidValue("first", "first must be 1.." + FindCustomersQuery.MAX_PAGE);
        }
        Text.check("stage", stage, 64, Text.Lines.SINGLE);
    }
}
