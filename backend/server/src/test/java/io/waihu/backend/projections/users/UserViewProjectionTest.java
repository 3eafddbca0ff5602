package io.waihu.backend.projections.users;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static io.waihu.backend.projections.ProjectionFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.users.UserView;
import io.waihu.projections.users.UserViewProjection;
import io.waihu.schema.users.Role;
import io.waihu.schema.users.UserChangedEvent;
import io.waihu.schema.users.UserCreatedEvent;
import io.waihu.schema.users.UserPasswordChangedEvent;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users for login (username → hash) and for team scoping. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class UserViewProjectionTest {

    @Inject
    UserViewProjection users;
    @Inject
    ChangeFeed feed;

    ProjectionFixture fixture;
    String user;
    String username;
    String team;

    @BeforeEach
    void fixture() {
        fixture = new ProjectionFixture(users);
        user = id();
        username = "u" + user.substring(0, 8);
        team = "team-" + id();
    }

    private UserCreatedEvent created() {
        return new UserCreatedEvent(user, username, "Some One", "hash-1", Set.of(Role.SUPERVISOR, Role.AGENT), team);
    }

    @Test
    void aCreatedUserIsFoundByUsernameEnabledWithSortedRoles() {
        fixture.given(fixture.event(user, created()));

        UserView view = read(() -> users.byUsername(username));
        assertThat(view.id).isEqualTo(user);
        assertThat(view.enabled).isTrue();
        assertThat(view.roles).isEqualTo("AGENT,SUPERVISOR");
        assertThat(view.passwordHash).isEqualTo("hash-1");
        assertThat(read(() -> users.all(team))).extracting(u -> u.id).containsExactly(user);
    }

    @Test
    void aChangeTouchesOnlyWhatItNames() {
        fixture.given(fixture.event(user, created()),
                fixture.event(user, new UserChangedEvent(user, null, Set.of(Role.ADMIN), null, false)));

        UserView view = read(() -> users.byId(user));
        assertThat(view.displayName).isEqualTo("Some One");
        assertThat(view.team).isEqualTo(team);
        assertThat(view.roles).isEqualTo("ADMIN");
        assertThat(view.enabled).isFalse();
    }

    @Test
    void aNewPasswordReplacesTheHash() {
        fixture.givenEach(fixture.event(user, created()),
                fixture.event(user, new UserPasswordChangedEvent(user, "hash-2")));

        assertThat(read(() -> users.byUsername(username)).passwordHash).isEqualTo("hash-2");
    }

    @Test
    void changeNoticesNameTheEventByItsStableName() {
        try (ProjectionFixture.Notices notices = ProjectionFixture.notices(feed)) {
            fixture.given(fixture.event(user, created()),
                    fixture.event(user, new UserPasswordChangedEvent(user, "hash-2")));

            assertThat(notices.about(user)).extracting(ReadModelChange::eventType)
                    .containsExactly("users.UserCreated", "users.UserPasswordChanged");
        }
    }
}
