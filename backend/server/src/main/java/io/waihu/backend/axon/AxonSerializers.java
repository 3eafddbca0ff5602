package io.waihu.backend.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.waihu.backend.privacy.DataKeyStore;
import io.waihu.backend.privacy.PersonalDataSerializer;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The serializers, Jackson everywhere (Axon's default XStream cannot read records back).
 * Events: personal data encrypted ({@link PersonalDataSerializer}) over Jackson that stores
 * stable event names ({@link StableNameSerializer}), read through an upcaster chain that first
 * makes old Java-named types stable. Everything else (tokens, snapshots, messages): plain
 * Jackson with default typing.
 *
 * @param general tokens, snapshots and messages
 * @param events the event payloads and their metadata
 * @param upcasters applied to every stored event before it is read
 */
public record AxonSerializers(JacksonSerializer general, PersonalDataSerializer events, EventUpcasterChain upcasters) {

    /** @param upcasters the capabilities' own, run after the stored names were made stable */
    public static AxonSerializers build(DataKeyStore keys, StoredEventNames names, List<EventUpcaster> upcasters) {
        ObjectMapper mapper = objectMapper();
        List<EventUpcaster> chain = new ArrayList<>();
        chain.add(new StableNameUpcaster(names));
        chain.addAll(upcasters);
        return new AxonSerializers(
                JacksonSerializer.builder().objectMapper(mapper).defaultTyping().build(),
                new PersonalDataSerializer(
                        new StableNameSerializer(JacksonSerializer.builder().objectMapper(mapper.copy()), names), keys),
                new EventUpcasterChain(chain));
    }

    /** Exact decimals: an amount of 880.00 must come back as 880.00, not 8.8E+2. */
    static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
