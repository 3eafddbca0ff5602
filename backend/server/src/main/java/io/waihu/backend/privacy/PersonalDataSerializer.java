package io.waihu.backend.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.waihu.schema.common.DataSubject;
import io.waihu.schema.common.PersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event serializer: Jackson, with every {@link PersonalData} component of a record
 * encrypted under the data key of the record's {@link DataSubject}. Objects without a
 * data subject pass straight through.
 *
 * <p>An encrypted value is stored as the string {@code "pd1:" + base64(nonce|ciphertext)},
 * bound to subject and component name. When the subject's key is gone (erasure) the
 * component reads back as {@code null}: the event still deserializes and replays.
 */
public final class PersonalDataSerializer implements Serializer {

    static final String PREFIX = "pd1:";

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final DataKeyStore keys;
    private final Map<Class<?>, Optional<Layout>> layouts = new ConcurrentHashMap<>();

    public PersonalDataSerializer(JacksonSerializer delegate, DataKeyStore keys) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        Optional<Layout> layout = object == null ? Optional.empty() : layoutOf(object.getClass());
        if (layout.isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        String subject = tree.path(layout.get().subject()).asText(null);
        if (subject == null) {
            throw new IllegalArgumentException(object.getClass().getSimpleName() + " has no data subject");
        }
        SecretKey key = null;
        for (String field : layout.get().personal()) {
            JsonNode value = tree.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (key == null) {
                key = keys.keyFor(subject);
            }
            byte[] sealed = Aead.seal(key, writeBytes(value), aad(subject, field));
            tree.set(field, TextNode.valueOf(PREFIX + Base64.getEncoder().encodeToString(sealed)));
        }
        byte[] bytes = writeBytes(tree);
        SerializedType type = delegate.typeForClass(object.getClass());
        return getConverter().convert(new SimpleSerializedObject<>(bytes, byte[].class, type), expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = delegate.classForType(serializedObject.getType());
        Optional<Layout> layout = layoutOf(type);
        if (layout.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        byte[] bytes = getConverter().convert(serializedObject, byte[].class).getData();
        try {
            ObjectNode tree = (ObjectNode) mapper.readTree(bytes);
            String subject = tree.path(layout.get().subject()).asText(null);
            Optional<SecretKey> key = null;
            for (String field : layout.get().personal()) {
                JsonNode value = tree.get(field);
                if (value == null || !value.isTextual() || !value.asText().startsWith(PREFIX)) {
                    continue;
                }
                if (key == null) {
                    key = keys.existingKey(subject);
                }
                tree.set(field, key.map(k -> open(k, value.asText(), subject, field)).orElse(NullNode.instance));
            }
            @SuppressWarnings("unchecked")
            T result = (T) mapper.treeToValue(tree, type);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + type.getName(), e);
        }
    }

    private JsonNode open(SecretKey key, String stored, String subject, String field) {
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            return mapper.readTree(Aead.open(key, sealed, aad(subject, field)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("personal data of " + subject + " does not decrypt (" + field + ")", e);
        }
    }

    private byte[] writeBytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] aad(String subject, String field) {
        return (subject + "|" + field).getBytes(StandardCharsets.UTF_8);
    }

    private Optional<Layout> layoutOf(Class<?> type) {
        return layouts.computeIfAbsent(type, PersonalDataSerializer::inspect);
    }

    /** Which component names the subject and which hold personal data; empty for other types. */
    static Optional<Layout> inspect(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        String subject = null;
        List<String> personal = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                subject = component.getName();
            }
            if (component.isAnnotationPresent(PersonalData.class)) {
                personal.add(component.getName());
            }
        }
        if (subject == null || personal.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Layout(subject, List.copyOf(personal)));
    }

    record Layout(String subject, List<String> personal) {
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
