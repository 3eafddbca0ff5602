package io.waihu.schema.blacklist;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Scope names and the stable entry id of a (scope, pattern) pair. */
public final class BlacklistScope {

    public static final String GLOBAL = "GLOBAL";

    /** A scope: GLOBAL or a campaign id. Also what a call's campaign id looks like. */
    public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    private BlacklistScope() {
    }

    /**
     * One entry per scope and pattern: adding the same pattern twice hits the same
     * aggregate. A name-based UUID keeps the number itself out of the aggregate id.
     */
    public static String entryId(String scope, String pattern) {
        return UUID.nameUUIDFromBytes((scope + "|" + pattern).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
