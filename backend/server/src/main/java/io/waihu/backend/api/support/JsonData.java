package io.waihu.backend.api.support;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Event content as the {@code JSON} scalar (SmallRye's extra scalar for {@link JsonValue}, enabled
 * by {@code quarkus.smallrye-graphql.extra-scalars=JSON}): a real JSON value in the answer, which
 * clients read without a second parse, where a string of JSON had to be parsed again.
 */
public final class JsonData {

    private JsonData() {
    }

    /** The value of a JSON text as stored (read models and the event store keep JSON text). */
    public static JsonValue parse(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
