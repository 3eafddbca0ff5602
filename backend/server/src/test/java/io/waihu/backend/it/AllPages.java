package io.waihu.backend.it;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a whole connection, page after page, for tests that look for their rows among everyone's. */
final class AllPages {

    private AllPages() {
    }

    /** Every node of the root connection {@code field}, with {@code selection}, 200 per page. */
    static List<Map<String, Object>> all(GraphQL client, String field, String selection) {
        String query = "query($after: String) { " + field + "(first: 200, after: $after) { nodes { " + selection
                + " } pageInfo { hasNextPage endCursor } } }";
        List<Map<String, Object>> nodes = new ArrayList<>();
        Map<String, Object> variables = new HashMap<>();
        variables.put("after", null);
        while (true) {
            JsonPath page = client.ok(query, variables);
            nodes.addAll(page.getList("data." + field + ".nodes"));
            if (!page.getBoolean("data." + field + ".pageInfo.hasNextPage")) {
                return nodes;
            }
            variables.put("after", page.getString("data." + field + ".pageInfo.endCursor"));
        }
    }

    /** The values of {@code key} of every node of the root connection {@code field}. */
    static List<String> all(GraphQL client, String field, String selection, String key) {
        return all(client, field, selection).stream().map(node -> (String) node.get(key)).toList();
    }
}
