package io.waihu.backend.api.support;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.api.ErrorExtensionProvider;
import jakarta.json.Json;
import jakarta.json.JsonValue;

/**
 * Adds {@code extensions.field}: which input a {@code VALIDATION} error is about. Every
 * failing resolver passes through here once, so it is also where a failure that is not an
 * {@link ApiError} (a server fault, shown to the client only as "System error") gets logged:
 * client mistakes stay out of the error log, faults do not.
 *
 * <p>Once per request: a request whose fields fail one after another (the same resolver under
 * a hundred aliases) logs its first fault with the stack and the rest at DEBUG — one 2.4 KB
 * anonymous request used to write 519 KB of ERROR log, a stack per field. The request is told
 * apart by its Vert.x duplicated context (one per HTTP request or WebSocket message); a fault
 * seen outside one is logged in full.
 */
public class FieldErrorExtension implements ErrorExtensionProvider {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(FieldErrorExtension.class);

    @Override
    public String getKey() {
        return "field";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        if (exception instanceof ApiError error) {
            return error.field() == null ? JsonValue.NULL : Json.createValue(error.field());
        }
        logFault(exception);
        return JsonValue.NULL;
    }

    private static final String FAULT_LOGGED = "waihu.graphql.fault-logged";

    private static void logFault(Throwable exception) {
        boolean inRequest = VertxContext.isOnDuplicatedContext();
        if (inRequest && ContextLocals.get(FAULT_LOGGED, Boolean.FALSE)) {
            LOG.debug("GraphQL resolver failed again in the same request", exception);
            return;
        }
        if (inRequest) {
            ContextLocals.put(FAULT_LOGGED, Boolean.TRUE);
        }
        LOG.error("GraphQL resolver failed (further failures of this request are logged at DEBUG)", exception);
    }
}
