package io.waihu.backend.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLOverWebSocketHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.websocket.GraphQLWebsocketHandler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Opens the GraphQL WebSocket connections (subscriptions) in place of SmallRye's own route, so
 * that a browser can log in on them and a connection lives no longer than its token.
 *
 * <p>A browser's {@code WebSocket} cannot set an {@code Authorization} header, so the
 * graphql-transport-ws convention is to send the token in {@code connection_init}'s payload.
 * Quarkus reads one payload member as the header ({@code SmallRyeAuth…SubprotocolHandler}:
 * it authenticates through the same mechanism and augmentor as a request, and closes with 4403
 * on a bad token, 4400 when a header came too); this class wires it to {@code Authorization}
 * and accepts {@code authToken} too (what Apollo and graphql-ws clients send), rewriting it
 * before Quarkus reads the payload. The header on the upgrade request still works.
 *
 * <p>What Quarkus does not do for a JWT is end the connection: its timer reads an expiry
 * attribute only OIDC sets, and it does not know of revocation. {@link SocketTokenWatch} does
 * (4401 at the token's {@code exp}, 4403 when the user's rights change). The subclass and the
 * route are the least that reaches that hook: Quarkus builds the session inside its route.
 * Connections without a token are admitted; their subscriptions answer {@code UNAUTHENTICATED}.
 */
@ApplicationScoped
public class SubscriptionSockets {

    /** After proactive authentication (a filter, ordered before every route) and before SmallRye's socket route (-99). */
    private static final int ROUTE_ORDER = -100;
    /** The payload member Quarkus reads as the {@code Authorization} header. */
    static final String PAYLOAD_AUTHORIZATION = "Authorization";

    private static final Logger LOG = Logger.getLogger(SubscriptionSockets.class);

    private final String path;
    private final Sockets sockets;

    public SubscriptionSockets(@ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String path,
            CurrentIdentityAssociation identities, CurrentVertxRequest requests, UserRights rights) {
        this.path = path;
        this.sockets = new Sockets(identities, requests, rights);
    }

    void install(@Observes Router router) {
        router.route(path).order(ROUTE_ORDER).handler(sockets);
    }

    /** SmallRye's socket handler with the session that watches the token. */
    private static final class Sockets extends SmallRyeGraphQLOverWebSocketHandler {

        private final UserRights rights;

        Sockets(CurrentIdentityAssociation identities, CurrentVertxRequest requests, UserRights rights) {
            // not blocking: as SmallRye's own route is built when non-blocking execution is not switched off
            super(identities, requests, false, Optional.of(PAYLOAD_AUTHORIZATION));
            this.rights = rights;
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            if (!ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)
                    || ctx.request().isEnded()) {
                ctx.next();
                return;
            }
            Map<String, Object> metaData = getMetaData(ctx);
            ctx.request().toWebSocket(upgrade -> {
                if (upgrade.succeeded()) {
                    open(ctx, upgrade.result(), metaData);
                } else {
                    LOG.debugf("GraphQL WebSocket upgrade failed: %s", upgrade.cause());
                }
            });
        }

        private void open(RoutingContext ctx, ServerWebSocket socket, Map<String, Object> metaData) {
            SocketTokenWatch session = new SocketTokenWatch(socket, ctx, rights);
            String protocol = socket.subProtocol();
            GraphQLWebsocketHandler handler;
            if ("graphql-transport-ws".equals(protocol)) {
                handler = new SmallRyeAuthGraphQLTransportWSSubprotocolHandler(session, metaData, ctx, this,
                        Optional.of(PAYLOAD_AUTHORIZATION));
            } else if ("graphql-ws".equals(protocol)) {
                handler = new SmallRyeAuthGraphQLWSSubprotocolHandler(session, metaData, ctx, this,
                        Optional.of(PAYLOAD_AUTHORIZATION));
            } else {
                socket.close();
                return;
            }
            socket.closeHandler(closed -> {
                session.stop();
                handler.onClose();
            });
            socket.endHandler(ended -> handler.onEnd());
            socket.exceptionHandler(handler::onThrowable);
            socket.textMessageHandler(text -> {
                String message = session.inbound(text);
                if (message != null) {
                    handler.onMessage(message);
                }
            });
        }
    }
}
