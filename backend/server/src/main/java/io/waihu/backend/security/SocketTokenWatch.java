package io.waihu.backend.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * One GraphQL WebSocket connection as SmallRye's protocol handler sees it, holding the
 * connection to its token's life (see {@link SubscriptionSockets}).
 *
 * <p>When the connection is acknowledged the caller is known, whether the token came in the
 * upgrade's header or in {@code connection_init}: a token that no longer speaks for its user
 * (disabled, re-roled, new password since it was issued) closes the connection with 4403
 * instead of the acknowledgement, as a bad token does. An accepted token is then watched: at
 * its {@code exp} the connection closes with 4401, and when the user's rights change on any
 * node ({@link UserRights#changes()}) with 4403 — each subscription would refuse on its own
 * ({@code AccessInterceptor}), but the connection would stay open and a client that keeps
 * sockets alive would never learn that it must log in again. The reasons fit a close frame
 * (123 bytes).
 */
final class SocketTokenWatch implements GraphQLWebSocketSession {

    /** graphql-transport-ws: the connection's credentials are missing or no longer valid. */
    static final short UNAUTHORIZED = 4401;
    /** graphql-transport-ws: the credentials were refused. */
    static final short FORBIDDEN = 4403;
    static final String EXPIRED = "the token expired; log in again";
    static final String BAD_PAYLOAD = "send the token as {\"Authorization\": \"Bearer <token>\"} or {\"authToken\": "
            + "\"<token>\"}";
    /**
     * How long a revoked connection stays open: each of its subscriptions fails with
     * {@code UNAUTHENTICATED} on the same change, and those errors should reach the client before
     * the close frame, so that it learns which operations ended and why.
     */
    private static final long REVOKED_CLOSE_DELAY_MILLIS = 250;
    private static final String TOKEN = "authToken";
    private static final String BEARER = "Bearer ";

    private final ServerWebSocket socket;
    private final RoutingContext upgrade;
    private final UserRights rights;
    private final AtomicBoolean acknowledged = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long expiryTimer = -1;
    private volatile Cancellable rightsWatch;

    SocketTokenWatch(ServerWebSocket socket, RoutingContext upgrade, UserRights rights) {
        this.socket = socket;
        this.upgrade = upgrade;
        this.rights = rights;
    }

    /**
     * A client's message as the protocol handler should read it: {@code connection_init}'s
     * {@code authToken} (or a lower-case {@code authorization}) becomes the {@code Authorization}
     * member Quarkus reads. Null when the connection was closed for a payload that carries
     * something as a token that cannot be one: Quarkus would otherwise neither refuse nor answer.
     */
    String inbound(String text) {
        if (acknowledged.get() || !text.contains("connection_init")) {
            return text;
        }
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException notJson) {
            return text;
        }
        if (!"connection_init".equals(message.getValue("type")) || !(message.getValue("payload") instanceof JsonObject payload)) {
            return text;
        }
        Object header = payload.containsKey(SubscriptionSockets.PAYLOAD_AUTHORIZATION)
                ? payload.getValue(SubscriptionSockets.PAYLOAD_AUTHORIZATION) : payload.getValue("authorization");
        Object token = payload.getValue(TOKEN);
        if (header == null && token == null) {
            return text;
        }
        if (header == null && token instanceof String bare && !bare.isBlank()) {
            header = BEARER + bare;
        }
        if (!(header instanceof String authorization) || !authorization.startsWith(BEARER)
                || authorization.length() == BEARER.length()) {
            close(FORBIDDEN, BAD_PAYLOAD);
            return null;
        }
        payload.remove(TOKEN);
        payload.remove("authorization");
        payload.put(SubscriptionSockets.PAYLOAD_AUTHORIZATION, authorization);
        return message.encode();
    }

    @Override
    public void sendMessage(String message) {
        if (!acknowledged.get() && isAcknowledgement(message) && acknowledged.compareAndSet(false, true)) {
            String refusal = admit();
            if (refusal != null) {
                close(FORBIDDEN, refusal);
                return;
            }
        }
        socket.writeTextMessage(message);
    }

    @Override
    public void close(short statusCode, String reason) {
        if (!socket.isClosed()) {
            socket.close(statusCode, reason);
        }
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    /** The connection closed: nothing left to watch. */
    void stop() {
        stopped = true;
        if (expiryTimer >= 0) {
            upgrade.vertx().cancelTimer(expiryTimer);
        }
        Cancellable watch = rightsWatch;
        if (watch != null) {
            watch.cancel();
        }
    }

    /** Why the connection's caller may not go on; null if it may (a token that is current, or none). */
    private String admit() {
        SecurityIdentity identity = upgrade.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        UserRights.Rights admitted = identity.getAttribute(CurrentUser.RIGHTS_ATTRIBUTE);
        if (admitted == null) {
            return CurrentUser.LOG_IN_AGAIN;
        }
        watch(token, admitted);
        return null;
    }

    private void watch(JsonWebToken token, UserRights.Rights admitted) {
        String userId = admitted.userId();
        long version = admitted.version();
        long untilExpiry = token.getExpirationTime() * 1000 - System.currentTimeMillis();
        expiryTimer = upgrade.vertx().setTimer(Math.max(1, untilExpiry), fired -> close(UNAUTHORIZED, EXPIRED));
        rightsWatch = rights.changes()
                .select().where(change -> change.userId().equals(userId) && !UserRights.valid(change.now(), version))
                .subscribe().with(change -> upgrade.vertx().setTimer(REVOKED_CLOSE_DELAY_MILLIS,
                        later -> close(FORBIDDEN, CurrentUser.LOG_IN_AGAIN)));
        // a change between authentication and the watch: the cache has it by now
        Optional<UserRights.Rights> now = rights.cached(userId);
        if (now != null && !UserRights.valid(now, version)) {
            close(FORBIDDEN, CurrentUser.LOG_IN_AGAIN);
        }
        if (stopped) {
            stop();
        }
    }

    private static boolean isAcknowledgement(String message) {
        if (!message.contains("connection_ack")) {
            return false;
        }
        try {
            return "connection_ack".equals(new JsonObject(message).getValue("type"));
        } catch (DecodeException notJson) {
            return false;
        }
    }
}
