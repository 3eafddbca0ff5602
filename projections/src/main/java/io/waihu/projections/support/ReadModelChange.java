package io.waihu.projections.support;

/** A read model row reached {@code version} (the aggregate's sequence number) because of an event. */
public record ReadModelChange(String model, String id, long version, String eventType) {
}
