package io.waihu.backend.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.axon.GroupCommitNode.AddToTally;
import io.waihu.backend.axon.GroupCommitNode.OpenTally;
import io.waihu.backend.axon.GroupCommitNode.TallyAdded;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Group commit against a real PostgreSQL: which commands of a batch are stored and
 * acknowledged when one of them fails, when the commit fails, when another node got there
 * first, and under many concurrent senders. Each batch is made deterministic by holding the
 * node's single worker while the commands queue up.
 */
class GroupCommitCommandBusTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void aFailedCommandIsRolledBackAloneWhileItsBatchMatesCommitTogether() throws Exception {
        try (GroupCommitNode node = new GroupCommitNode(postgres.getPostgresDatabase(), 1, 32)) {
            String a = open(node), b = open(node), c = open(node);
            int commitsBefore = node.commits.get();
            node.hold();
            List<CompletableFuture<CommandResultMessage<?>>> results = List.of(
                    node.send(new AddToTally(a, 1, false), "ann"),
                    node.send(new AddToTally(b, 100, true), "bob"),
                    node.send(new AddToTally(c, 2, false), "cid"),
                    node.send(new AddToTally(b, 3, false), "dee"));
            node.gate.release.countDown();

            assertThat(outcome(results.get(0)).isExceptional()).isFalse();
            assertThat(outcome(results.get(1)).exceptionResult()).hasMessage("refused after applying");
            assertThat(outcome(results.get(2)).isExceptional()).isFalse();
            assertThat(outcome(results.get(3)).isExceptional()).isFalse();
            // the hold, then the four commands in one transaction
            assertThat(node.commits.get() - commitsBefore).isEqualTo(2);
            // none of the refused command's events; the next command on b did not see its 100
            assertThat(added(node, b)).containsExactly(new TallyAdded(b, 3, 3));
            assertThat(added(node, a)).containsExactly(new TallyAdded(a, 1, 1));
            assertThat(added(node, c)).containsExactly(new TallyAdded(c, 2, 2));
            // each event carries its own command's metadata, each result its own aggregate's version
            assertThat(node.events(b).get(1).getMetaData()).containsEntry("userId", "dee");
            assertThat(node.events(c).get(1).getMetaData()).containsEntry("userId", "cid");
            assertThat(outcome(results.get(2)).getMetaData().get(CommandVersions.VERSIONS)).isEqualTo(Map.of(c, 1L));
            assertThat(CommandVersions.eventsOf(outcome(results.get(3)), b)).hasSize(1);
            assertThat(CommandVersions.eventsOf(outcome(results.get(3)), c)).isEmpty();
        }
    }

    @Test
    void commandsOfOneAggregateKeepTheirOrderWithinABatch() throws Exception {
        try (GroupCommitNode node = new GroupCommitNode(postgres.getPostgresDatabase(), 1, 64)) {
            String a = open(node);
            node.hold();
            List<CompletableFuture<CommandResultMessage<?>>> results = new ArrayList<>();
            for (int amount = 1; amount <= 40; amount++) {
                results.add(node.send(new AddToTally(a, amount, false), "ann"));
            }
            node.gate.release.countDown();
            for (CompletableFuture<CommandResultMessage<?>> result : results) {
                assertThat(outcome(result).isExceptional()).isFalse();
            }
            List<TallyAdded> added = added(node, a);
            assertThat(added).hasSize(40);
            for (int i = 0; i < added.size(); i++) {
                assertThat(added.get(i).amount()).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void aCommitThatFailsAcknowledgesNoneOfItsBatchAndEachCommandIsStoredOnceAlone() throws Exception {
        try (GroupCommitNode node = new GroupCommitNode(postgres.getPostgresDatabase(), 1, 32)) {
            List<String> tallies = List.of(open(node), open(node), open(node));
            int commitsBefore = node.commits.get();
            node.hold();
            // the hold commits first, then the batch
            node.crashCommit(2);
            // what the store held, seen from another connection, when each command was acknowledged
            Map<String, Integer> storedWhenAcknowledged = new ConcurrentHashMap<>();
            List<CompletableFuture<CommandResultMessage<?>>> results = new ArrayList<>();
            for (String tally : tallies) {
                results.add(node.send(new AddToTally(tally, 1, false), "ann").whenComplete(
                        (result, failure) -> storedWhenAcknowledged.put(tally, node.committedEvents(tally))));
            }
            node.gate.release.countDown();

            for (CompletableFuture<CommandResultMessage<?>> result : results) {
                assertThat(outcome(result).isExceptional()).isFalse();
            }
            // the hold, then (the batch crashed) each command alone
            assertThat(node.commits.get() - commitsBefore).isEqualTo(4);
            for (String tally : tallies) {
                assertThat(added(node, tally)).containsExactly(new TallyAdded(tally, 1, 1));
                assertThat(storedWhenAcknowledged.get(tally)).isEqualTo(2);
            }
        }
    }

    @Test
    void aStaleAggregateFailsTheBatchCommitButNotItsBatchMates() throws Exception {
        try (GroupCommitNode node = new GroupCommitNode(postgres.getPostgresDatabase(), 1, 32);
                GroupCommitNode other = new GroupCommitNode(postgres.getPostgresDatabase(), 1, 32)) {
            String a = open(node), b = open(node), c = open(node);
            assertThat(outcome(node.send(new AddToTally(a, 1, false), "ann")).isExceptional()).isFalse();
            // the other node moves a on; this node's cached a is one event behind
            assertThat(outcome(other.send(new AddToTally(a, 10, false), "bob")).isExceptional()).isFalse();
            node.hold();
            List<CompletableFuture<CommandResultMessage<?>>> results = List.of(
                    node.send(new AddToTally(b, 2, false), "ann"),
                    node.send(new AddToTally(a, 100, false), "ann"),
                    node.send(new AddToTally(c, 3, false), "ann"));
            node.gate.release.countDown();

            for (CompletableFuture<CommandResultMessage<?>> result : results) {
                assertThat(outcome(result).isExceptional()).isFalse();
            }
            assertThat(added(node, a)).containsExactly(new TallyAdded(a, 1, 1), new TallyAdded(a, 10, 11),
                    new TallyAdded(a, 100, 111));
            assertThat(added(node, b)).containsExactly(new TallyAdded(b, 2, 2));
            assertThat(added(node, c)).containsExactly(new TallyAdded(c, 3, 3));
        }
    }

    @Test
    void manyThreadsSendingThousandsOfCommandsAreAllAcknowledgedAndStoredOnce() throws Exception {
        try (GroupCommitNode node = new GroupCommitNode(postgres.getPostgresDatabase(), 4, 32)) {
            List<String> tallies = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tallies.add(open(node));
            }
            int commitsBefore = node.commits.get();
            int senders = 8;
            int perSender = 400;
            List<CompletableFuture<CommandResultMessage<?>>> results = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Thread thread = new Thread(() -> {
                    for (int i = 0; i < perSender; i++) {
                        results.add(node.send(new AddToTally(tallies.get((sender + i) % tallies.size()), 1, false),
                                "sender-" + sender));
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            for (CompletableFuture<CommandResultMessage<?>> result : results) {
                assertThat(outcome(result).isExceptional()).isFalse();
            }
            // grouped: far fewer transactions than commands
            assertThat(node.commits.get() - commitsBefore).isLessThan(senders * perSender / 2);
            int stored = 0;
            for (String tally : tallies) {
                List<TallyAdded> added = added(node, tally);
                for (int i = 0; i < added.size(); i++) {
                    assertThat(added.get(i).total()).isEqualTo(i + 1);
                }
                stored += added.size();
            }
            assertThat(stored).isEqualTo(senders * perSender);
        }
    }

    private static String open(GroupCommitNode node) throws Exception {
        String id = UUID.randomUUID().toString();
        assertThat(outcome(node.send(new OpenTally(id), "ann")).isExceptional()).isFalse();
        return id;
    }

    private static CommandResultMessage<?> outcome(CompletableFuture<CommandResultMessage<?>> result) throws Exception {
        return result.get(60, TimeUnit.SECONDS);
    }

    private static List<TallyAdded> added(GroupCommitNode node, String id) {
        return node.events(id).stream().map(DomainEventMessage::getPayload)
                .filter(TallyAdded.class::isInstance).map(TallyAdded.class::cast).toList();
    }
}
