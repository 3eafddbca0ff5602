package io.waihu.backend.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * Data keys and the transactions that make them: a batch of commands that does not commit
 * runs each command again, and the key its create made must not outlive the rolled-back row.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DataKeyStoreTest {

    @Inject
    DataKeyStore keys;

    @Inject
    TransactionManager jta;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aKeyWhoseTransactionRolledBackIsNotUsedAgain() throws Exception {
        String subject = UUID.randomUUID().toString();
        jta.begin();
        SecretKey lost = keys.keyFor(subject);
        // the same transaction finds the key it made without another statement
        assertThat(keys.keyFor(subject)).isEqualTo(lost);
        jta.rollback();

        assertThat(keys.existingKey(subject)).isEmpty();
        jta.begin();
        SecretKey kept = keys.keyFor(subject);
        jta.commit();
        assertThat(kept).isNotEqualTo(lost);
        assertThat(storedKeys(subject)).isEqualTo(1);
        assertThat(keys.existingKey(subject)).contains(kept);
    }

    @Test
    void aKeyMadeAndDestroyedInOneTransactionIsNotCachedAfterIt() throws Exception {
        String subject = UUID.randomUUID().toString();
        jta.begin();
        keys.keyFor(subject);
        keys.destroy(subject);
        jta.commit();

        assertThat(keys.existingKey(subject)).isEmpty();
        assertThat(keys.erased(subject)).isTrue();
    }

    /**
     * A list import's chunk makes its keys in one statement: new subjects get a key that belongs
     * to the transaction (gone with a rollback), subjects that had one keep it, erased ones get
     * none, and every key is the one encryption then uses.
     */
    @Test
    void keysMadeInBulkBelongToTheirTransactionAndSkipErasedSubjects() throws Exception {
        String existing = UUID.randomUUID().toString();
        String erased = UUID.randomUUID().toString();
        String lost = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        SecretKey before = keys.keyFor(existing);
        keys.keyFor(erased);
        keys.destroy(erased);

        jta.begin();
        keys.prepare(java.util.List.of(lost));
        jta.rollback();
        assertThat(storedKeys(lost)).isZero();
        assertThat(keys.existingKey(lost)).isEmpty();

        jta.begin();
        keys.prepare(java.util.List.of(existing, erased, fresh, fresh));
        SecretKey made = keys.keyFor(fresh);
        jta.commit();
        assertThat(storedKeys(fresh)).isEqualTo(1);
        assertThat(keys.existingKey(fresh)).contains(made);
        assertThat(keys.existingKey(existing)).contains(before);
        assertThat(storedKeys(erased)).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keys.keyFor(erased))
                .hasMessageContaining("erased");
    }

    private int storedKeys(String subject) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM data_subject_key WHERE subject_id = ?")) {
            s.setString(1, subject);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
