package io.waihu.schema.telephony;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("telephony.TrunkRemoved")
@Revision("1")
public record TrunkRemovedEvent(String trunkId) {
}
