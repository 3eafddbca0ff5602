package io.waihu.backend.boot;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Tells whoever started the server where to point a client and how to log in. */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class);

    void show(@Observes @Priority(3000) StartupEvent start,
            @ConfigProperty(name = "quarkus.http.port") int configuredPort,
            @ConfigProperty(name = "waihu.data-dir", defaultValue = "(external database)") String dataDir) {
        // port 0 (a free port): the HTTP server, started before this event, puts the port it took there
        int port = Integer.getInteger("quarkus.http.port", configuredPort);
        LOG.infof("%n  Waihu is up.%n"
                + "  GraphQL endpoint : http://localhost:%d/graphql   (schema: /graphql/schema.graphql, UI: /q/graphql-ui)%n"
                + "  Log in           : mutation { login(username: \"admin\", password: \"...\") { token } }%n"
                + "                     then send the header  Authorization: Bearer <token>%n"
                + "  Data directory   : %s%n", port, dataDir);
    }
}
