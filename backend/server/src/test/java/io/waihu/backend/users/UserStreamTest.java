package io.waihu.backend.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.users.UserStream.UserState;
import io.waihu.schema.users.Role;
import io.waihu.schema.users.UserChangedEvent;
import io.waihu.schema.users.UserCreatedEvent;
import io.waihu.schema.users.UserPasswordChangedEvent;
import io.waihu.schema.users.UserSipPasswordSetEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of a user's events move their rights version, the value every token is checked against. */
class UserStreamTest {

    private static final UserState CREATED = UserStream.apply(null,
            new UserCreatedEvent("u1", "ann", "Ann", "$2a$hash", Set.of(Role.AGENT), "north"), 0);

    @Test
    void rolesTeamEnablingAndTheLoginPasswordEachMoveTheRightsVersion() {
        assertThat(CREATED.rightsVersion()).isZero();
        assertThat(UserStream.apply(CREATED, new UserChangedEvent("u1", null, Set.of(Role.ANALYST), null, null), 1)
                .rightsVersion()).isEqualTo(1);
        assertThat(UserStream.apply(CREATED, new UserChangedEvent("u1", null, null, "south", null), 1)
                .rightsVersion()).isEqualTo(1);
        UserState disabled = UserStream.apply(CREATED, new UserChangedEvent("u1", null, null, null, false), 1);
        assertThat(disabled.rightsVersion()).isEqualTo(1);
        assertThat(disabled.enabled()).isFalse();
        assertThat(UserStream.apply(CREATED, new UserPasswordChangedEvent("u1", "$2a$other"), 1).rightsVersion())
                .isEqualTo(1);
    }

    @Test
    void displayNameAndSipPasswordLeaveTheRightsVersionAlone() {
        UserState renamed = UserStream.apply(CREATED, new UserChangedEvent("u1", "Ann B", null, null, null), 1);
        assertThat(renamed.rightsVersion()).isZero();
        UserState phone = UserStream.apply(renamed, new UserSipPasswordSetEvent("u1", "user:u1", "ann",
                "a-sip-password-1"), 2);
        assertThat(phone.rightsVersion()).as("agents provision their SIP password while logged in").isZero();
        assertThat(phone.sipPassword()).isEqualTo("a-sip-password-1");
    }
}
