package io.waihu.telephony;

/** The two sides of a bridged call. In recordings the agent is the left channel, the customer the right. */
public enum Leg {
    AGENT,
    CUSTOMER
}
