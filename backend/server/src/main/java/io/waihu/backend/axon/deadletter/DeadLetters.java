package io.waihu.backend.axon.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

/**
 * A dead-letter queue per event processor: an event a projection cannot apply is parked
 * with its error instead of stopping the processor (see {@link DeadLetterInterceptor}),
 * shown to admins, and retried or skipped by them.
 *
 * <p>Built on Axon's interceptors rather than its {@code DeadLetteringEventHandlerInvoker}:
 * that invoker parks only failures its handler methods throw, and Waihu's projections fail
 * when their processor's batch commits (one read-model transaction per batch), after every
 * handler returned; Axon would roll the batch back and retry it forever.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final long READ_TIMEOUT_SECONDS = 5;

    private final ParkedEvents parked;
    private final TransactionManager transactions;
    private Configuration configuration;

    public DeadLetters(ParkedEvents parked, TransactionManager transactions) {
        this.parked = parked;
        this.transactions = transactions;
    }

    /**
     * Gives every event processor configured through {@code processing} its dead-letter queue.
     * A handler's exception now reaches it: Axon's default listener error handler logged it and
     * went on, so the event was silently never applied to that read model.
     */
    public void register(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultHandlerInterceptor((config, processor) -> new DeadLetterInterceptor(processor,
                        parked, config.eventProcessingConfiguration().sequencingPolicy(processor)));
    }

    /** Called once the configuration is built: retries read the store and call the processors' handlers. */
    public void started(Configuration built) {
        this.configuration = built;
    }

    /** What one processor has parked: counts and the oldest events. */
    public record Queue(long sequences, long events, List<ParkedEvents.Parked> oldest) {
    }

    /** Per processor with parked events, its counts and {@code first} oldest parked events. */
    public Map<String, Queue> queues(int first) {
        return transactions.fetchInTransaction(() -> {
            Map<String, Queue> queues = new java.util.TreeMap<>();
            parked.counts().forEach((group, count) -> queues.put(group,
                    new Queue(count.sequences(), count.events(), parked.oldest(group, first))));
            return queues;
        });
    }

    /** What a retry did. */
    public record Retried(int applied, long stillParked) {
    }

    /**
     * Applies the parked events of {@code processor} (only of {@code sequence} when given), each
     * sequence in order, oldest first; a sequence stops at its first event that fails again (its
     * attempt is recorded) and the others go on.
     */
    public Retried retry(String processor, String sequence) {
        EventHandlerInvoker invoker = invokerOf(processor);
        List<String> sequences = sequence != null ? List.of(sequence)
                : new ArrayList<>(transactions.fetchInTransaction(() -> parked.sequences(processor, Integer.MAX_VALUE)));
        int applied = 0;
        for (String s : sequences) {
            while (Boolean.TRUE.equals(transactions.fetchInTransaction(() -> applyHead(processor, s, invoker)))) {
                applied++;
            }
        }
        long left = transactions.fetchInTransaction(() -> {
            ParkedEvents.Count count = parked.counts().get(processor);
            return count == null ? 0L : count.events();
        });
        LOG.infof("%s: retried %s parked events: %d applied, %d still parked", processor,
                sequence == null ? "all" : "sequence " + sequence + "'s", applied, left);
        return new Retried(applied, left);
    }

    /**
     * Applies the oldest parked event of {@code sequence} and takes it off the queue, in one
     * transaction that holds the row's lock (a processor parking behind it waits). Null when the
     * sequence has nothing parked; false when the event failed again.
     */
    private Boolean applyHead(String processor, String sequence, EventHandlerInvoker invoker) {
        Optional<ParkedEvents.Parked> head = parked.lockHead(processor, sequence);
        if (head.isEmpty()) {
            return null;
        }
        ParkedEvents.Parked letter = head.get();
        TrackedEventMessage<?> event = read(letter);
        if (event == null) {
            LOG.warnf("%s: parked event %s is no longer in the event store; taken off the queue", processor,
                    letter.eventId());
            parked.remove(processor, letter.eventId());
            return true;
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            invoker.handle(event, Segment.ROOT_SEGMENT);
            return null;
        });
        if (result.isExceptional()) {
            parked.failedAgain(processor, letter.eventId(), result.exceptionResult());
            LOG.infof("%s: parked %s %s failed again: %s", processor, letter.eventType(), letter.eventId(),
                    result.exceptionResult().toString());
            return false;
        }
        parked.remove(processor, letter.eventId());
        return true;
    }

    /** The parked event as the store has it (personal data as of now: erased data reads as empty). */
    private TrackedEventMessage<?> read(ParkedEvents.Parked letter) {
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(letter.position() - 1,
                java.util.Collections.emptySortedSet());
        try (BlockingStream<TrackedEventMessage<?>> stream = configuration.eventStore().openStream(before)) {
            while (stream.hasNextAvailable((int) READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.getIdentifier().equals(letter.eventId())) {
                    return event;
                }
                if (DeadLetterInterceptor.positionOf(event) > letter.position()) {
                    return null;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a parked event", e);
        }
    }

    /** Takes one parked event off the queue for good; the reason goes to the log. Empty when it was not parked. */
    public Optional<ParkedEvents.Parked> skip(String processor, String eventId, String reason, String who) {
        invokerOf(processor);
        Optional<ParkedEvents.Parked> removed = transactions.fetchInTransaction(() -> {
            Optional<ParkedEvents.Parked> found = parked.find(processor, eventId);
            found.ifPresent(letter -> parked.remove(processor, eventId));
            return found;
        });
        removed.ifPresent(letter -> LOG.infof("%s: %s skipped parked %s %s (aggregate %s, sequence %s, position %d, "
                        + "error %s): %s", processor, who, letter.eventType(), letter.eventId(), letter.aggregateId(),
                letter.sequence(), letter.position(), letter.causeType(), reason));
        return removed;
    }

    /** The names of this application's event processors. */
    public java.util.Set<String> processors() {
        return new java.util.TreeSet<>(configuration.eventProcessingConfiguration().eventProcessors().keySet());
    }

    /** Per processor with parked events: how many sequences and events it parked. */
    public Map<String, ParkedEvents.Count> counts() {
        return transactions.fetchInTransaction(parked::counts);
    }

    /** True when {@code processor} names an event processor of this application. */
    public boolean knows(String processor) {
        return configuration.eventProcessingConfiguration().eventProcessor(processor).isPresent();
    }

    private EventHandlerInvoker invokerOf(String processor) {
        Optional<EventProcessor> found = configuration.eventProcessingConfiguration().eventProcessor(processor);
        if (found.isEmpty() || !(found.get() instanceof AbstractEventProcessor abstractProcessor)) {
            throw new IllegalArgumentException("no event processor " + processor);
        }
        return abstractProcessor.eventHandlerInvoker();
    }
}
