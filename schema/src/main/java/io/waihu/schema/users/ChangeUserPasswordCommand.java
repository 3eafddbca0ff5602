package io.waihu.schema.users;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeUserPasswordCommand(@TargetAggregateIdentifier String userId, String passwordHash) {
}
