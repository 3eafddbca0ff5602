package io.waihu.backend.it;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;

/** A GraphQL client over real HTTP, as a frontend would call the API. */
public final class GraphQL {

    private final String token;

    private GraphQL(String token) {
        this.token = token;
    }

    public static GraphQL anonymous() {
        return new GraphQL(null);
    }

    public static GraphQL as(String username, String password) {
        return new GraphQL(tokenOf(username, password));
    }

    public static String tokenOf(String username, String password) {
        JsonPath result = anonymous().call("mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) "
                + "{ token } }", Map.of("u", username, "p", password));
        String token = result.getString("data.login.token");
        if (token == null) {
            throw new AssertionError("login as " + username + " failed: " + result.prettify());
        }
        return token;
    }

    /** A client that sends this token (kept from an earlier login). */
    public static GraphQL withToken(String token) {
        return new GraphQL(token);
    }

    public static GraphQL admin() {
        return as("admin", EmbeddedPostgresResource.ADMIN_PASSWORD);
    }

    public JsonPath call(String query) {
        return call(query, Map.of());
    }

    public JsonPath call(String query, Map<String, ?> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql").then().extract().jsonPath();
    }

    /**
     * As {@link #call(String, Map)}, with the body written in ASCII ({@code \\uXXXX} escapes), so
     * that a lone surrogate reaches the server as the client meant it instead of as "?".
     */
    public JsonPath callEscaped(String query, Map<String, ?> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        String json;
        try {
            json = ASCII_JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        var request = given().contentType(ContentType.JSON).body(json);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.when().post("/graphql").then().extract().jsonPath();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ASCII_JSON =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** The data at {@code path}, failing the test with the whole answer if there were errors. */
    public JsonPath ok(String query, Map<String, ?> variables) {
        JsonPath result = call(query, variables);
        if (result.get("errors") != null) {
            throw new AssertionError("GraphQL errors: " + result.prettify());
        }
        return result;
    }

    public JsonPath ok(String query) {
        return ok(query, Map.of());
    }

    /** The {@code extensions.code} of the first error, or null when there was none. */
    public static String errorCode(JsonPath result) {
        return result.getString("errors[0].extensions.code");
    }

    /**
     * The {@code code} of the first user error in the payload of {@code mutation}, or null when
     * there was none; fails the test if the answer has top-level errors instead.
     */
    public static String userErrorCode(JsonPath result, String mutation) {
        if (result.get("errors") != null) {
            throw new AssertionError("expected userErrors, got top-level errors: " + result.prettify());
        }
        return result.getString("data." + mutation + ".userErrors[0].code");
    }

    /** The {@code field} path of the first user error in the payload of {@code mutation}. */
    public static java.util.List<String> userErrorField(JsonPath result, String mutation) {
        return result.getList("data." + mutation + ".userErrors[0].field", String.class);
    }

    /** The value at {@code path} (a JSON scalar's object, say) as compact JSON text. */
    public static String json(JsonPath result, String path) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result.get(path));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
