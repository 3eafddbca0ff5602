package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The user mutations answer one payload each: the user and {@code inReadModel} on success,
 * {@code userErrors} with the field at fault for what the person at the form can fix, and
 * top-level errors only for what no input fixes (no right, no such user).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class UserMutationsTest {

    private static final String ERRORS = "userErrors { field code message }";
    static final String CREATE = "mutation($u: String!, $p: String!) { createUser(input: {username: $u, displayName: $u, "
            + "password: $p, roles: [AGENT]}) { user { id username roles version } inReadModel " + ERRORS + " } }";
    static final String CHANGE = "mutation($id: ID!, $v: Int, $d: String, $e: Boolean, $r: [Role!]) { changeUser(input: "
            + "{id: $id, expectedVersion: $v, displayName: $d, enabled: $e, roles: $r}) "
            + "{ user { id displayName version } inReadModel " + ERRORS + " } }";
    static final String PASSWORD = "mutation($id: ID, $c: String, $n: String!) { changePassword(input: {userId: $id, "
            + "currentPassword: $c, newPassword: $n}) { user { id } " + ERRORS + " } }";
    static final String LOGIN = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) "
            + "{ token expiresAt user { id username } " + ERRORS + " } }";

    private static String uniqueUsername() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> vars(Object... pairs) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put((String) pairs[i], pairs[i + 1]);
        }
        return vars;
    }

    @Test
    void createUserAnswersTheUserOrTheFieldAtFault() {
        GraphQL admin = GraphQL.admin();
        String username = uniqueUsername();
        JsonPath created = admin.ok(CREATE, vars("u", username, "p", TestUsers.PASSWORD));
        assertThat(created.getList("data.createUser.userErrors")).isEmpty();
        assertThat(created.getString("data.createUser.user.username")).isEqualTo(username);
        assertThat(created.getList("data.createUser.user.roles", String.class)).containsExactly("AGENT");
        assertThat(created.getBoolean("data.createUser.inReadModel")).isTrue();

        JsonPath taken = admin.call(CREATE, vars("u", username, "p", TestUsers.PASSWORD));
        assertThat(GraphQL.userErrorCode(taken, "createUser")).isEqualTo("CONFLICT");
        assertThat(GraphQL.userErrorField(taken, "createUser")).containsExactly("username");
        assertThat(taken.getString("data.createUser.user")).isNull();

        JsonPath shortPassword = admin.call(CREATE, vars("u", uniqueUsername(), "p", "short"));
        assertThat(GraphQL.userErrorCode(shortPassword, "createUser")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(shortPassword, "createUser")).containsExactly("password");

        JsonPath badName = admin.call(CREATE, vars("u", "Not A Username!", "p", TestUsers.PASSWORD));
        assertThat(GraphQL.userErrorCode(badName, "createUser")).as("the aggregate's rule").isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(badName, "createUser")).containsExactly("username");

        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        assertThat(GraphQL.errorCode(agent.client().call(CREATE, vars("u", uniqueUsername(), "p",
                TestUsers.PASSWORD)))).as("no right: still top-level").isEqualTo("FORBIDDEN");
    }

    @Test
    void changeUserRefusesAStaleVersionAndSelfLockoutAsUserErrors() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        JsonPath changed = admin.ok(CHANGE, vars("id", agent.id(), "v", 0, "d", "Renamed"));
        assertThat(changed.getList("data.changeUser.userErrors")).isEmpty();
        assertThat(changed.getString("data.changeUser.user.displayName")).isEqualTo("Renamed");
        assertThat(changed.getInt("data.changeUser.user.version")).isEqualTo(1);
        assertThat(changed.getBoolean("data.changeUser.inReadModel")).isTrue();

        JsonPath stale = admin.call(CHANGE, vars("id", agent.id(), "v", 0, "d", "Again"));
        assertThat(GraphQL.userErrorCode(stale, "changeUser")).isEqualTo("CONFLICT");
        assertThat(stale.getString("data.changeUser.user")).isNull();

        TestUsers.Login second = TestUsers.create(admin, "ADMIN", null);
        JsonPath disableSelf = second.client().call(CHANGE, vars("id", second.id(), "e", false));
        assertThat(GraphQL.userErrorCode(disableSelf, "changeUser")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(disableSelf, "changeUser")).containsExactly("enabled");
        JsonPath demoteSelf = second.client().call(CHANGE, vars("id", second.id(), "r", List.of("AGENT")));
        assertThat(GraphQL.userErrorCode(demoteSelf, "changeUser")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(demoteSelf, "changeUser")).containsExactly("roles");
        second.client().ok("{ me { id } }");

        assertThat(GraphQL.errorCode(admin.call(CHANGE, vars("id", UUID.randomUUID().toString(), "d", "x"))))
                .as("no such user: still top-level").isEqualTo("NOT_FOUND");
    }

    @Test
    void changePasswordAnswersTheUserOrTheFieldAtFault() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", null);
        GraphQL client = agent.client();

        JsonPath wrong = client.call(PASSWORD, vars("c", "not my password", "n", "a brand new password"));
        assertThat(GraphQL.userErrorCode(wrong, "changePassword")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(wrong, "changePassword")).containsExactly("currentPassword");
        JsonPath tooShort = client.call(PASSWORD, vars("c", TestUsers.PASSWORD, "n", "short"));
        assertThat(GraphQL.userErrorCode(tooShort, "changePassword")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(tooShort, "changePassword")).containsExactly("newPassword");
        assertThat(GraphQL.errorCode(client.call(PASSWORD, vars("id", UUID.randomUUID().toString(), "n",
                "a brand new password")))).as("someone else's: still top-level").isEqualTo("FORBIDDEN");
        assertThat(GraphQL.errorCode(admin.call(PASSWORD, vars("id", UUID.randomUUID().toString(), "n",
                "a brand new password")))).as("no such user: still top-level").isEqualTo("NOT_FOUND");

        JsonPath changed = client.ok(PASSWORD, vars("c", TestUsers.PASSWORD, "n", "a brand new password"));
        assertThat(changed.getList("data.changePassword.userErrors")).isEmpty();
        assertThat(changed.getString("data.changePassword.user.id")).isEqualTo(agent.id());

        JsonPath login = GraphQL.anonymous().ok(LOGIN, vars("u", agent.username(), "p", "a brand new password"));
        assertThat(login.getList("data.login.userErrors")).isEmpty();
        assertThat(login.getString("data.login.token")).isNotBlank();
        assertThat(login.getString("data.login.expiresAt")).isNotBlank();
        assertThat(login.getString("data.login.user.id")).isEqualTo(agent.id());
        assertThat(GraphQL.errorCode(GraphQL.anonymous().call(LOGIN, vars("u", agent.username(), "p",
                TestUsers.PASSWORD)))).as("the old password: still top-level").isEqualTo("UNAUTHENTICATED");
    }
}
