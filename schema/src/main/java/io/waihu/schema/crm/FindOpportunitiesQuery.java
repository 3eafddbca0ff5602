package io.waihu.schema.crm;

/**
 * Opportunities, newest first; filters are optional and combine with AND. {@code team}
 * scopes to owners in one team. {@code status} is OPEN, WON or LOST.
 */
public record FindOpportunitiesQuery(
        String customerId, String stage, String ownerId, String team, String status, int first, String after) {

    public FindOpportunitiesQuery {
        if (first < 1 || first > FindCustomersQuery.MAX_PAGE) {
            throw new IllegalArgumentException("first must be 1.." + FindCustomersQuery.MAX_PAGE);
        }
    }
}
