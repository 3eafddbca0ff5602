package io.waihu.schema.telephony;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates or replaces a trunk's settings. {@code password} null keeps the stored one (so an
 * edit need not resend the secret); an empty string removes it. {@code mediaEncryption} null
 * keeps the current setting ({@link TrunkMediaEncryption#NONE} for a new trunk), as do a null
 * {@code prefixes} (every number for a new trunk) and a null {@code priority} (0).
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
        boolean enabled,
        TrunkMediaEncryption mediaEncryption,
        java.util.List<String> prefixes,
        Integer priority) {

    /** Settings that leave the media encryption as it is. */
    public ConfigureTrunkCommand(String trunkId, String name, String host, int port, TrunkTransport transport,
            String username, String password, String callerId, String dialPrefix, int maxChannels, boolean enabled) {
        this(trunkId, name, host, port, transport, username, password, callerId, dialPrefix, maxChannels, enabled, null,
                null, null);
    }

    /** Settings that leave routing as it is. */
    public ConfigureTrunkCommand(String trunkId, String name, String host, int port, TrunkTransport transport,
            String username, String password, String callerId, String dialPrefix, int maxChannels, boolean enabled,
            TrunkMediaEncryption mediaEncryption) {
        this(trunkId, name, host, port, transport, username, password, callerId, dialPrefix, maxChannels, enabled,
                mediaEncryption, null, null);
    }
}
