package io.waihu.schema.calls;

import io.waihu.schema.common.PhoneNumber;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a call is being placed, before any INVITE leaves. {@code customerId} is null
 * when the number belongs to no known customer; {@code campaignId} is null for manual calls.
 */
public record PlaceCallCommand(
        @TargetAggregateIdentifier String callId,
        String agentId,
        String customerId,
        PhoneNumber number,
        String trunkId,
        CallOrigin origin,
        String campaignId) {
}
