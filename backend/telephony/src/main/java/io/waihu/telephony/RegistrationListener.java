package io.waihu.telephony;

/**
 * Told when an agent's phone becomes reachable or stops being so: its first live registration
 * on this node, and the loss of its last one (a REGISTER with Expires 0 or {@code Contact: *},
 * {@link CallControl#unregister}, or a lapsed binding, noticed by the registrar's sweep every
 * 30 s). Called on the gateway's threads: an implementation hands the news on and returns.
 */
public interface RegistrationListener {

    /** {@code agentSipUser} has a live registration again. */
    void registered(String agentSipUser);

    /** {@code agentSipUser}'s last registration is gone: calls cannot reach it. */
    void unregistered(String agentSipUser);

    /** Tells nobody. */
    RegistrationListener NONE = new RegistrationListener() {
        @Override
        public void registered(String agentSipUser) {
        }

        @Override
        public void unregistered(String agentSipUser) {
        }
    };
}
