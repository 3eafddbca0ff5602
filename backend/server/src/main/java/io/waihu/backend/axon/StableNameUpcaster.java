package io.waihu.backend.axon;

import java.util.function.Function;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * The first upcaster of the chain: an event stored under its Java class name (before events
 * had stable names, or under a class name since renamed) is renamed to its stable name, payload
 * and revision untouched. Every upcaster after it, and every reader, sees stable names only.
 */
final class StableNameUpcaster extends SingleEventUpcaster {

    private final StoredEventNames names;

    StableNameUpcaster(StoredEventNames names) {
        this.names = names;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return names.nameOfJavaName(representation.getType().getName()).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String name = names.nameOfJavaName(representation.getType().getName()).orElseThrow();
        return representation.upcast(new SimpleSerializedType(name, representation.getType().getRevision()),
                byte[].class, Function.identity(), Function.identity());
    }
}
