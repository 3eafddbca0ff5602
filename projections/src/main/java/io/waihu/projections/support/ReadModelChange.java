package io.waihu.projections.support;

import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A read model row reached {@code version} (the aggregate's sequence number) because of an
 * event; {@code eventType} is that event's stable name ({@link EventNames}).
 */
public record ReadModelChange(String model, String id, long version, String eventType) {

    /** Row {@code id} of {@code model} reached the sequence number of {@code message}. */
    public static ReadModelChange of(String model, String id, DomainEventMessage<?> message) {
        return new ReadModelChange(model, id, message.getSequenceNumber(), EventNames.of(message.getPayloadType()));
    }
}
