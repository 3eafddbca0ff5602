package io.waihu.backend.api.system;

import static io.waihu.schema.users.Role.ADMIN;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.ApiErrorCarrier;
import io.waihu.backend.api.support.ApiTypes;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.axon.AxonSetup;
import io.waihu.backend.axon.deadletter.DeadLetters;
import io.waihu.backend.axon.deadletter.ParkedEvents;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.support.ChangeFeed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

/** For operators: are the projections keeping up with the event store on this node? */
@GraphQLApi
@Guarded
public class SystemApi {

    private static final int MAX_PARKED_SHOWN = 200;

    private final AxonSetup axon;
    private final ChangeFeed feed;
    private final DeadLetters deadLetters;
    private final CurrentUser user;

    public SystemApi(AxonSetup axon, ChangeFeed feed, DeadLetters deadLetters, CurrentUser user) {
        this.axon = axon;
        this.feed = feed;
        this.deadLetters = deadLetters;
        this.user = user;
    }

    @Type("ProcessorStatus")
    public record ProcessorStatus(@NonNull String name, @NonNull String position, @NonNull String lag,
            @NonNull @Description("Sequences (a customer, an opportunity's customer, a call…) with parked events")
            int parkedSequences,
            @NonNull @Description("Events parked: their projection could not apply them, or they wait behind one "
                    + "that it could not") int parkedEvents,
            @NonNull @Description("The oldest parked events, oldest first (at most parkedFirst)")
            List<ParkedEvent> parked) {
    }

    @Type("ParkedEvent")
    @Description("An event a processor parked instead of stopping on it. Later events of its sequence wait behind "
            + "it (parked too, without an error of their own) until an admin retries or skips it.")
    public record ParkedEvent(@NonNull @Id String eventId, @NonNull String sequence,
            @NonNull @Description("Global index in the event store, as a string") String position,
            @NonNull String eventType, String aggregateId, Integer aggregateSequence,
            @Description("Null for an event that only waits behind an earlier one of its sequence") String errorClass,
            String errorMessage, @NonNull Instant firstAttemptAt, @NonNull Instant lastAttemptAt,
            @NonNull int attempts) {
        static ParkedEvent of(ParkedEvents.Parked p) {
            return new ParkedEvent(p.eventId(), p.sequence(), Long.toString(p.position()), p.eventType(),
                    p.aggregateId(), p.aggregateSequence() == null ? null : Math.toIntExact(p.aggregateSequence()),
                    p.causeType(), p.causeMessage(), p.firstAttempt(), p.lastAttempt(), p.attempts());
        }
    }

    @Type("ParkedRetry")
    public record ParkedRetry(@NonNull @Description("Parked events applied now") int applied,
            @NonNull @Description("Events the processor still has parked (failed again, or another sequence's)")
            int stillParked) {
    }

    @Type("ReadModelActivity")
    public record ReadModelActivity(@NonNull String model, @NonNull String appliedSinceStart) {
    }

    @Type("ProjectionStatus")
    public record ProjectionStatus(@NonNull String head, @NonNull List<ProcessorStatus> processors,
            @NonNull List<ReadModelActivity> readModels) {
    }

    @Query
    @Description("Each event processor's position and lag behind the newest event (positions are global event "
            + "indexes, as strings: they can exceed 32 bits), how many events each read model applied since "
            + "this node started, and what each processor parked: events its projection could not apply and the "
            + "later events of the same sequence waiting behind them (retryParkedEvents, skipParkedEvent).")
    @Allowed({ADMIN})
    public Uni<ProjectionStatus> projectionStatus(@DefaultValue("20") int parkedFirst) {
        if (parkedFirst < 0 || parkedFirst > MAX_PARKED_SHOWN) {
            return Uni.createFrom().failure(new ApiError.Validation("parkedFirst", "parkedFirst must be 0..200"));
        }
        return Uni.createFrom().item(() -> {
            long head = axon.headPosition();
            Map<String, DeadLetters.Queue> queues = deadLetters.queues(parkedFirst);
            DeadLetters.Queue none = new DeadLetters.Queue(0, 0, List.of());
            List<ProcessorStatus> processors = axon.processorPositions().entrySet().stream()
                    .map(e -> {
                        DeadLetters.Queue queue = queues.getOrDefault(e.getKey(), none);
                        return new ProcessorStatus(e.getKey(), Long.toString(e.getValue()),
                                Long.toString(Math.max(0, head - e.getValue())), Math.toIntExact(queue.sequences()),
                                Math.toIntExact(queue.events()), ApiTypes.map(queue.oldest(), ParkedEvent::of));
                    })
                    .toList();
            List<ReadModelActivity> models = feed.appliedSinceStart().entrySet().stream()
                    .map((Map.Entry<String, Long> e) -> new ReadModelActivity(e.getKey(), Long.toString(e.getValue())))
                    .toList();
            return new ProjectionStatus(Long.toString(head), processors, models);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Mutation
    @Description("Applies the events a processor parked again, each sequence in order (only the given sequence's "
            + "when sequence is set): once their cause is fixed, e.g. a read model's table. A sequence stops at an "
            + "event that fails again, which stays parked with its new error.")
    @Allowed({ADMIN})
    public Uni<ParkedRetry> retryParkedEvents(@NonNull String processor, String sequence) {
        return Uni.createFrom().deferred(() -> {
            requireProcessor(processor);
            return Uni.createFrom().item(() -> deadLetters.retry(processor, sequence))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }).onFailure().transform(Errors::map).map(r -> new ParkedRetry(r.applied(), Math.toIntExact(r.stillParked())));
    }

    @Mutation
    @Description("Takes one parked event off its processor's queue for good: its read model never applies it. The "
            + "reason is logged with your name. Later events of its sequence stay parked until retried.")
    @Allowed({ADMIN})
    public Uni<ParkedEvent> skipParkedEvent(@NonNull String processor, @NonNull @Id String eventId,
            @NonNull String reason) {
        return Uni.createFrom().deferred(() -> {
            requireProcessor(processor);
            if (reason.isBlank()) {
                throw new ApiErrorCarrier(new ApiError.Validation("reason", "say why the event is skipped"));
            }
            return Uni.createFrom().item(() -> deadLetters.skip(processor, eventId, reason.strip(), user.username()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }).map(skipped -> skipped.map(ParkedEvent::of)
                .orElseThrow(() -> new ApiErrorCarrier(new ApiError.NotFound("no parked event " + eventId + " in "
                        + processor)))).onFailure().transform(Errors::map);
    }

    private void requireProcessor(String processor) {
        if (!deadLetters.knows(processor)) {
            throw new ApiErrorCarrier(new ApiError.Validation("processor", "no event processor " + processor));
        }
    }
}
