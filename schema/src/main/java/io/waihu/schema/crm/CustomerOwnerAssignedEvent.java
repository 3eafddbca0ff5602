package io.waihu.schema.crm;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("crm.CustomerOwnerAssigned")
@Revision("1")
public record CustomerOwnerAssignedEvent(String customerId, String ownerId, String previousOwnerId) {
}
