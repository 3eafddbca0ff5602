package io.waihu.schema.telephony;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates or replaces a trunk's settings. {@code password} null keeps the stored one (so an
 * edit need not resend the secret); an empty string removes it.
 */
public record ConfigureTrunkCommand(
        @TargetAggregateIdentifier String trunkId,
        String name,
        String host,
        int port,
        TrunkTransport transport,
        String username,
        String password,
        String callerId,
        String dialPrefix,
        int maxChannels,
        boolean enabled) {
}
