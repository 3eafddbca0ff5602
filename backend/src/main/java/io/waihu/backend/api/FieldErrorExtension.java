package io.waihu.backend.api;

import io.smallrye.graphql.api.ErrorExtensionProvider;
import jakarta.json.Json;
import jakarta.json.JsonValue;

/**
 * Adds {@code extensions.field}: which input a {@code VALIDATION} error is about. Every
 * failing resolver passes through here once, so it is also where a failure that is not an
 * {@link ApiError} (a server fault, shown to the client only as "System error") gets logged:
 * client mistakes stay out of the error log, faults do not.
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
        LOG.error("GraphQL resolver failed", exception);
        return JsonValue.NULL;
    }
}
