package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** A pause reason agents may no longer choose. */
@EventName("agents.PauseReasonRemoved")
@Revision("1")
public record PauseReasonRemovedEvent(String listId, String code) {
}
