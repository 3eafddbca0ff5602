package io.waihu.backend.axon;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.waihu.backend.axon.deadletter.DeadLetters;
import io.waihu.backend.axon.deadletter.ParkedEvents;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.backend.privacy.DataKeyStore;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.PostgresTokenTableFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Axon Framework without Spring or Axon Server: the event store is a JDBC table in
 * PostgreSQL (optimistic concurrency on aggregate sequence numbers), projections are
 * tracking (streaming) processors whose tokens live in the same database, so several nodes
 * share the work by claiming segments. Commands run on a worker pool
 * ({@link AsynchronousCommandBus}) so GraphQL resolvers never block an event loop.
 *
 * <p>This class is the infrastructure only: serializers, store, tokens, transactions and the
 * settings every processor shares. What a capability adds — aggregates, components, its
 * projections (each with the processor its processing group names) and their sequencing —
 * comes from its {@link AxonModule}. No capability is named here.
 */
@Startup
@ApplicationScoped
public class AxonSetup {

    private static final Logger LOG = Logger.getLogger(AxonSetup.class);

    private final AgroalDataSource dataSource;
    private final jakarta.transaction.TransactionManager jta;
    private final DataKeyStore keys;
    private final List<AxonModule> modules;
    private final int commandThreads;
    private final GroupCommit groupCommit;
    private final int segments;
    private final long fetchDelayMillis;
    private Configuration configuration;
    private ExecutorService commandExecutor;
    private DeadLetters deadLetters;

    public AxonSetup(AgroalDataSource dataSource, jakarta.transaction.TransactionManager jta, DataKeyStore keys,
            Instance<AxonModule> modules,
            @ConfigProperty(name = "waihu.axon.command-threads") int commandThreads,
            @ConfigProperty(name = "waihu.axon.group-commit") boolean groupCommit,
            @ConfigProperty(name = "waihu.axon.group-commit-threads") int groupCommitThreads,
            @ConfigProperty(name = "waihu.axon.group-commit-max") int groupCommitMax,
            @ConfigProperty(name = "waihu.axon.segments") int segments,
            @ConfigProperty(name = "waihu.axon.fetch-delay-millis") long fetchDelayMillis) {
        this.dataSource = dataSource;
        this.jta = jta;
        this.keys = keys;
        // a fixed order: the same configuration on every node and every start
        this.modules = modules.stream().sorted(Comparator.comparing(m -> m.getClass().getName())).toList();
        this.commandThreads = commandThreads;
        this.groupCommit = new GroupCommit(groupCommit, groupCommitThreads, groupCommitMax);
        this.segments = segments;
        this.fetchDelayMillis = fetchDelayMillis;
    }

    @PostConstruct
    void start() {
        TransactionManager transactions = new JtaTransactionManager(jta);
        // Agroal hands out the connection enlisted in the current JTA transaction; commit is JTA's.
        ConnectionProvider connections = dataSource::getConnection;
        AxonSerializers serializers = AxonSerializers.build(keys, StoredEventNames.ofSchema(),
                modules.stream().flatMap(module -> module.upcasters().stream()).toList());

        JdbcEventStorageEngine engine = WaihuStorageEngine.build(builder -> builder
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializers.events())
                .snapshotSerializer(serializers.general())
                .upcasterChain(serializers.upcasters())
                .persistenceExceptionResolver(new DuplicateKeyResolver()));
        JdbcTokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializers.general())
                .build();
        ParkedEvents parkedEvents = new ParkedEvents(connections);
        deadLetters = new DeadLetters(parkedEvents, transactions);
        transactions.executeInTransaction(() -> {
            engine.createSchema(PostgresEventTableFactory.INSTANCE);
            tokenStore.createSchema(PostgresTokenTableFactory.INSTANCE);
            parkedEvents.createSchema();
        });

        commandExecutor = Executors.newFixedThreadPool(groupCommit.on() ? groupCommit.threads() : commandThreads,
                named("waihu-command-"));
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializers.general())
                .configureMessageSerializer(c -> serializers.general())
                .configureEventSerializer(c -> serializers.events())
                .configureEventStore(c -> WaihuEventStore.build(EmbeddedEventStore.builder()
                        .storageEngine(engine)
                        // Axon pokes its event producer before the JTA commit makes new events
                        // visible, so idle processors only see them on the next poll: keep it short
                        .fetchDelay(fetchDelayMillis)
                        .messageMonitor(c.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(c.getComponent(EventBusSpanFactory.class))))
                .configureTransactionManager(c -> transactions)
                .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider(CommandMetadata.USER_ID, CommandMetadata.USERNAME)))
                .configureCommandBus(c -> {
                    CommandBus bus = groupCommit.on()
                            ? new GroupCommitCommandBus(SimpleCommandBus.builder()
                                    .messageMonitor(c.messageMonitor(GroupCommitCommandBus.class, "commandBus")),
                                    c.getComponent(TransactionManager.class), commandExecutor,
                                    groupCommit.threads(), groupCommit.max())
                            : AsynchronousCommandBus.builder()
                                    .executor(commandExecutor)
                                    .transactionManager(c.getComponent(TransactionManager.class))
                                    .messageMonitor(c.messageMonitor(AsynchronousCommandBus.class, "commandBus"))
                                    .build();
                    bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(c.correlationDataProviders()));
                    bus.registerHandlerInterceptor(new CommandVersions());
                    return bus;
                })
                .registerComponent(TokenStore.class, c -> tokenStore)
                .registerComponent(DataKeyStore.class, c -> keys);
        modules.forEach(module -> module.configure(configurer));
        configurer.eventProcessing()
                // Tracking, not pooled: the pooled coordinator polls an EmbeddedEventStore stream
                // every 500 ms (the stream offers no availability callback), which made every
                // mutation wait ~500 ms for its own read model; tracking threads block on the
                // stream and wake within the store's fetch delay.
                .usingTrackingEventProcessors()
                .registerTrackingEventProcessorConfiguration(c -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(100));
        ProjectionGroups.register(configurer.eventProcessing(),
                modules.stream().flatMap(module -> module.projections().stream()).toList());
        // every processor parks an event it cannot apply, instead of retrying it forever
        deadLetters.register(configurer.eventProcessing());
        configuration = configurer.buildConfiguration();
        deadLetters.started(configuration);
        configuration.start();
        LOG.infof("Axon started: JDBC event store on PostgreSQL, %s, %d segments per processor",
                groupCommit.on()
                        ? groupCommit.threads() + " command threads committing up to " + groupCommit.max() + " commands at once"
                        : commandThreads + " command threads",
                segments);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (configuration != null) {
            configuration.shutdown();
            configuration = null;
        }
        if (commandExecutor != null) {
            if (groupCommit.on()) {
                // group commit's workers wait on its queue until interrupted
                commandExecutor.shutdownNow();
            } else {
                commandExecutor.shutdown();
            }
        }
    }

    /** Per processor: the lowest position its segments reached, for lag monitoring. */
    public Map<String, Long> processorPositions() {
        Map<String, Long> positions = new java.util.TreeMap<>();
        configuration.eventProcessingConfiguration().eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                long lowest = streaming.processingStatus().values().stream()
                        .mapToLong(status -> status.getCurrentPosition().orElse(-1L))
                        .min().orElse(-1L);
                positions.put(name, lowest);
            }
        });
        return positions;
    }

    /** The global position of the newest event in the store, or -1 when it is empty. */
    public long headPosition() {
        return configuration.eventStore().createHeadToken().position().orElse(-1L);
    }

    @Produces
    @Singleton
    CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    @Produces
    @Singleton
    CommandBus commandBus() {
        return configuration.commandBus();
    }

    /** The event processors (status, pausing one while the read model it feeds is rebuilt or inspected). */
    @Produces
    @Singleton
    EventProcessingConfiguration eventProcessing() {
        return configuration.eventProcessingConfiguration();
    }

    /** The processors' dead-letter queues: what they parked, retry and skip. */
    @Produces
    @Singleton
    DeadLetters deadLetters() {
        return deadLetters;
    }

    @Produces
    @Singleton
    EventStore eventStore() {
        return configuration.eventStore();
    }

    /** Whether commands are committed in groups ({@link GroupCommitCommandBus}), by how many workers, how many at most. */
    private record GroupCommit(boolean on, int threads, int max) {
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
