package io.waihu.backend.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.schema.crm.CustomerCreatedEvent;
import io.waihu.schema.crm.CustomerEditedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PersonalDataSerializerTest {

    private static final String CUSTOMER = "customer-1";
    private static final CustomerCreatedEvent CREATED = new CustomerCreatedEvent(CUSTOMER, "Li Wei",
            List.of(new PhoneNumber("+8613800138000")), "li.wei@example.com", "Acme Trading",
            Set.of("vip"), "owner-7", Map.of("birthday", "1980-02-29"));

    private ObjectMapper mapper;
    private InMemoryDataKeys keys;
    private PersonalDataSerializer serializer;

    @BeforeEach
    void setUp() {
        // the event serializer over plain Jackson (for the stored names see StableEventNamesTest)
        mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        keys = new InMemoryDataKeys();
        serializer = new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(mapper).build(), keys);
    }

    @Test
    void personalDataNeverAppearsInTheStoredBytes() {
        String stored = new String(serializer.serialize(CREATED, byte[].class).getData(), StandardCharsets.UTF_8);

        assertThat(stored).doesNotContain("Li Wei", "8613800138000", "li.wei@example.com", "Acme Trading",
                "birthday", "1980-02-29");
        assertThat(stored).contains(PersonalDataSerializer.PREFIX);
    }

    @Test
    void dataSubjectAndOtherFieldsStayReadable() throws Exception {
        ObjectNode stored = (ObjectNode) mapper.readTree(serializer.serialize(CREATED, byte[].class).getData());

        assertThat(stored.get("customerId").asText()).isEqualTo(CUSTOMER);
        assertThat(stored.get("ownerId").asText()).isEqualTo("owner-7");
        assertThat(stored.get("tags").get(0).asText()).isEqualTo("vip");
        for (String personal : List.of("name", "phones", "email", "company", "customFields")) {
            assertThat(stored.get(personal).asText()).as(personal).startsWith(PersonalDataSerializer.PREFIX);
        }
    }

    @Test
    void storedEventReadsBackAsWritten() {
        SerializedObject<byte[]> stored = serializer.serialize(CREATED, byte[].class);

        CustomerCreatedEvent read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(CREATED);
    }

    @Test
    void personalFieldsReadAsAbsentOnceTheKeyIsDestroyed() {
        SerializedObject<byte[]> stored = serializer.serialize(CREATED, byte[].class);
        keys.destroy(CUSTOMER);

        CustomerCreatedEvent read = serializer.deserialize(stored);

        assertThat(read).isEqualTo(new CustomerCreatedEvent(CUSTOMER, null, null, null, null, Set.of("vip"), "owner-7",
                null));
    }

    @Test
    void eachDataSubjectHasItsOwnKey() {
        SerializedObject<byte[]> stored = serializer.serialize(CREATED, byte[].class);
        CustomerCreatedEvent other = new CustomerCreatedEvent("customer-2", "Zhang San", List.of(), null, null,
                Set.of(), "owner-7", Map.of());
        SerializedObject<byte[]> otherStored = serializer.serialize(other, byte[].class);
        keys.destroy("customer-2");

        assertThat(keys.keyCount()).isEqualTo(1);
        assertThat(serializer.<byte[], CustomerCreatedEvent>deserialize(stored)).isEqualTo(CREATED);
        assertThat(serializer.<byte[], CustomerCreatedEvent>deserialize(otherStored).name()).isNull();
    }

    @Test
    void valueMovedToAnotherFieldDoesNotDecrypt() throws Exception {
        ObjectNode stored = (ObjectNode) mapper.readTree(serializer.serialize(CREATED, byte[].class).getData());
        stored.set("company", stored.get("name"));
        SerializedObject<byte[]> tampered = new SimpleSerializedObject<>(mapper.writeValueAsBytes(stored),
                byte[].class, serializer.typeForClass(CustomerCreatedEvent.class));

        assertThatThrownBy(() -> serializer.deserialize(tampered))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("company");
    }

    @Test
    void eventWithoutPersonalValuesNeedsNoKey() {
        CustomerEditedEvent tagsOnly = new CustomerEditedEvent(CUSTOMER, null, null, null, null, Set.of("lead"), null);

        SerializedObject<byte[]> stored = serializer.serialize(tagsOnly, byte[].class);

        assertThat(keys.keyCount()).isZero();
        assertThat(serializer.<byte[], CustomerEditedEvent>deserialize(stored)).isEqualTo(tagsOnly);
    }

    @Test
    void eventWithoutDataSubjectPassesThroughUnchanged() throws Exception {
        BlacklistEntryAddedEvent added = new BlacklistEntryAddedEvent("entry-1", "+8613800138000",
                BlacklistMatch.NUMBER, "GLOBAL", "asked not to be called", Instant.parse("2030-01-01T00:00:00Z"));

        SerializedObject<byte[]> stored = serializer.serialize(added, byte[].class);

        assertThat(stored.getData()).isEqualTo(mapper.writeValueAsBytes(added));
        assertThat(serializer.<byte[], BlacklistEntryAddedEvent>deserialize(stored)).isEqualTo(added);
        assertThat(keys.keyCount()).isZero();
    }

    @Test
    void eventTypeCarriesItsRevision() {
        SerializedObject<byte[]> stored = serializer.serialize(CREATED, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo(CustomerCreatedEvent.class.getName());
        assertThat(stored.getType().getRevision()).isEqualTo("1");
    }
}
