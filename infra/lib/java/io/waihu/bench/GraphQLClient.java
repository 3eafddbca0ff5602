package io.waihu.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GraphQL over HTTP/1.1 POST as the benchmarks send it: one JDK {@link HttpClient} on four daemon
 * threads (the client shares two cores with the server and PostgreSQL, so it gets few threads),
 * a bearer token per request (the admin's, or each agent's own), and every answer reduced to a
 * {@link Reply}: a transport failure, a non-200 status or a GraphQL {@code errors} entry becomes
 * its error text ({@code extensions.code: message}), counted by the caller, never thrown.
 */
public final class GraphQLClient {

    /** How long one request may take before it counts as failed. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");
    /** A mutation's payload that refused the input: its userErrors list is not empty. */
    private static final Pattern USER_ERRORS = Pattern.compile("\"userErrors\"\\s*:\\s*\\[\\s*\\{");
    private static final String LOGIN = "mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) "
            + "{ token userErrors { code message } } }";

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, Daemons.named("http-")))
            .build();

    public GraphQLClient(String url) {
        this.url = URI.create(url);
    }

    /** A GraphQL answer reduced to what a benchmark needs; {@code error} is null on success. */
    public record Reply(String body, String error) {
        public boolean ok() {
            return error == null;
        }

        /** This reply, or an exception naming {@code what} when it failed (for set-up steps that must work). */
        public Reply orThrow(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " failed: " + error + " " + body);
            }
            return this;
        }
    }

    /** The POST of {@code query} with {@code variablesJson} (a JSON object), as {@code token} when not null. */
    public HttpRequest request(String token, String query, String variablesJson) {
        String body = "{\"query\":" + Json.quote(query) + ",\"variables\":" + variablesJson + "}";
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    public Reply call(String token, String query, String variablesJson) {
        try {
            return reply(http.send(request(token, query, variablesJson), HttpResponse.BodyHandlers.ofString()), null);
        } catch (IOException e) {
            return reply(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return reply(null, e);
        }
    }

    /** Sends without waiting; the future completes with the reply, failed or not (it never completes exceptionally). */
    public CompletableFuture<Reply> callAsync(String token, String query, String variablesJson) {
        return http.sendAsync(request(token, query, variablesJson), HttpResponse.BodyHandlers.ofString())
                .handle(GraphQLClient::reply);
    }

    /** The token of {@code user}; throws when the login fails. */
    public String login(String user, String password) {
        Reply r = call(null, LOGIN, "{\"u\":" + Json.quote(user) + ",\"p\":" + Json.quote(password) + "}")
                .orThrow("login " + user);
        return Json.field(r.body(), "token");
    }

    private static Reply reply(HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            return new Reply(null, cause.getClass().getSimpleName());
        }
        String body = response.body();
        if (response.statusCode() != 200) {
            return new Reply(body, "HTTP " + response.statusCode());
        }
        if (body.contains("\"errors\"") || USER_ERRORS.matcher(body).find()) {
            Matcher c = CODE.matcher(body);
            Matcher m = MESSAGE.matcher(body);
            String msg = (c.find() ? c.group(1) + ": " : "") + (m.find() ? m.group(1) : "GraphQL error");
            return new Reply(body, msg.length() > 140 ? msg.substring(0, 140) + "..." : msg);
        }
        return new Reply(body, null);
    }
}
