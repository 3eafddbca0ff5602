package io.waihu.backend.security;

import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends a plain-HTTP request from another machine to the same address over HTTPS (308, which
 * keeps the method and body). From another machine a page over plain HTTP is not a secure
 * context: the browser gives it no microphone, and the softphone would show "registered" but
 * could not call. Requests from this machine (loopback) stay plain: scripts, tools and tests use
 * {@code http://127.0.0.1}, and a browser treats {@code http://localhost} as secure anyway.
 *
 * <p>Runs before every other route of the API port (the management port has its own router).
 * The peer's own address decides, not {@code X-Forwarded-*} headers, which anyone can send; a
 * reverse proxy on another host that terminates TLS itself turns this off
 * ({@code waihu.http.redirect-to-https=false}).
 */
@ApplicationScoped
public class HttpsRedirect {

    private final boolean enabled;
    private final int configuredHttpsPort;
    private final ValueRegistry runtime;

    public HttpsRedirect(@ConfigProperty(name = "waihu.http.redirect-to-https") boolean enabled,
            @ConfigProperty(name = "quarkus.http.ssl-port") int configuredHttpsPort, ValueRegistry runtime) {
        this.enabled = enabled;
        this.configuredHttpsPort = configuredHttpsPort;
        this.runtime = runtime;
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(RouteConstants.ROUTE_ORDER_HEADERS + 1).handler(this::redirectRemotePlainHttp);
        }
    }

    private void redirectRemotePlainHttp(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        SocketAddress peer = request.remoteAddress();
        HostAndPort authority = request.authority();
        Optional<String> location = location(request.isSSL(), peer == null ? null : peer.hostAddress(),
                authority == null ? null : authority.host(), httpsPort(), request.uri());
        if (location.isEmpty()) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(308).putHeader("Location", location.get()).putHeader("Content-Length", "0").end();
    }

    private int httpsPort() {
        // the test profile registers its ports under their own keys
        Integer actual = runtime.getOrDefault(HttpServer.HTTPS_PORT,
                runtime.getOrDefault(HttpServer.HTTPS_TEST_PORT, null));
        return actual != null && actual > 0 ? actual : configuredHttpsPort;
    }

    /**
     * Where a request should go instead, if anywhere: a plain request from a peer that is not this
     * machine goes to {@code https://<the host it asked for>:<httpsPort><uri>}. Nothing when the
     * request is already secure, comes from loopback or a Unix socket, or named no host (an
     * HTTP/1.0 request without {@code Host}: there is no address to send it to).
     */
    static Optional<String> location(boolean ssl, String peerAddress, String host, int httpsPort, String uri) {
        if (ssl || peerAddress == null || loopback(peerAddress) || host == null || host.isBlank() || httpsPort <= 0) {
            return Optional.empty();
        }
        String urlHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return Optional.of("https://" + urlHost + ":" + httpsPort + (uri == null || uri.isEmpty() ? "/" : uri));
    }

    private static boolean loopback(String address) {
        try {
            // an address literal: no name is looked up
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
