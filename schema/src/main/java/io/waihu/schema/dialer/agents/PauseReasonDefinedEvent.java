package io.waihu.schema.dialer.agents;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

/** A pause reason agents may choose, added or relabelled. */
@EventName("agents.PauseReasonDefined")
@Revision("1")
public record PauseReasonDefinedEvent(String listId, String code, String label) {
}
