package io.waihu.backend.privacy;

import jakarta.enterprise.inject.Vetoed;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * A {@link DataKeyStore} that keeps keys in memory, for tests without a database. The
 * parent constructor only decodes the master key, so no data source is needed. Like the
 * real store it refuses to make a new key for an erased subject. Vetoed so that a
 * {@code @QuarkusTest} never takes it for a second {@code DataKeyStore} bean.
 */
@Vetoed
public class InMemoryDataKeys extends DataKeyStore {

    private static final String UNUSED_MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();
    private final Set<String> erased = ConcurrentHashMap.newKeySet();

    public InMemoryDataKeys() {
        super(null, null, UNUSED_MASTER_KEY);
    }

    @Override
    public SecretKey keyFor(String subjectId) {
        if (erased.contains(subjectId)) {
            throw new IllegalStateException("data subject " + subjectId + " is erased");
        }
        return keys.computeIfAbsent(subjectId, id -> DataKeyStore.newKey());
    }

    @Override
    public Optional<SecretKey> existingKey(String subjectId) {
        return Optional.ofNullable(keys.get(subjectId));
    }

    @Override
    public void destroy(String subjectId) {
        keys.remove(subjectId);
        erased.add(subjectId);
    }

    @Override
    public boolean erased(String subjectId) {
        return erased.contains(subjectId);
    }

    /** How many subjects hold a key now. */
    public int keyCount() {
        return keys.size();
    }

}
