package io.waihu.telephony;

import java.util.Optional;

/** Where the registrar looks up agents' SIP credentials. Called on SIP threads: must not block for long. */
public interface SipAccounts {

    /** The account with this SIP user name, if provisioned ({@link SipAccount#barred()} when it may not be used now). */
    Optional<SipAccount> find(String username);
}
