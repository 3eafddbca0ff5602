package io.waihu.schema.calls;

import java.time.Instant;

/**
 * Call records, newest first. Every filter is optional; {@code agentId}/{@code team} also carry
 * the caller's visibility scope. {@code from} is inclusive, {@code to} exclusive (placement time).
 * With {@code backward}, the {@code first} records just before the cursor {@code after} (newer),
 * or the oldest ones without a cursor, still newest first.
 */
public record FindCallRecordsQuery(
        String agentId,
        String team,
        String customerId,
        CallResult result,
        Instant from,
        Instant to,
        int first,
        String after,
        boolean backward) {

    /** A forward page. */
    public FindCallRecordsQuery(String agentId, String team, String customerId, CallResult result, Instant from,
            Instant to, int first, String after) {
        this(agentId, team, customerId, result, from, to, first, after, false);
    }

    public FindCallRecordsQuery {
        if (first < 1 || first > io.waihu.schema.crm.FindCustomersQuery.MAX_PAGE) {
            throw new io.waihu.schema.common.InvalidValue("first",
                    "first must be 1.." + io.waihu.schema.crm.FindCustomersQuery.MAX_PAGE);
        }
    }
}
