package io.waihu.backend.boot;

import io.quarkus.value.registry.ValueRegistry;
import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells whoever started the server where to point a client and how to log in. Shown once the
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
}
