package io.waihu.backend.axon.deadletter;

import io.waihu.projections.support.JdbcBatch;
import io.waihu.projections.support.ProjectionBatch;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jboss.logging.Logger;

/**
 * Parks, for one processor, the events its handlers cannot apply, and every later event of
 * the same sequence behind them; everyone else's events flow on.
 *
 * <p>Projections write a whole processor batch in one transaction when the batch commits
 * ({@link ProjectionBatch}, or {@link JdbcBatch} on the processor's own transaction), so a
 * bad event usually fails the batch, not its handler. Then
 * the batch rolls back, the processor retries it (Axon's back-off: 1 s), and this
 * interceptor runs the retry <em>isolated</em>: each event's writes are flushed on their own
 * right after its handler, so the failure surfaces at the event that caused it. A transient
 * failure (see {@link TransientFailures}) is thrown on, and the processor retries again; any
 * other parks the event, with its error, in the same transaction that moves the processor's
 * token past it. After an isolated batch commits, the segment batches again.
 *
 * <p>Which sequences are parked is read from the table once per batch (one query, usually
 * answering nothing); an event whose sequence is among them is checked again under a share
 * lock ({@link ParkedEvents#holdsSequence}) so a concurrent retry and this processor never
 * both think they are last.
 */
final class DeadLetterInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger LOG = Logger.getLogger(DeadLetterInterceptor.class);
    /** Beyond this many parked sequences the batch asks the table for each event instead of remembering them. */
    private static final int SEQUENCES_REMEMBERED = 1_000;

    private final String group;
    private final ParkedEvents parked;
    private final SequencingPolicy<? super EventMessage<?>> policy;
    private final String batchKey;
    private final String segmentKey;
    /** Segments (or, without one, threads) whose last batch rolled back: their next batch runs isolated. */
    private final Set<Object> isolated = ConcurrentHashMap.newKeySet();

    DeadLetterInterceptor(String group, ParkedEvents parked, SequencingPolicy<? super EventMessage<?>> policy) {
        this.group = group;
        this.parked = parked;
        this.policy = policy;
        this.batchKey = DeadLetterInterceptor.class.getName() + "/" + group;
        // where Axon's tracking processor puts the segment of the batch it runs
        this.segmentKey = "Processor[" + group + "]/SegmentId";
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Batch batch = unitOfWork.root().getOrComputeResource(batchKey, key -> start(unitOfWork.root()));
        String sequence = sequenceOf(event);
        if (batch.mayHold(sequence) && parked.holdsSequence(group, sequence)) {
            parked.park(group, sequence, event, positionOf(event), null);
            LOG.infof("%s: %s %s waits behind a parked event of sequence %s", group,
                    ParkedEvents.typeOf(event), event.getIdentifier(), sequence);
            return null;
        }
        if (!batch.isolated) {
            return chain.proceed();
        }
        try {
            Object result = chain.proceed();
            ProjectionBatch.flushNow();
            JdbcBatch.flushNow();
            return result;
        } catch (Exception e) {
            ProjectionBatch.discardPending();
            JdbcBatch.discardPending();
            if (TransientFailures.isTransient(e)) {
                throw e;
            }
            parked.park(group, sequence, event, positionOf(event), e);
            batch.parked(sequence);
            LOG.warnf(e, "%s: parked %s %s (sequence %s): it cannot be applied; later events of the sequence wait "
                    + "behind it until an admin retries or skips it", group, ParkedEvents.typeOf(event),
                    event.getIdentifier(), sequence);
            return null;
        }
    }

    private Batch start(UnitOfWork<?> root) {
        Object segment = root.resources().containsKey(segmentKey) ? root.getResource(segmentKey) : Thread.currentThread();
        boolean isolate = isolated.contains(segment);
        root.onRollback(u -> isolated.add(segment));
        if (isolate) {
            root.afterCommit(u -> isolated.remove(segment));
            LOG.debugf("%s: segment %s applies this batch one event at a time", group, segment);
        }
        Set<String> sequences = parked.sequences(group, SEQUENCES_REMEMBERED + 1);
        return new Batch(isolate, sequences.size() > SEQUENCES_REMEMBERED ? null : sequences);
    }

    private String sequenceOf(EventMessage<?> event) {
        Object id = policy.getSequenceIdentifierFor(event);
        // no sequence: the event is ordered against nothing, so it is a sequence of its own
        return id == null ? event.getIdentifier() : id.toString();
    }

    static long positionOf(EventMessage<?> event) {
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElse(-1L);
        }
        return -1L;
    }

    /** What one batch knows of the table. */
    private static final class Batch {
        final boolean isolated;
        /** Null: too many to remember, ask the table for every event. */
        final Set<String> sequences;

        Batch(boolean isolated, Set<String> sequences) {
            this.isolated = isolated;
            this.sequences = sequences;
        }

        boolean mayHold(String sequence) {
            return sequences == null || sequences.contains(sequence);
        }

        void parked(String sequence) {
            if (sequences != null) {
                sequences.add(sequence);
            }
        }
    }
}
