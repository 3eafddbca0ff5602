package io.waihu.schema.calls;

import java.time.Instant;

/**
 * Call records, newest first. Every filter is optional; {@code agentId}/{@code team} also carry
 * the caller's visibility scope. {@code from} is inclusive, {@code to} exclusive (placement time).
 */
public record FindCallRecordsQuery(
        String agentId,
        String team,
        String customerId,
        CallResult result,
        Instant from,
        Instant to,
        int first,
        String after) {

    public FindCallRecordsQuery {
        if (first < 1 || first > io.waihu.schema.crm.FindCustomersQuery.MAX_PAGE) {
            throw new io.waihu.schema.common.InvalidValue("first",
                    "first must be 1.." + io.waihu.schema.crm.FindCustomersQuery.MAX_PAGE);
        }
    }
}
