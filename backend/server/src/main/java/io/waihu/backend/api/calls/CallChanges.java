package io.waihu.backend.api.calls;

import io.waihu.backend.api.support.EventEnums;
import io.waihu.schema.calls.CallAgentAnsweredEvent;
import io.waihu.schema.calls.CallAgentRingingEvent;
import io.waihu.schema.calls.CallAnsweredEvent;
import io.waihu.schema.calls.CallBridgedEvent;
import io.waihu.schema.calls.CallConnectedEvent;
import io.waihu.schema.calls.CallDataErasedEvent;
import io.waihu.schema.calls.CallDtmfReceivedEvent;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallRecordingStoredEvent;
import io.waihu.schema.calls.CallRingingEvent;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of {@code callChanged}: what happened to a call, and the call as it is now. */
public final class CallChanges {

    private CallChanges() {
    }

    @Enum("CallEvent")
    @Description("What happened to a call: the stored event names of the events that change a call record "
            + "(calls.CallPlaced → CALL_PLACED).")
    public enum CallEvent {
        @Description("Stored: the call exists.")
        CALL_PLACED(CallPlacedEvent.class),
        @Description("Stored: the customer answered and the two legs were joined (agent and customer hear each "
                + "other); the times of the ringing before it come with it.")
        CALL_CONNECTED(CallConnectedEvent.class),
        @Description("The agent's phone rings (click-to-dial). Stored by servers before 2026-12; now only the "
                + "call's agentRingingAt, set when it connects or ends.")
        CALL_AGENT_RINGING(CallAgentRingingEvent.class),
        @Description("The agent answered (click-to-dial). Stored by servers before 2026-12; now agentAnsweredAt.")
        CALL_AGENT_ANSWERED(CallAgentAnsweredEvent.class),
        @Description("The customer's phone rings. Stored by servers before 2026-12; now ringingAt.")
        CALL_RINGING(CallRingingEvent.class),
        @Description("The customer answered. Stored by servers before 2026-12; now CALL_CONNECTED.")
        CALL_ANSWERED(CallAnsweredEvent.class),
        @Description("The two legs are joined. Stored by servers before 2026-12; now CALL_CONNECTED.")
        CALL_BRIDGED(CallBridgedEvent.class),
        @Description("A DTMF digit was received (the digit itself is not shown).")
        CALL_DTMF_RECEIVED(CallDtmfReceivedEvent.class),
        @Description("The call ended.")
        CALL_ENDED(CallEndedEvent.class),
        @Description("Its recording was stored.")
        CALL_RECORDING_STORED(CallRecordingStoredEvent.class),
        @Description("The number and digits were erased (right to erasure).")
        CALL_DATA_ERASED(CallDataErasedEvent.class);

        private static final Map<String, CallEvent> BY_TYPE = EventEnums.index(CallEvent.class, e -> e.event);
        private final Class<?> event;

        CallEvent(Class<?> event) {
            this.event = event;
        }

        static CallEvent of(String eventType) {
            return EventEnums.of(BY_TYPE, eventType);
        }
    }

    @Type("CallChange")
    @Description("A change to a call you may see, as the read model applied it.")
    public record CallChange(@NonNull @Description("What happened.") CallEvent event,
            @NonNull @Id @Description("The changed call's id (also when it is no longer yours to see).") String id,
            @NonNull @Description("The call's version after the change.") int version,
            @Description("The call as it is now; null when it is no longer yours to see or out of your filters.")
            CallTypes.Call call) {
    }
}
