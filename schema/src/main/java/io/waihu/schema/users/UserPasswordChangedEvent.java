package io.waihu.schema.users;

import io.waihu.schema.common.EventName;
import org.axonframework.serialization.Revision;

@EventName("users.UserPasswordChanged")
@Revision("1")
public record UserPasswordChangedEvent(String userId, String passwordHash) {
}
