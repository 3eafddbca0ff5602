package io.waihu.backend.axon;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Jackson, writing an event's stable name as its type (with its {@code @Revision}) and reading
 * a stored type back by stable name or, for events stored before, by Java class name
 * ({@link StoredEventNames}). The personal-data serializer wraps it, so every event the store
 * writes or reads goes through here; types without a stable name stay as Jackson names them.
 */
final class StableNameSerializer extends JacksonSerializer {

    private final StoredEventNames names;

    StableNameSerializer(Builder builder, StoredEventNames names) {
        super(builder);
        this.names = names;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        SerializedType java = super.typeForClass(type);
        return names.nameOf(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, java.getRevision()))
                .orElse(java);
    }

    @Override
    protected String resolveClassName(SerializedType type) {
        return names.javaNameOf(super.resolveClassName(type));
    }
}
