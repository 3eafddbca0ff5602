package io.waihu.projections.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as a tracking processor's source, handing out events in windows: once a
 * batch has its first event, the processor keeps receiving the events that arrive within
 * {@code window} (or until {@code maxEvents}) into the same batch, instead of committing a
 * batch as soon as no further event is ready. The analytics processor reads through it because
 * ClickHouse charges per insert, not per row (a part written and later merged, ~5–20 ms of the
 * engine's threads for one row or fifty; see {@code docs/architecture.md}, "Analytics"): at
 * dialer rates an event arrives every few milliseconds and each made a batch, an insert and a
 * token update of its own.
 *
 * <p>Nothing is held outside the processor's batch: the rows of a window are inserted at its
 * batch's commit, before the token is stored, as for any batch. A crash or a stop inside a
 * window loses the uncommitted batch only, whose events are delivered again from the stored
 * token; rows already inserted by a batch whose token was not stored are written again with
 * the same versions, which {@code FINAL} counts once.
 *
 * <p>How it works: Axon's {@code TrackingEventProcessor} fills a batch while {@link
 * BlockingStream#peek()} answers an event; this stream's {@code peek} waits, up to the end of
 * the window that the batch's first event opened, for the next event to be available.
 */
public final class WindowedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final long windowNanos;
    private final int maxEvents;

    public WindowedEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration window, int maxEvents) {
        if (window.isNegative() || maxEvents < 1) {
            throw new IllegalArgumentException("window " + window + ", max events " + maxEvents);
        }
        this.source = source;
        this.windowNanos = window.toNanos();
        this.maxEvents = maxEvents;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(token);
        return windowNanos == 0 ? stream : new Windowed(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    private final class Windowed implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        /** Whether a window is open (an event was taken and the batch may still grow). */
        private boolean open;
        private long closesAt;
        private int taken;

        Windowed(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = stream.peek();
            if (next.isPresent() || !open) {
                return next;
            }
            long remaining = closesAt - System.nanoTime();
            try {
                if (taken < maxEvents && remaining > 0
                        && stream.hasNextAvailable((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)),
                                TimeUnit.MILLISECONDS)) {
                    return stream.peek();
                }
            } catch (InterruptedException e) {
                // the processor is stopping: end the batch now, it commits what it has
                Thread.currentThread().interrupt();
            }
            open = false;
            return Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> message = stream.nextAvailable();
            if (!open) {
                open = true;
                closesAt = System.nanoTime() + windowNanos;
                taken = 0;
            }
            taken++;
            return message;
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
