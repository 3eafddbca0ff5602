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
            @ConfigProperty(name = "quarkus.http.port") int port,
            @ConfigProperty(name = "waihu.data-dir", defaultValue = "(external database)") String dataDir) {
        LOG.infof("%n  Waihu is up.%n"
                + "  GraphQL endpoint : http://localhost:%d/graphql   (schema: /graphql/schema.graphql, UI: /q/graphql-ui)%n"
                + "  Log in           : mutation { login(username: \"admin\", password: \"...\") { token } }%n"
                + "                     then send the header  Authorization: Bearer <token>%n"
                + "  Data directory   : %s%n", port, dataDir);
    }
}
