package io.waihu.schema.blacklist;

import io.waihu.schema.common.EventName;
import java.time.Instant;
import org.axonframework.serialization.Revision;

@EventName("blacklist.BlacklistEntryAdded")
@Revision("1")
public record BlacklistEntryAddedEvent(
        String entryId, String pattern, BlacklistMatch match, String scope, String reason, Instant expiresAt) {
}
