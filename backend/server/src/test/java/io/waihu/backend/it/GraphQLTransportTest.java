package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * What {@code POST /graphql} accepts before a query runs: JSON only (a browser sends
 * {@code text/plain} and form bodies cross-site without asking first), and a body of the
 * GraphQL-over-HTTP shape. Each refusal is a 4xx with a JSON error carrying a code, and logs no
 * error.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class GraphQLTransportTest {

    private static final String LOGIN_BODY = "{\"query\":\"mutation { login(input: {username: \\\"admin\\\", "
            + "password: \\\"guess\\\"}) { token } }\"}";

    @TestHTTPResource("/graphql")
    URI graphql;

    /** Sent with the JDK's client: RestAssured re-encodes bodies by their content type. */
    private Answer post(String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(graphql)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                new JsonPath(response.body()));
    }

    private record Answer(int statusCode, String contentType, JsonPath jsonPath) {
    }

    @Test
    void crossSiteSimpleContentTypesAreRefusedUnexecuted() throws Exception {
        try (ErrorLog log = ErrorLog.open()) {
            for (String type : new String[] {"text/plain", "application/graphql", "application/x-www-form-urlencoded",
                    "application/json, text/plain"}) {
                Answer refused = post(type, LOGIN_BODY);
                assertThat(refused.statusCode()).as(type).isEqualTo(415);
                assertThat(refused.contentType()).as(type).startsWith("application/json");
                assertThat(refused.jsonPath().getString("errors[0].extensions.code")).as(type)
                        .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
                assertThat(refused.jsonPath().getString("data")).as(type).isNull();
            }
            assertThat(log.errors()).isEmpty();
        }
        // JSON with a charset is served, and so is JSON named twice (GraphiQL's fetcher adds its
        // header to the page's, and the browser joins them: "application/json, application/json")
        for (String json : new String[] {"application/json; charset=UTF-8", "application/json, application/json"}) {
            assertThat(post(json, LOGIN_BODY).jsonPath().getString("errors[0].extensions.code")).as(json)
                    .isIn("UNAUTHENTICATED", "TOO_MANY_REQUESTS");
        }
    }

    @Test
    void variablesThatAreNotAnObjectAreABadRequestNotAServerError() throws Exception {
        try (ErrorLog log = ErrorLog.open()) {
            for (String variables : new String[] {"[1, 2]", "\"x\"", "42", "true"}) {
                Answer bad = post("application/json", "{\"query\":\"query($n: String) { customers(name: $n) "
                        + "{ edges { node { id } } } }\",\"variables\":" + variables + "}");
                assertThat(bad.statusCode()).as(variables).isEqualTo(400);
                assertThat(bad.jsonPath().getString("errors[0].extensions.code")).as(variables)
                        .isEqualTo("BAD_REQUEST");
            }
            Answer notAString = post("application/json", "{\"query\": 42}");
            assertThat(notAString.statusCode()).isEqualTo(400);
            assertThat(notAString.jsonPath().getString("errors[0].extensions.code")).isEqualTo("BAD_REQUEST");
            assertThat(log.errors()).isEmpty();
        }
        // null variables are the same as none
        assertThat(post("application/json", "{\"query\":\"{ me { id } }\",\"variables\":null}").jsonPath()
                .getString("errors[0].extensions.code")).isEqualTo("UNAUTHENTICATED");
    }
}
