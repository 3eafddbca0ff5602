package io.waihu.schema.telephony;

import org.axonframework.serialization.Revision;

@Revision("1")
public record TrunkRemovedEvent(String trunkId) {
}
