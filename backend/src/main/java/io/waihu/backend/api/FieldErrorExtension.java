package io.waihu.backend.api;

import io.smallrye.graphql.api.ErrorExtensionProvider;
import jakarta.json.Json;
import jakarta.json.JsonValue;

/** Adds {@code extensions.field}: which input a {@code VALIDATION} error is about. */
public class FieldErrorExtension implements ErrorExtensionProvider {

    @Override
    public String getKey() {
        return "field";
    }

    @Override
    public JsonValue mapValueFrom(Throwable exception) {
        if (exception instanceof ApiError error && error.field() != null) {
            return Json.createValue(error.field());
        }
        return JsonValue.NULL;
    }
}
