package io.waihu.telephony;

import java.util.Optional;

/** Where the registrar looks up agents' SIP credentials. Called on SIP threads: must not block for long. */
public interface SipAccounts {

    /** The account with this SIP user name, if provisioned and enabled. */
    Optional<SipAccount> find(String username);
}
