package io.waihu.schema.blacklist;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("blacklist.BlacklistEntryRemoved")
@Revision("1")
public record BlacklistEntryRemovedEvent(String entryId, String pattern, BlacklistMatch match, String scope, String reason) {
}
