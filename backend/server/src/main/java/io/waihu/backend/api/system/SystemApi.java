package io.waihu.backend.api.system;

import static io.waihu.schema.users.Role.ADMIN;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.ApiErrorCarrier;
import io.waihu.backend.api.support.ApiTypes;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.api.support.UserError;
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
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

/** For operators: are the projections keeping up with the event store on this node? */
@GraphQLApi
@Guarded
public class SystemApi {

    private static final int MAX_PARKED_SHOWN = 200;
    private static final String USER_ERRORS = "What in the input the user can fix; empty when the mutation succeeded.";

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
    @Description("One event processor (one read model or saga group) on this node.")
    public record ProcessorStatus(@NonNull @Description("The processing group, e.g. customer-view.") String name,
            @NonNull @Description("The global index of the last event it handled, as a string (64 bits).")
            String position,
            @NonNull @Description("How many events it is behind the event store's head, as a string.") String lag,
            @NonNull @Description("Sequences (a customer, an opportunity's customer, a call…) with parked events")
            int parkedSequences,
            @NonNull @Description("Events parked: their projection could not apply them, or they wait behind one "
                    + "that it could not") int parkedEvents,
            @NonNull @Description("The oldest parked events, oldest first (at most parkedFirst)")
            List<@NonNull ParkedEvent> parked) {
    }

    @Type("ParkedEvent")
    @Description("An event a processor parked instead of stopping on it. Later events of its sequence wait behind "
            + "it (parked too, without an error of their own) until an admin retries or skips it.")
    public record ParkedEvent(@NonNull @Id @Description("The event's id in the event store; pass it to "
            + "skipParkedEvent.") String eventId,
            @NonNull @Description("The sequence it belongs to (events of one sequence apply in order), e.g. a "
                    + "customer's id.") String sequence,
            @NonNull @Description("Global index in the event store, as a string") String position,
            @NonNull @Description("The event's type as the event store names it: an open set across capabilities.")
            String eventType,
            @Id @Description("The aggregate the event is about; null for an event stored outside an aggregate.")
            String aggregateId,
            @Description("Its position in its aggregate's stream.") Integer aggregateSequence,
            @Description("Null for an event that only waits behind an earlier one of its sequence") String errorClass,
            @Description("What the projection reported.") String errorMessage,
            @NonNull Instant firstAttemptAt, @NonNull Instant lastAttemptAt,
            @NonNull @Description("How often it was tried.") int attempts) {
        static ParkedEvent of(ParkedEvents.Parked p) {
            return new ParkedEvent(p.eventId(), p.sequence(), Long.toString(p.position()), p.eventType(),
                    p.aggregateId(), p.aggregateSequence() == null ? null : Math.toIntExact(p.aggregateSequence()),
                    p.causeType(), p.causeMessage(), p.firstAttempt(), p.lastAttempt(), p.attempts());
        }
    }

    @Input("RetryParkedEventsInput")
    @Description("Which parked events to apply again.")
    public record RetryParkedEventsInput(@NonNull @Description("The processing group, e.g. customer-view.")
            String processor, @Description("Only this sequence's; every sequence's when omitted.") String sequence) {
    }

    @Type("RetryParkedEventsPayload")
    @Description("The result of retryParkedEvents.")
    public record RetryParkedEventsPayload(@NonNull @Description("Parked events applied now") int applied,
            @NonNull @Description("Events the processor still has parked (failed again, or another sequence's)")
            int stillParked, @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Input("SkipParkedEventInput")
    @Description("The parked event to take off its processor's queue, and why.")
    public record SkipParkedEventInput(@NonNull @Description("The processing group that parked it, e.g. customer-view.")
            String processor, @NonNull @Id @Description("The parked event (ParkedEvent.eventId).") String eventId,
            @NonNull @Description("Why, logged with your name.") String reason) {
    }

    @Type("SkipParkedEventPayload")
    @Description("The result of skipParkedEvent.")
    public record SkipParkedEventPayload(@Description("The event skipped; null when refused.") ParkedEvent parkedEvent,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("ReadModelActivity")
    @Description("How much one read model applied on this node.")
    public record ReadModelActivity(@NonNull @Description("The read model's name: customer, customer-history, "
            + "opportunity, user, trunk, …") String model,
            @NonNull @Description("Changes applied since this node started, as a string (64 bits).")
            String appliedSinceStart) {
    }

    @Type("ProjectionStatus")
    @Description("How far this node's projections are behind the event store, and what they parked.")
    public record ProjectionStatus(@NonNull @Description("The global index of the newest event, as a string.")
            String head,
            @NonNull @Description("Every event processor on this node, by name.")
            List<@NonNull ProcessorStatus> processors,
            @NonNull @Description("What each read model applied on this node.")
            List<@NonNull ReadModelActivity> readModels) {
    }

    @Query
    @Description("Each event processor's position and lag behind the newest event (positions are global event "
            + "indexes, as strings: they can exceed 32 bits), how many events each read model applied since "
            + "this node started, and what each processor parked: events its projection could not apply and the "
            + "later events of the same sequence waiting behind them (retryParkedEvents, skipParkedEvent).")
    @Allowed({ADMIN})
    public Uni<ProjectionStatus> projectionStatus(@DefaultValue("20") @Description("How many of each "
            + "processor's oldest parked events to list (0..200).") int parkedFirst) {
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
    public Uni<RetryParkedEventsPayload> retryParkedEvents(@NonNull RetryParkedEventsInput input) {
        return Payloads.of(Uni.createFrom().deferred(() -> {
            requireProcessor(input.processor());
            return Uni.createFrom().item(() -> deadLetters.retry(input.processor(), input.sequence()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }).map(r -> new RetryParkedEventsPayload(r.applied(), Math.toIntExact(r.stillParked()), List.of())),
                errors -> new RetryParkedEventsPayload(0, 0, errors));
    }

    @Mutation
    @Description("Takes one parked event off its processor's queue for good: its read model never applies it. The "
            + "reason is logged with your name. Later events of its sequence stay parked until retried.")
    @Allowed({ADMIN})
    public Uni<SkipParkedEventPayload> skipParkedEvent(@NonNull SkipParkedEventInput input) {
        String processor = input.processor();
        String eventId = input.eventId();
        return Payloads.of(Uni.createFrom().deferred(() -> {
            requireProcessor(processor);
            if (input.reason().isBlank()) {
                throw new ApiErrorCarrier(new ApiError.Validation("reason", "say why the event is skipped"));
            }
            return Uni.createFrom().item(() -> deadLetters.skip(processor, eventId, input.reason().strip(),
                            user.username()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }).map(skipped -> skipped.map(ParkedEvent::of)
                .orElseThrow(() -> new ApiErrorCarrier(new ApiError.NotFound("no parked event " + eventId + " in "
                        + processor))))
                .map(parked -> new SkipParkedEventPayload(parked, List.of())),
                errors -> new SkipParkedEventPayload(null, errors));
    }

    private void requireProcessor(String processor) {
        if (!deadLetters.knows(processor)) {
            throw new ApiErrorCarrier(new ApiError.Validation("processor", "no event processor " + processor));
        }
    }
}
