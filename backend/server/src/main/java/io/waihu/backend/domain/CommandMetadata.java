package io.waihu.backend.domain;

import java.util.Map;
import org.axonframework.messaging.MetaData;

/**
 * Who issued a command: the metadata every command carries and every event it causes
 * inherits (the Axon configuration copies these keys from command to events), which the
 * audit history shows as the event's author. Components acting on their own account use a
 * fixed actor: {@link #GATEWAY} for what the telephony gateway reports, {@link #SYSTEM} for
 * what the server does unasked.
 */
public final class CommandMetadata {

    public static final String USER_ID = "userId";
    public static final String USERNAME = "username";

    public static final MetaData GATEWAY = of("gateway", "gateway");
    public static final MetaData SYSTEM = of("system", "system");

    private CommandMetadata() {
    }

    /** The metadata of a command issued by the user {@code userId} ({@code username}). */
    public static MetaData of(String userId, String username) {
        return MetaData.from(Map.of(USER_ID, userId, USERNAME, username));
    }
}
