package io.waihu.schema.blacklist;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Blocks {@code pattern} (an E.164 number, or a prefix of one starting with {@code +})
 * in {@code scope}: {@code GLOBAL} or a campaign id. {@code expiresAt} is optional.
 */
public record AddBlacklistEntryCommand(
        @TargetAggregateIdentifier String entryId,
        String pattern,
        BlacklistMatch match,
        String scope,
        String reason,
        Instant expiresAt) {
}
