package io.waihu.backend.security;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;

/**
 * The address a request came from, for per-address limits: the TCP peer. Behind a reverse proxy
 * every request comes from the proxy; Quarkus then takes the client from
 * {@code X-Forwarded-For}/{@code Forwarded} only when told to and only from proxies it trusts
 * ({@code quarkus.http.proxy.proxy-address-forwarding=true} and
 * {@code quarkus.http.proxy.trusted-proxies}) — a header from anyone else would let each
 * request pick its own address.
 */
@RequestScoped
public class ClientAddress {

    /** What requests with no HTTP peer (none known here) count as: one shared address. */
    static final String UNKNOWN = "unknown";

    private final CurrentVertxRequest request;

    public ClientAddress(CurrentVertxRequest request) {
        this.request = request;
    }

    public String host() {
        RoutingContext current = request.getCurrent();
        SocketAddress peer = current == null ? null : current.request().remoteAddress();
        return peer == null || peer.hostAddress() == null ? UNKNOWN : peer.hostAddress();
    }
}
