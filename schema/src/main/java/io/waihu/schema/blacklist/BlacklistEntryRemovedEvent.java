package io.waihu.schema.blacklist;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BlacklistEntryRemovedEvent(String entryId, String pattern, BlacklistMatch match, String scope, String reason) {
}
