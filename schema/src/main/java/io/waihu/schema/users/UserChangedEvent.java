package io.waihu.schema.users;

import java.util.Set;
import org.axonframework.serialization.Revision;

/** Only what changed is set. */
@Revision("1")
public record UserChangedEvent(String userId, String displayName, Set<Role> roles, String team, Boolean enabled) {
}
