package io.waihu.telephony;

/** The gateway cannot start a call at all (agent not registered, trunk full, shutting down). */
public class CallRefusedException extends Exception {

    private final CallResult result;

    public CallRefusedException(CallResult result, String message) {
        super(message);
        this.result = result;
    }

    /** The result a call record for this refusal should carry (AGENT_UNAVAILABLE, CONGESTION, FAILED). */
    public CallResult result() {
        return result;
    }
}
