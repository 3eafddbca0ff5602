package io.waihu.schema.dialer.agents;

import java.util.regex.Pattern;

/** The shape of the opaque ids agent commands carry: campaign, queue and call ids, reason and disposition codes. */
public final class AgentIds {

    /** A campaign's or queue's id (a UUID today; any short id of these characters). */
    public static final Pattern CAMPAIGN = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** A pause reason's code: lower case, digits and underscores. */
    public static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** The reason code of an agent whose phone went offline; set by the system, never chosen. */
    public static final String PHONE_OFFLINE = "phone_offline";

    /** The one stream of the configured pause reasons. */
    public static final String PAUSE_REASONS = "pause-reasons";

    private AgentIds() {
    }

    /**
     * The event stream of an agent's states. Not the user id itself: the user's own aggregate
     * already has that stream, and one id names one stream in the event store.
     */
    public static String stream(String agentId) {
        return "agent:" + agentId;
    }
}
