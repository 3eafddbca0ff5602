package io.waihu.backend.users;

import static io.waihu.backend.domain.RuleViolationMatcher.invalid;

import io.waihu.schema.users.ChangeUserCommand;
import io.waihu.schema.users.ChangeUserPasswordCommand;
import io.waihu.schema.users.CreateUserCommand;
import io.waihu.schema.users.Role;
import io.waihu.schema.users.SetSipPasswordCommand;
import io.waihu.schema.users.UserChangedEvent;
import io.waihu.schema.users.UserCreatedEvent;
import io.waihu.schema.users.UserPasswordChangedEvent;
import io.waihu.schema.users.UserSipPasswordSetEvent;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String USERNAME = "li.wei";
    private static final String ID = UserIds.forUsername(USERNAME);
    /** Shaped like a bcrypt hash; the aggregate only checks the scheme, never the password. */
    private static final String HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
    private static final String NEW_HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoO5c1Yx3D3r2j8Kq6xwq3n0hGkJ1E9bYq";

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
    }

    // --- create ---

    @Test
    void userIsCreatedWithRolesAndTeam() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", HASH, Set.of(Role.AGENT), "Team A"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void surroundingSpacesAreStrippedFromTheDisplayName() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, " Li Wei  ", HASH, Set.of(Role.AGENT), "Team A"))
                .expectEvents(created());
    }

    @Test
    void userNeedsNoTeam() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", HASH, Set.of(Role.ANALYST), null))
                .expectEvents(new UserCreatedEvent(ID, USERNAME, "Li Wei", HASH, Set.of(Role.ANALYST), null));
    }

    @Test
    void usernameWithUpperCaseLettersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create("Li.Wei", "Li Wei", HASH, Set.of(Role.AGENT), null))
                .expectException(invalid("username"))
                .expectNoEvents();
    }

    @Test
    void usernameWithSpacesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create("li wei", "Li Wei", HASH, Set.of(Role.AGENT), null))
                .expectException(invalid("username"));
    }

    @Test
    void usernameShorterThan2CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create("l", "Li Wei", HASH, Set.of(Role.AGENT), null))
                .expectException(invalid("username"));
    }

    @Test
    void usernameLongerThan64CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create("l".repeat(65), "Li Wei", HASH, Set.of(Role.AGENT), null))
                .expectException(invalid("username"));
    }

    @Test
    void missingUsernameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(null, "Li Wei", HASH, Set.of(Role.AGENT), null))
                .expectException(invalid("username"));
    }

    @Test
    void emptyDisplayNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, " ", HASH, Set.of(Role.AGENT), null))
                .expectException(invalid("displayName"));
    }

    @Test
    void displayNameLongerThan200CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "n".repeat(201), HASH, Set.of(Role.AGENT), null))
                .expectException(invalid("displayName"));
    }

    @Test
    void userWithoutRolesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", HASH, Set.of(), null))
                .expectException(invalid("roles"));
    }

    @Test
    void missingRoleSetIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", HASH, null, null))
                .expectException(invalid("roles"));
    }

    @Test
    void emptyRoleIsRefused() {
        Set<Role> roles = new HashSet<>();
        roles.add(Role.AGENT);
        roles.add(null);
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", HASH, roles, null))
                .expectException(invalid("roles"));
    }

    @Test
    void teamWithForbiddenCharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", HASH, Set.of(Role.AGENT), "Team <A>"))
                .expectException(invalid("team"));
    }

    @Test
    void teamNameLongerThan64CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", HASH, Set.of(Role.AGENT), "t".repeat(65)))
                .expectException(invalid("team"));
    }

    @Test
    void plainPasswordIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", "correct horse battery staple", Set.of(Role.AGENT), null))
                .expectException(invalid("password"));
    }

    @Test
    void missingPasswordIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(USERNAME, "Li Wei", null, Set.of(Role.AGENT), null))
                .expectException(invalid("password"));
    }

    // --- change ---

    @Test
    void changeRecordsOnlyWhatChanged() {
        fixture.given(created())
                .when(new ChangeUserCommand(ID, null, "Li Wei", Set.of(Role.AGENT, Role.SUPERVISOR), "Team A", true))
                .expectEvents(new UserChangedEvent(ID, null, Set.of(Role.AGENT, Role.SUPERVISOR), null, null));
    }

    @Test
    void changeWithNothingChangedRecordsNoEvent() {
        fixture.given(created())
                .when(new ChangeUserCommand(ID, null, " Li Wei ", Set.of(Role.AGENT), "Team A", true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void changeWithEveryPartLeftOutRecordsNoEvent() {
        fixture.given(created())
                .when(new ChangeUserCommand(ID, null, null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void disablingIsRecorded() {
        fixture.given(created())
                .when(new ChangeUserCommand(ID, null, null, null, null, false))
                .expectEvents(new UserChangedEvent(ID, null, null, null, false));
    }

    @Test
    void disablingADisabledUserRecordsNoEvent() {
        fixture.given(created(), new UserChangedEvent(ID, null, null, null, false))
                .when(new ChangeUserCommand(ID, null, null, null, null, false))
                .expectNoEvents();
    }

    @Test
    void changeToAnEmptyDisplayNameIsRefused() {
        fixture.given(created())
                .when(new ChangeUserCommand(ID, null, "", null, null, null))
                .expectException(invalid("displayName"));
    }

    @Test
    void changeToNoRolesIsRefused() {
        fixture.given(created())
                .when(new ChangeUserCommand(ID, null, null, Set.of(), null, null))
                .expectException(invalid("roles"));
    }

    @Test
    void changeToATeamWithForbiddenCharactersIsRefused() {
        fixture.given(created())
                .when(new ChangeUserCommand(ID, null, null, null, "Team/B", null))
                .expectException(invalid("team"));
    }

    // --- password ---

    @Test
    void passwordChangeIsRecorded() {
        fixture.given(created())
                .when(new ChangeUserPasswordCommand(ID, NEW_HASH))
                .expectEvents(new UserPasswordChangedEvent(ID, NEW_HASH));
    }

    @Test
    void plainNewPasswordIsRefused() {
        fixture.given(created())
                .when(new ChangeUserPasswordCommand(ID, "correct horse battery staple"))
                .expectException(invalid("password"))
                .expectNoEvents();
    }

    private static UserCreatedEvent created() {
        return new UserCreatedEvent(ID, USERNAME, "Li Wei", HASH, Set.of(Role.AGENT), "Team A");
    }

    @Test
    void sipPasswordIsSealedUnderTheUsersOwnKeyWithTheLoginNameAsSipUser() {
        fixture.given(created())
                .when(new SetSipPasswordCommand(ID, "Sip-Pass-123456"))
                .expectEvents(new UserSipPasswordSetEvent(ID, "user:" + ID, USERNAME,
                        "Sip-Pass-123456"));
    }

    @Test
    void sipPasswordIsLongPrintableAndFreeOfSpacesAndQuotes() {
        for (String bad : new String[] {null, "short", "has space 12345", "quote\"123456789", "é".repeat(12)}) {
            fixture.given(created())
                    .when(new SetSipPasswordCommand(ID, bad))
                    .expectException(invalid("password"));
        }
    }

    private static CreateUserCommand create(String username, String displayName, String hash, Set<Role> roles,
            String team) {
        return new CreateUserCommand(ID, username, displayName, hash, roles, team);
    }
}
