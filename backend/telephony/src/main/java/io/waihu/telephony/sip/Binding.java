package io.waihu.telephony.sip;

import java.time.Instant;

/**
 * One registered contact of an agent's address of record (RFC 3261 §10.3).
 *
 * @param user         the agent's SIP user name (AOR user part)
 * @param contact      the Contact URI as registered (browsers' {@code *.invalid} hosts already
 *                     rewritten by the stack to the connection's peer)
 * @param flow         where the REGISTER came from; requests to this phone go there
 * @param registeredAt when this binding was last refreshed
 * @param expiresAt    when it lapses unless refreshed
 */
record Binding(String user, String contact, Flow flow, Instant registeredAt, Instant expiresAt) {

    boolean live(Instant now) {
        return now.isBefore(expiresAt);
    }
}
