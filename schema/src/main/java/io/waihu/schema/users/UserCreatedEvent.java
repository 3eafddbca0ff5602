package io.waihu.schema.users;

import io.waihu.schema.common.EventName;
import java.util.Set;
import org.axonframework.serialization.Revision;

@EventName("users.UserCreated")
@Revision("1")
public record UserCreatedEvent(
        String userId, String username, String displayName, String passwordHash, Set<Role> roles, String team) {
}
