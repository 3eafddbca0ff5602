package io.waihu.backend.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A graphql-transport-ws connection: the token on the upgrade request ({@link #open}) or in
 * {@code connection_init}'s payload, as a browser sends it ({@link #connect}).
 */
final class GraphQLSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CompletableFuture<String> closed = new java.util.concurrent.CompletableFuture<>();

    private GraphQLSocket(URI endpoint, String headerToken, Map<String, ?> initPayload) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws");
        if (headerToken != null) {
            builder.header("Authorization", "Bearer " + headerToken);
        }
        socket = builder.buildAsync(URI.create(endpoint.toString().replaceFirst("^http", "ws")), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                messages.add(JSON.readTree(partial.toString()));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        send(Map.of("type", "connection_init", "payload", initPayload));
    }

    /** Connects to {@code endpoint} (the HTTP GraphQL URL) as the token's user, the token on the upgrade request. */
    static GraphQLSocket open(URI endpoint, String token) throws Exception {
        GraphQLSocket socket = new GraphQLSocket(endpoint, token, Map.of());
        JsonNode ack = socket.next(Duration.ofSeconds(10));
        if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
            throw new AssertionError("no connection_ack: " + ack);
        }
        return socket;
    }

    /** Connects and sends {@code connection_init} with {@code payload}; the answer is left to read. */
    static GraphQLSocket connect(URI endpoint, Map<String, ?> payload) throws Exception {
        return new GraphQLSocket(endpoint, null, payload);
    }

    /** "code reason" of the server's close frame, or null if the server has not closed within {@code wait}. */
    String closedBy(Duration wait) throws Exception {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException open) {
            return null;
        }
    }

    void subscribe(String id, String query) throws Exception {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query)));
    }

    /** The next message, or null after {@code wait}. */
    JsonNode next(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(Map<String, ?> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
