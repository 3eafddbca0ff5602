package io.waihu.backend.users;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A user's id is derived from the username: two requests creating the same username hit
 * the same aggregate, and the event store's uniqueness refuses the second. Usernames are
 * therefore unique without a lookup, across nodes.
 */
public final class UserIds {

    /** The longest username a user can have; longer ones are refused before any look-up. */
    public static final int MAX_USERNAME_LENGTH = 64;

    private UserIds() {
    }

    public static String forUsername(String username) {
        return UUID.nameUUIDFromBytes(("user|" + username.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
