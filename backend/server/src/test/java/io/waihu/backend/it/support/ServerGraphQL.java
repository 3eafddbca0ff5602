package io.waihu.backend.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;

/** GraphQL over plain HTTP against a server running in its own process (packaged or README-started). */
public final class ServerGraphQL {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ServerGraphQL(int port) {
        this.port = port;
    }

    /** The token of a successful login. */
    public String login(String username, String password) throws IOException, InterruptedException {
        JsonNode result = call(null, "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) { token } }",
                Map.of("u", username, "p", password));
        return result.path("data").path("login").path("token").asText();
    }

    /** The whole response of a request that must succeed (no {@code errors}). */
    public JsonNode call(String token, String query) throws IOException, InterruptedException {
        return call(token, query, Map.of());
    }

    public JsonNode call(String token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        JsonNode json = send(token, query, variables);
        if (json.has("errors")) {
            throw new AssertionError("GraphQL errors: " + json);
        }
        return json;
    }

    /** The whole response, errors and all. */
    public JsonNode send(String token, String query, Map<String, Object> variables)
            throws IOException, InterruptedException {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    /**
     * Waits until every event processor has applied everything in the store and returns the
     * last {@code projectionStatus}.
     */
    public JsonNode awaitProcessorsAtHead(String token, Duration within) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = call(token, "{ projectionStatus { head processors { name lag } readModels { model "
                    + "appliedSinceStart } } }").path("data").path("projectionStatus");
            JsonNode processors = last[0].path("processors");
            if (processors.size() < 4) {
                return false;
            }
            for (JsonNode processor : processors) {
                if (!processor.path("lag").asText().equals("0")) {
                    return false;
                }
            }
            return true;
        });
        return last[0];
    }
}
