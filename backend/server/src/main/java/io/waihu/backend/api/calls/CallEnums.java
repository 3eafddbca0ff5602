package io.waihu.backend.api.calls;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/**
 * The closed sets of a call, as the API names them. They mirror the stored enums value for value
 * ({@code valueOf(stored.name())}), so the API can describe each value without the schema module
 * depending on GraphQL, and a value added to the store fails loudly here instead of leaking as a
 * string nobody documented.
 */
public final class CallEnums {

    private CallEnums() {
    }

    @Enum("CallState")
    @Description("Where a call is: PLACED until the customer answers, ANSWERED, then ENDED. The ringing before "
            + "the answer is in the call's times (agentRingingAt, ringingAt), stored when it connects or ends.")
    public enum CallState {
        @Description("Stored and being set up: the phones may be ringing.")
        PLACED,
        @Description("The agent's phone rings (click-to-dial): records of servers before 2026-12 only.")
        AGENT_RINGING,
        @Description("The agent answered; the customer is being dialed: records of servers before 2026-12 only.")
        AGENT_ANSWERED,
        @Description("The customer's phone rings: records of servers before 2026-12 only.")
        RINGING,
        @Description("Both are talking.")
        ANSWERED,
        @Description("Over: result, endedBy and the times say how.")
        ENDED;

        static CallState of(java.lang.Enum<?> stored) {
            return valueOf(stored.name());
        }
    }

    @Enum("CallResult")
    @Description("How a call attempt ended (the gateway's categories; sipCode keeps the SIP status beside it).")
    public enum CallResult {
        @Description("The customer answered.")
        ANSWERED,
        @Description("The customer's line was busy.")
        BUSY,
        @Description("Nobody answered within the ring timeout.")
        NO_ANSWER,
        @Description("The customer or the carrier declined the call.")
        REJECTED,
        @Description("No free channel on the trunk, or the carrier was congested.")
        CONGESTION,
        @Description("The agent's phone did not answer or is not registered.")
        AGENT_UNAVAILABLE,
        @Description("Hung up before the customer answered.")
        CANCELLED,
        @Description("Anything else: a network or media failure, a call cut by a restart.")
        FAILED,
        @Description("The customer answered a dialer's call but no agent was free within 2 s: the recorded message played and the call was hung up.")
        ABANDONED;

        /** The stored value it mirrors, for queries. */
        io.waihu.schema.calls.CallResult stored() {
            return io.waihu.schema.calls.CallResult.valueOf(name());
        }
    }

    @Enum("CallOrigin")
    @Description("How a call came to be placed.")
    public enum CallOrigin {
        @Description("The agent asked for it through the API (dial): the agent's phone rings first.")
        CLICK_TO_DIAL,
        @Description("The agent dialed the number on the phone itself.")
        PHONE,
        @Description("An automatic dialer placed it for a campaign.")
        DIALER
    }

    @Enum("CallParty")
    @Description("Who ended a call.")
    public enum CallParty {
        @Description("The agent hung up (phone or hangup of their own call).")
        AGENT,
        @Description("The customer hung up.")
        CUSTOMER,
        @Description("The platform: a hangup by someone else, a timeout, a failure, a shutdown.")
        SYSTEM
    }

    /** A stored name as the API enum, or null for none. */
    static <E extends java.lang.Enum<E>> E of(Class<E> type, String stored) {
        return stored == null ? null : java.lang.Enum.valueOf(type, stored);
    }
}
