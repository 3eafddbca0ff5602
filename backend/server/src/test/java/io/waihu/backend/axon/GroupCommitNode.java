package io.waihu.backend.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * One server node for {@link GroupCommitCommandBusTest}: Axon's JDBC event store on a shared
 * PostgreSQL, an event-sourced {@link Tally} behind the node's aggregate cache, and either the
 * group-commit bus or Axon's plain one. Transactions are plain JDBC, one connection per thread,
 * counted; {@link #crashCommit} closes the connection just before a commit, as a
 * crash or a lost database would.
 */
final class GroupCommitNode implements AutoCloseable {

    record OpenTally(@TargetAggregateIdentifier String id) {
    }

    record AddToTally(@TargetAggregateIdentifier String id, int amount, boolean refuseAfterApplying) {
    }

    /** Holds the single worker until released, so the commands sent meanwhile queue up as one batch. */
    record Hold(String name) {
    }

    record TallyOpened(String id) {
    }

    record TallyAdded(String id, int amount, int total) {
    }

    static final class Tally {
        @AggregateIdentifier
        private String id;
        private int total;

        Tally() {
        }

        @CommandHandler
        Tally(OpenTally command) {
            apply(new TallyOpened(command.id()));
        }

        @CommandHandler
        int handle(AddToTally command) {
            apply(new TallyAdded(id, command.amount(), total + command.amount()));
            if (command.refuseAfterApplying()) {
                throw new IllegalStateException("refused after applying");
            }
            return total;
        }

        @EventSourcingHandler
        void on(TallyOpened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(TallyAdded event) {
            total = event.total();
        }
    }

    static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @CommandHandler
        String handle(Hold hold) throws InterruptedException {
            entered.countDown();
            release.await();
            return hold.name();
        }
    }

    final AtomicInteger commits = new AtomicInteger();
    final Gate gate = new Gate();
    private final AtomicInteger crashes = new AtomicInteger();
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final DataSource database;
    private final ExecutorService workers;
    private final Configuration configuration;

    /** {@code workers} 0: Axon's asynchronous bus on one thread, one transaction per command, as without group commit. */
    GroupCommitNode(DataSource database, int workers, int maxBatch) {
        this.database = database;
        this.workers = Executors.newFixedThreadPool(Math.max(workers, 1));
        TransactionManager transactions = new JdbcTransactions();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections())
                .transactionManager(transactions)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .persistenceExceptionResolver(new DuplicateKeyResolver())
                .build();
        transactions.executeInTransaction(() -> engine.createSchema(PostgresEventTableFactory.INSTANCE));
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                .configureEventStore(c -> WaihuEventStore.build(EmbeddedEventStore.builder().storageEngine(engine)))
                .configureTransactionManager(c -> transactions)
                .configureCorrelationDataProviders(c -> List.of(new SimpleCorrelationDataProvider("userId")))
                .configureCommandBus(c -> {
                    CommandBus bus = workers > 0
                            ? new GroupCommitCommandBus(SimpleCommandBus.builder(), transactions, this.workers,
                                    workers, maxBatch)
                            : AsynchronousCommandBus.builder().executor(this.workers)
                                    .transactionManager(transactions).build();
                    bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(c.correlationDataProviders()));
                    bus.registerHandlerInterceptor(new CommandVersions());
                    return bus;
                })
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Tally.class)
                        .configureCache(c -> AggregateCache.forEdits()))
                .registerCommandHandler(c -> gate);
        configuration = configurer.buildConfiguration();
        configuration.start();
    }

    CompletableFuture<CommandResultMessage<?>> send(Object command, String userId) {
        CompletableFuture<CommandResultMessage<?>> result = new CompletableFuture<>();
        configuration.commandBus().dispatch(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Map.of("userId", userId))), (message, outcome) -> result.complete(outcome));
        return result;
    }

    /** Occupies the worker; the commands sent until {@link Gate#release} wait in the queue together. */
    void hold() throws InterruptedException {
        send(new Hold("hold"), "system");
        gate.entered.await();
    }

    /** The aggregate's stored events, read back through the event store. */
    List<? extends org.axonframework.eventhandling.DomainEventMessage<?>> events(String aggregateId) {
        return configuration.eventStore().readEvents(aggregateId).asStream().toList();
    }

    /** How many events of the aggregate another connection sees committed now. */
    int committedEvents(String aggregateId) {
        try (Connection connection = database.getConnection();
                var count = connection.prepareStatement(
                        "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")) {
            count.setString(1, aggregateId);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code n}th commit from now closes its connection first, and fails. */
    void crashCommit(int n) {
        crashes.set(n);
    }

    @Override
    public void close() {
        configuration.shutdown();
        workers.shutdownNow();
    }

    /** In a transaction, the thread's connection (closed by the transaction, not by its users); else a fresh one. */
    private ConnectionProvider connections() {
        return () -> {
            Connection connection = current.get();
            if (connection == null) {
                return database.getConnection();
            }
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(connection, args));
        };
    }

    private final class JdbcTransactions implements TransactionManager {
        @Override
        public Transaction startTransaction() {
            if (current.get() != null) {
                return new Transaction() {
                    @Override
                    public void commit() {
                        // the outer transaction commits
                    }

                    @Override
                    public void rollback() {
                        // the outer transaction rolls back
                    }
                };
            }
            try {
                Connection connection = database.getConnection();
                connection.setAutoCommit(false);
                current.set(connection);
                return new Owned(connection);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final class Owned implements Transaction {
        private final Connection connection;

        Owned(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void commit() {
            try {
                if (crashes.getAndUpdate(n -> Math.max(0, n - 1)) == 1) {
                    connection.close();
                }
                connection.commit();
                commits.incrementAndGet();
            } catch (SQLException e) {
                throw new IllegalStateException("commit failed", e);
            } finally {
                end();
            }
        }

        @Override
        public void rollback() {
            try {
                if (!connection.isClosed()) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("rollback failed", e);
            } finally {
                end();
            }
        }

        private void end() {
            current.remove();
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
