package io.waihu.backend.boot;

import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells whoever started the server where to point a client and how to log in, and which
 * certificate HTTPS serves (its fingerprint, to check against what a browser shows). Shown once the
 * HTTP server listens (not at start-up, which comes before it): with {@code WAIHU_HTTP_PORT=0}
 * only then is the port it took known.
 */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void show(@ObservesAsync HttpServerStart start, ValueRegistry runtime,
            @ConfigProperty(name = "quarkus.http.port") int configuredPort,
            @ConfigProperty(name = "waihu.data-dir", defaultValue = "(external database)") String dataDir) {
        int port = runtime.getOrDefault(HttpServer.HTTP_PORT, configuredPort);
        LOG.infof("%n  Waihu is up.%n"
                + "  GraphQL endpoint : http://localhost:%d/graphql   (schema: /graphql/schema.graphql, UI: /q/graphql-ui)%n"
                + "  Log in           : mutation { login(input: {username: \"admin\", password: \"...\"}) { token } }%n"
                + "                     then send the header  Authorization: Bearer <token>%n"
                + "  Data directory   : %s%n", port, dataDir);
    }

    /**
     * The HTTPS listener starts on its own, after or before the plain one: its port and the
     * certificate's fingerprint, which a user compares with what the browser shows before trusting it.
     */
    void showHttps(@ObservesAsync HttpsServerStart start, ValueRegistry runtime,
            @ConfigProperty(name = "quarkus.http.ssl-port") int configuredPort,
            @ConfigProperty(name = "waihu.https.certificate-source") Optional<String> certificate,
            @ConfigProperty(name = "waihu.https.certificate-fingerprint") Optional<String> fingerprint,
            @ConfigProperty(name = "waihu.https.certificate-expires") Optional<String> expires) {
        // the test profile registers its ports under their own keys
        int port = runtime.getOrDefault(HttpServer.HTTPS_PORT, runtime.getOrDefault(HttpServer.HTTPS_TEST_PORT,
                configuredPort));
        LOG.infof("%n  HTTPS            : https://<this machine's name or address>:%d/  (softphone: /softphone/)%n"
                + "  Certificate      : %s, valid until %s%n"
                + "                     SHA-256 %s%n"
                + "                     a browser warns until it trusts it: README, \"HTTPS\"%n",
                port, certificate.orElse("(configured in Quarkus)"), expires.orElse("?"), fingerprint.orElse("?"));
    }
}
