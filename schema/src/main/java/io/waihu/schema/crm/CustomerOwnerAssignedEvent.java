package io.waihu.schema.crm;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CustomerOwnerAssignedEvent(String customerId, String ownerId, String previousOwnerId) {
}
