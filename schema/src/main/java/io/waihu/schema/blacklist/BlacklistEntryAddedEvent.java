package io.waihu.schema.blacklist;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BlacklistEntryAddedEvent(
        String entryId, String pattern, BlacklistMatch match, String scope, String reason, Instant expiresAt) {
}
