package io.waihu.telephony;

/**
 * An agent's SIP credentials, as the registrar checks them.
 *
 * @param username the SIP user name (the user part of the agent's address of record)
 * @param ha1      hex MD5 of {@code username:realm:password} (RFC 2617/7616 digest), so the
 *                 plain SIP password need not be kept
 * @param agentId  the Waihu user id of the agent these credentials belong to
 * @param barred   the account exists but may not use a phone now (its user was disabled or lost
 *                 the roles that use one): a request with its right password gets 403, not a
 *                 new challenge that the phone would answer again and again
 */
public record SipAccount(String username, String ha1, String agentId, boolean barred) {

    /** An account in good standing. */
    public SipAccount(String username, String ha1, String agentId) {
        this(username, ha1, agentId, false);
    }

    @Override
    public String toString() {
        return "SipAccount[" + username + " agent=" + agentId + "]";
    }
}
