package io.waihu.schema.users;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code passwordHash} is a modular-crypt bcrypt hash; plain passwords never enter a message. */
public record CreateUserCommand(
        @TargetAggregateIdentifier String userId,
        String username,
        String displayName,
        String passwordHash,
        Set<Role> roles,
        String team) {
}
