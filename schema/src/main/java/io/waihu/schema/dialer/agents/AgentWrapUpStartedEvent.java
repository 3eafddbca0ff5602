package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The call ended; the wrap-up ends by a disposition or at {@code endsAt} (null: only by a disposition). */
@EventName("agents.AgentWrapUpStarted")
@Revision("1")
public record AgentWrapUpStartedEvent(String agentId, String callId, Instant endsAt, AgentState state)
        implements AgentStateEvent {
}
