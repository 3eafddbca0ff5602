package io.waihu.backend.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waihu.backend.privacy.InMemoryDataKeys;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import io.waihu.schema.calls.CallEndedEvent;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.common.EventName;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerCreatedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

/**
 * Events are stored under their stable names and read back by them; events stored under a Java
 * class name, current or since renamed, read back too, and upcasters only ever see stable names.
 */
class StableEventNamesTest {

    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent("customer-1", "Li Wei",
            List.of(new PhoneNumber("+8613800138000")), null, null, Set.of("vip"), "owner-7", Map.of());
    private static final BlacklistEntryAddedEvent BARRED = new BlacklistEntryAddedEvent("entry-1", "+8613800138000",
            BlacklistMatch.NUMBER, "GLOBAL", "asked not to be called", null);
    /** As if {@code BlacklistEntryAddedEvent} had been called this when events of it were stored. */
    private static final String FORMER_NAME = "io.waihu.schema.blacklist.NumberBarredEvent";

    private final InMemoryDataKeys keys = new InMemoryDataKeys();

    @Test
    void everySchemaEventIsFoundWithItsName() {
        StoredEventNames names = StoredEventNames.ofSchema();

        assertThat(StoredEventNames.schemaEvents()).hasSizeGreaterThan(20)
                .allSatisfy(event -> assertThat(names.nameOf(event))
                        .contains(event.getAnnotation(EventName.class).value()));
        assertThat(names.javaNameOf("crm.CustomerCreated")).isEqualTo(CustomerCreatedEvent.class.getName());
    }

    @Test
    void newEventIsStoredUnderItsStableNameWithItsRevision() {
        AxonSerializers serializers = serializers(StoredEventNames.ofSchema(), List.of());

        SerializedObject<byte[]> stored = serializers.events().serialize(CREATED, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("crm.CustomerCreated");
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        assertThat(serializers.events().<byte[], CustomerCreatedEvent>deserialize(stored)).isEqualTo(CREATED);
        // what is no event keeps its class name
        assertThat(serializers.events().serialize(MetaData.with("userId", "u"), byte[].class).getType().getName())
                .isEqualTo(MetaData.class.getName());
    }

    @Test
    void eventStoredUnderItsJavaClassNameReadsBackUnderItsStableName() {
        AxonSerializers serializers = serializers(StoredEventNames.ofSchema(), List.of());

        DomainEventMessage<?> read = readBack(serializers, CREATED, CustomerCreatedEvent.class.getName());

        assertThat(read.getPayload()).isEqualTo(CREATED);
        assertThat(read.getPayloadType()).isEqualTo(CustomerCreatedEvent.class);
    }

    @Test
    void eventStoredUnderAFormerClassNameReadsBackThroughItsRename() {
        StoredEventNames renamed = new StoredEventNames(StoredEventNames.schemaEvents(),
                Map.of(FORMER_NAME, "blacklist.BlacklistEntryAdded"));
        List<String> seen = new ArrayList<>();

        DomainEventMessage<?> read = readBack(serializers(renamed, List.of(recording(seen))), BARRED, FORMER_NAME);

        assertThat(read.getPayload()).isEqualTo(BARRED);
        assertThat(seen).as("what a capability's upcaster sees").containsExactly("blacklist.BlacklistEntryAdded");
        // and without the rename the old name means nothing
        assertThat(StoredEventNames.ofSchema().nameOfJavaName(FORMER_NAME)).isEmpty();
    }

    @Test
    void upcastersSeeStableNamesForOldAndNewEventsAlike() {
        List<String> seen = new ArrayList<>();
        AxonSerializers serializers = serializers(StoredEventNames.ofSchema(), List.of(recording(seen)));
        SerializedObject<byte[]> current = serializers.events().serialize(BARRED, byte[].class);

        readBack(serializers, BARRED, BlacklistEntryAddedEvent.class.getName());
        readBack(serializers, BARRED, current.getType().getName());

        assertThat(seen).containsExactly("blacklist.BlacklistEntryAdded", "blacklist.BlacklistEntryAdded");
    }

    @Test
    void aRenameToANameNoEventHasIsRefused() {
        assertThatThrownBy(() -> new StoredEventNames(StoredEventNames.schemaEvents(),
                Map.of(FORMER_NAME, "blacklist.NumberBarred")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("blacklist.NumberBarred");
    }

    /** A call's end as revision 1 stored it (before the progress times joined it). */
    @Test
    void aCallEndOfRevisionOneReadsWithoutItsProgress() {
        AxonSerializers serializers = serializers(StoredEventNames.ofSchema(), List.of());
        String json = "{\"callId\":\"call-1\",\"customerId\":null,\"agentId\":\"agent-1\",\"result\":\"BUSY\","
                + "\"sipCode\":486,\"reason\":\"Busy Here\",\"endedBy\":\"CUSTOMER\","
                + "\"placedAt\":\"2026-11-27T02:00:00Z\",\"answeredAt\":null,\"endedAt\":\"2026-11-27T02:00:04Z\","
                + "\"durationMillis\":4000,\"talkMillis\":0,\"billableSeconds\":0}";
        SerializedObject<byte[]> meta = serializers.events().serialize(MetaData.emptyInstance(), byte[].class);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Call", "call-1", 1,
                UUID.randomUUID().toString(), Instant.now(), "calls.CallEnded", "1",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8), meta.getData());

        CallEndedEvent read = (CallEndedEvent) EventStreamUtils.upcastAndDeserializeDomainEvents(
                java.util.stream.Stream.of(entry), serializers.events(), serializers.upcasters()).next().getPayload();

        assertThat(read.result()).isEqualTo(CallResult.BUSY);
        assertThat(read.durationMillis()).isEqualTo(4000);
        assertThat(read.ringingAt()).isNull();
        assertThat(read.agentRingingAt()).isNull();
        assertThat(read.ringingSipCode()).isZero();
        assertThat(serializers.events().serialize(read, byte[].class).getType().getRevision()).isEqualTo("2");
    }

    private AxonSerializers serializers(StoredEventNames names, List<EventUpcaster> upcasters) {
        return AxonSerializers.build(keys, names, upcasters);
    }

    /** {@code payload} as the JDBC store hands it over, stored under the type name {@code storedAs}. */
    private static DomainEventMessage<?> readBack(AxonSerializers serializers, Object payload, String storedAs) {
        SerializedObject<byte[]> data = serializers.events().serialize(payload, byte[].class);
        SerializedObject<byte[]> meta = serializers.events().serialize(MetaData.emptyInstance(), byte[].class);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0,
                UUID.randomUUID().toString(), Instant.now(), storedAs, data.getType().getRevision(), data.getData(),
                meta.getData());
        return EventStreamUtils.upcastAndDeserializeDomainEvents(java.util.stream.Stream.of(entry),
                serializers.events(), serializers.upcasters()).next();
    }

    /** An upcaster that changes nothing and notes the type name of each event it is offered. */
    private static EventUpcaster recording(List<String> seen) {
        return new SingleEventUpcaster() {
            @Override
            protected boolean canUpcast(IntermediateEventRepresentation representation) {
                seen.add(representation.getType().getName());
                return false;
            }

            @Override
            protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
                return representation;
            }
        };
    }
}
