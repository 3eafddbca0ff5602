package io.waihu.schema.users;

import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserCreatedEvent(
        String userId, String username, String displayName, String passwordHash, Set<Role> roles, String team) {
}
