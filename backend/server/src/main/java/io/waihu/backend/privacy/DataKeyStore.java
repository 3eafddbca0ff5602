package io.waihu.backend.privacy;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One AES-256 data key per data subject, kept in {@code data_subject_key} wrapped by the
 * master key. Destroying a subject's key deletes its row and leaves a tombstone in
 * {@code erased_subject}, so no new key can be made for that subject by mistake.
 *
 * <p>Keys are created inside the caller's transaction (the event append), so an append
 * that rolls back leaves no orphan key behind. Unwrapped keys are cached per node; an
 * erasure evicts the entry here, other nodes drop theirs when their entry expires. A key made
 * in a transaction is cached only once that transaction commits (until then the transaction
 * keeps it for itself): a key whose row rolled back must not encrypt the events of a later
 * attempt, which would store them under a key that exists nowhere.
 */
@ApplicationScoped
public class DataKeyStore {

    private static final long CACHE_TTL_MILLIS = 60_000;
    private static final int CACHE_SIZE = 20_000;

    private static final String PENDING = DataKeyStore.class.getName() + ".pending";

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final SecretKey masterKey;
    private final Map<String, Cached> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public DataKeyStore(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions,
            @ConfigProperty(name = "waihu.crypto.master-key") String masterKeyBase64) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        byte[] raw = Base64.getDecoder().decode(masterKeyBase64.trim());
        if (raw.length != 32) {
            throw new IllegalArgumentException("waihu.crypto.master-key must be 32 bytes, base64-encoded");
        }
        this.masterKey = new SecretKeySpec(raw, "AES");
    }

    /** The subject's key, made now if it has none; fails for an erased subject. */
    public SecretKey keyFor(String subjectId) {
        SecretKey cached = cached(subjectId);
        return cached != null ? cached : loadOrCreate(subjectId);
    }

    /**
     * Makes sure each subject has a key, for a write that encrypts many subjects' events at once
     * (a list import's chunk): the keys the cache lacks are inserted with one multi-row
     * statement and the rest read with one more, instead of one statement per subject. Keys
     * made here belong to the current transaction as {@link #keyFor}'s do (cached once it
     * commits). Erased subjects get none: encrypting for them still fails.
     */
    public void prepare(Collection<String> subjectIds) {
        List<String> missing = new ArrayList<>();
        for (String subject : new LinkedHashSet<>(subjectIds)) {
            if (cached(subject) == null) {
                missing.add(subject);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Map<String, SecretKey> fresh = new HashMap<>();
        String[] ids = missing.toArray(String[]::new);
        byte[][] wrapped = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            SecretKey key = newKey();
            fresh.put(ids[i], key);
            wrapped[i] = Aead.seal(masterKey, key.getEncoded(), aad(ids[i]));
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO data_subject_key(subject_id, wrapped_key, created_at) "
                        + "SELECT t.s, t.k, now() FROM unnest(?::varchar[], ?::bytea[]) AS t(s, k) "
                        + "WHERE NOT EXISTS (SELECT 1 FROM erased_subject e WHERE e.subject_id = t.s) "
                        + "ON CONFLICT (subject_id) DO NOTHING RETURNING subject_id");
                PreparedStatement select = c.prepareStatement(
                        "SELECT subject_id, wrapped_key FROM data_subject_key WHERE subject_id = ANY(?::varchar[])")) {
            insert.setArray(1, c.createArrayOf("varchar", ids));
            insert.setArray(2, c.createArrayOf("bytea", wrapped));
            Set<String> made = new HashSet<>();
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    made.add(rs.getString(1));
                }
            }
            for (String subject : made) {
                rememberOnceCommitted(subject, fresh.get(subject));
            }
            if (made.size() < ids.length) {
                List<String> others = missing.stream().filter(id -> !made.contains(id)).toList();
                select.setArray(1, c.createArrayOf("varchar", others.toArray()));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        remember(rs.getString(1), open(rs.getString(1), rs.getBytes(2)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store data keys of " + ids.length + " subjects", e);
        }
    }

    /** The subject's key, or empty once the subject is erased. */
    public Optional<SecretKey> existingKey(String subjectId) {
        SecretKey cached = cached(subjectId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<SecretKey> loaded = load(subjectId);
        loaded.ifPresent(key -> remember(subjectId, key));
        return loaded;
    }

    /** Destroys the subject's key for good; idempotent. */
    public void destroy(String subjectId) {
        synchronized (cache) {
            cache.remove(subjectId);
        }
        Map<String, SecretKey> pending = pending();
        if (pending != null) {
            pending.remove(subjectId);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM data_subject_key WHERE subject_id = ?");
                PreparedStatement tomb = c.prepareStatement(
                        "INSERT INTO erased_subject(subject_id, erased_at) VALUES (?, now()) ON CONFLICT DO NOTHING")) {
            delete.setString(1, subjectId);
            delete.executeUpdate();
            tomb.setString(1, subjectId);
            tomb.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot destroy data key of " + subjectId, e);
        }
    }

    public boolean erased(String subjectId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT 1 FROM erased_subject WHERE subject_id = ?")) {
            s.setString(1, subjectId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read erasure state of " + subjectId, e);
        }
    }

    private Optional<SecretKey> load(String subjectId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT wrapped_key FROM data_subject_key WHERE subject_id = ?")) {
            s.setString(1, subjectId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(open(subjectId, rs.getBytes(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read data key of " + subjectId, e);
        }
    }

    private SecretKey open(String subjectId, byte[] wrapped) {
        try {
            return new SecretKeySpec(Aead.open(masterKey, wrapped, aad(subjectId)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("data key of " + subjectId + " does not open with the master key", e);
        }
    }

    /**
     * One statement for a key the cache does not hold: insert a fresh key unless the subject
     * has one or is erased, and return whichever key the subject has now. (Before, a new
     * subject took three: look up the key, check the tombstone, insert.) The fresh key is
     * wasted when the subject already has one: a cheap AES wrap, and only on a cache miss.
     */
    private SecretKey loadOrCreate(String subjectId) {
        SecretKey fresh = newKey();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("WITH made AS ("
                        + "INSERT INTO data_subject_key(subject_id, wrapped_key, created_at) SELECT ?, ?, now() "
                        + "WHERE NOT EXISTS (SELECT 1 FROM erased_subject WHERE subject_id = ?) "
                        + "ON CONFLICT (subject_id) DO NOTHING RETURNING wrapped_key) "
                        + "SELECT wrapped_key, TRUE FROM made "
                        + "UNION ALL SELECT wrapped_key, FALSE FROM data_subject_key WHERE subject_id = ?")) {
            s.setString(1, subjectId);
            s.setBytes(2, Aead.seal(masterKey, fresh.getEncoded(), aad(subjectId)));
            s.setString(3, subjectId);
            s.setString(4, subjectId);
            SecretKey key = null;
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    if (rs.getBoolean(2)) {
                        rememberOnceCommitted(subjectId, fresh);
                        return fresh;
                    }
                    key = open(subjectId, rs.getBytes(1));
                }
            }
            if (key == null) {
                // erased, or another transaction inserted the key after this statement's snapshot
                key = load(subjectId).orElseThrow(
                        () -> new IllegalStateException("data subject " + subjectId + " is erased"));
            }
            remember(subjectId, key);
            return key;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store data key of " + subjectId, e);
        }
    }

    /** The key made in the current transaction: visible to it now, to everyone once it commits. */
    private void rememberOnceCommitted(String subjectId, SecretKey key) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            remember(subjectId, key);
            return;
        }
        Map<String, SecretKey> pending = pending();
        if (pending == null) {
            Map<String, SecretKey> made = new HashMap<>();
            transactions.putResource(PENDING, made);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the keys are cached after the outcome is known
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        made.forEach(DataKeyStore.this::remember);
                    }
                }
            });
            pending = made;
        }
        pending.put(subjectId, key);
    }

    @SuppressWarnings("unchecked")
    private Map<String, SecretKey> pending() {
        return transactions.getTransactionStatus() == Status.STATUS_ACTIVE
                ? (Map<String, SecretKey>) transactions.getResource(PENDING)
                : null;
    }

    private SecretKey cached(String subjectId) {
        Map<String, SecretKey> pending = pending();
        if (pending != null && pending.get(subjectId) != null) {
            return pending.get(subjectId);
        }
        synchronized (cache) {
            Cached cached = cache.get(subjectId);
            return cached != null && cached.expiresAt > System.currentTimeMillis() ? cached.key : null;
        }
    }

    private void remember(String subjectId, SecretKey key) {
        synchronized (cache) {
            cache.put(subjectId, new Cached(key, System.currentTimeMillis() + CACHE_TTL_MILLIS));
        }
    }

    /** A fresh AES-256 data key. */
    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    private static byte[] aad(String subjectId) {
        return ("waihu-data-key|" + subjectId).getBytes(StandardCharsets.UTF_8);
    }

    private record Cached(SecretKey key, long expiresAt) {
    }
}
