package io.waihu.backend.it;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates users through the API (as admin) and logs them in. */
final class TestUsers {

    static final String PASSWORD = "correct horse battery";

    private TestUsers() {
    }

    record Login(String id, String username, GraphQL client) {
    }

    static Login create(GraphQL admin, String role, String team) {
        return create(admin, List.of(role), team);
    }

    static Login create(GraphQL admin, List<String> roles, String team) {
        String username = roles.get(0).toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("u", username);
        vars.put("p", PASSWORD);
        vars.put("r", roles);
        vars.put("t", team);
        String id = admin.ok("mutation($u: String!, $p: String!, $r: [Role!]!, $t: String) { createUser(input: {username: $u, "
                + "displayName: $u, password: $p, roles: $r, team: $t}) { user { id } } }", vars).getString("data.createUser.user.id");
        return new Login(id, username, GraphQL.as(username, PASSWORD));
    }

    static String uniqueTeam() {
        return "team-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
