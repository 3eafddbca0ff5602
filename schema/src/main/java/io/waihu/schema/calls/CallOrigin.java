package io.waihu.schema.calls;

/** How a call came to be placed. */
public enum CallOrigin {
    /** The agent asked for it through the API (click-to-dial): the agent's phone rings first. */
    CLICK_TO_DIAL,
    /** The agent dialed the number on the phone itself. */
    PHONE,
    /** An automatic dialer placed it for a campaign. */
    DIALER
}
