package io.waihu.backend.axon.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void aLostConnectionADeadlockAndATimeoutAreRetriedWhereverTheyAreWrapped() {
        assertThat(TransientFailures.isTransient(new IllegalStateException("read model update failed",
                new CompletionException(new SQLException("connection lost", "08006"))))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("serialization failure", "40001"))).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("canceling statement due to statement timeout",
                "57014"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new java.net.ConnectException("refused"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("Sorry, acquisition timeout!"))).isTrue();
    }

    @Test
    void whatTheEventCausesEveryTimeParks() {
        assertThat(TransientFailures.isTransient(new SQLException("violates check constraint", "23514"))).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("invalid byte sequence for encoding", "22021")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("numeric field overflow", "22003"))).isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad value"))).isFalse();
    }
}
