package io.waihu.schema.users;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Changes roles, team, display name or the enabled flag; {@code null} leaves a part unchanged. */
public record ChangeUserCommand(
        @TargetAggregateIdentifier String userId,
        @TargetAggregateVersion Long expectedVersion,
        String displayName,
        Set<Role> roles,
        String team,
        Boolean enabled) {
}
