package io.waihu.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read-your-writes waits: each waiter completes once, with the row, and nothing is kept forever. */
class ChangeFeedTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    /**
     * Outside Quarkus, SmallRye context propagation installs its provider lazily on the first Uni
     * made, and two threads doing that at once fail with "ContextManagerProvider already set":
     * make the first one here, on one thread.
     */
    @BeforeAll
    static void installContextPropagationOnce() {
        Uni.createFrom().emitter(e -> e.complete(1)).await().indefinitely();
    }

    private static ReadModelChange change(String id, long version) {
        return new ReadModelChange("customer", id, version, "CustomerEdited");
    }

    @Test
    void waiterRegisteredBeforeTheChangeGetsTheRow() {
        ChangeFeed feed = new ChangeFeed();
        CompletableFuture<String> answer = feed.awaitRow("customer", "c1", 2, LONG, String.class)
                .subscribeAsCompletionStage();

        feed.applied(change("c1", 1), "row v1");
        assertThat(answer).isNotDone();
        feed.applied(change("c1", 2), "row v2");

        assertThat(answer).isCompletedWithValue("row v2");
        assertThat(feed.waiting()).isZero();
    }

    @Test
    void waiterComingAfterTheChangeIsAnsweredAtOnceFromTheRecentRow() {
        ChangeFeed feed = new ChangeFeed();
        feed.applied(change("c1", 3), "row v3");

        assertThat(feed.awaitRow("customer", "c1", 2, LONG, String.class).await().atMost(Duration.ofSeconds(1)))
                .isEqualTo("row v3");
        assertThat(feed.waiting()).isZero();
    }

    @Test
    void waiterForAVersionNeverReachedTimesOutEmptyAndLeavesNothingBehind() {
        ChangeFeed feed = new ChangeFeed();
        feed.applied(change("c1", 1), "row v1");

        String row = feed.awaitRow("customer", "c1", 5, Duration.ofMillis(100), String.class).await().indefinitely();

        assertThat(row).isNull();
        assertThat(feed.waiting()).isZero();
    }

    @Test
    void rememberedVersionsAreBounded() {
        ChangeFeed feed = new ChangeFeed();
        for (int i = 0; i < ChangeFeed.APPLIED_KEPT + 5_000; i++) {
            feed.applied(change("c" + i, 1));
        }

        assertThat(feed.remembered()).isEqualTo(ChangeFeed.APPLIED_KEPT);
        // the most recent rows are the ones kept
        assertThat(feed.awaitVersion("customer", "c" + (ChangeFeed.APPLIED_KEPT + 4_999), 1, LONG)
                .await().atMost(Duration.ofSeconds(1))).isNull();
    }

    @Test
    void racingWaitersAndChangesEachCompleteExactlyOnce() throws Exception {
        ChangeFeed feed = new ChangeFeed();
        int rows = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            List<java.util.concurrent.Future<?>> appliers = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                String id = "r" + i;
                // half the waiters come before their change, half after, on other threads
                answers.add(CompletableFuture.supplyAsync(() -> feed.awaitRow("customer", id, 1, LONG, String.class)
                        .await().indefinitely(), pool));
                appliers.add(pool.submit(() -> feed.applied(change(id, 1), "row " + id)));
            }
            for (java.util.concurrent.Future<?> f : appliers) {
                f.get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < rows; i++) {
                assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("row r" + i);
            }
            assertThat(feed.waiting()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
