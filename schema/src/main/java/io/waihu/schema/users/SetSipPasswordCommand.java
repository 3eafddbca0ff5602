package io.waihu.schema.users;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the password an agent's phones register with (not the login password). */
public record SetSipPasswordCommand(@TargetAggregateIdentifier String userId, String password) {
}
