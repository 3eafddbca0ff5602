package io.waihu.schema.users;

import io.waihu.schema.common.EventName;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** Only what changed is set. */
@EventName("users.UserChanged")
@Revision("1")
public record UserChangedEvent(String userId, String displayName, Set<Role> roles, String team, Boolean enabled) {
}
