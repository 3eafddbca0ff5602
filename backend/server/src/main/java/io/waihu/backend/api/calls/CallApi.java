package io.waihu.backend.api.calls;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.calls.CallService;
import io.waihu.backend.dialer.contacts.ContactErasure;
import io.waihu.backend.crm.PhoneNumbers;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.calls.CallRecord;
import io.waihu.projections.calls.CallRecordProjection;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.EraseCallDataCommand;
import io.waihu.schema.calls.FindCallRecordsQuery;
import io.waihu.schema.calls.RequestHangupCommand;
import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.telephony.CallControl;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Calls: click-to-dial, hang-up, the call records and live changes to them. */
@GraphQLApi
@Guarded
public class CallApi {

    private final Commands commands;
    private final CallService service;
    private final CallControl gateway;
    private final CallRecordProjection calls;
    private final CustomerViewProjection customers;
    private final PhoneNumbers phones;
    private final RecordAccess access;
    private final CurrentUser user;
    private final ChangeFeed feed;
    private final CallViews views;
    private final ContactErasure contacts;

    public CallApi(Commands commands, CallService service, CallControl gateway, CallRecordProjection calls,
            CustomerViewProjection customers, PhoneNumbers phones, RecordAccess access, CurrentUser user,
            CallViews views, ChangeFeed feed, ContactErasure contacts) {
        this.commands = commands;
        this.service = service;
        this.gateway = gateway;
        this.calls = calls;
        this.customers = customers;
        this.phones = phones;
        this.access = access;
        this.user = user;
        this.views = views;
        this.feed = feed;
        this.contacts = contacts;
    }

    @Mutation
    @Description("Click-to-dial: rings your registered phone first (softphones answer by themselves), then the "
            + "customer through a trunk, and bridges the two. A number on the do-not-call list is a BLACKLISTED user "
            + "error (nothing is dialed), a number that is none or not the customer's a VALIDATION one; your phone "
            + "not registered or no enabled trunk is a top-level UNAVAILABLE. A call the trunk has no free channel "
            + "for is recorded and ends CONGESTION. Follow the call with callChanged or call(id).")
    @Allowed({SUPERVISOR, AGENT})
    public Uni<CallTypes.DialPayload> dial(@NonNull CallTypes.DialInput input) {
        return Payloads.of(Uni.createFrom().deferred(() -> resolve(input)
                .chain(target -> service.plan(user.userId(), user.username(), target.customerId(), target.number(),
                        input.trunkId(), input.campaignId(), true))
                // the call starts as soon as its placement is stored: it does not wait for the read model
                .chain(plan -> commands.send(service.placement(plan, CallOrigin.CLICK_TO_DIAL))
                        .invoke(() -> service.start(plan))
                        .chain(() -> feed.awaitRow(CallRecordProjection.MODEL, plan.callId(), 0, DIAL_ANSWER_WAIT,
                                CallRecord.class))
                        .chain(row -> row != null ? Uni.createFrom().item(row) : calls.byId(plan.callId()))
                        .map(row -> row != null ? new CallTypes.DialPayload(of(row), true, List.of())
                                : new CallTypes.DialPayload(placed(plan), false, List.of())))),
                errors -> new CallTypes.DialPayload(null, true, errors));
    }

    /** How long dial waits for the call's record before it answers from what it placed. */
    private static final java.time.Duration DIAL_ANSWER_WAIT = java.time.Duration.ofSeconds(2);

    /** The call as placed, for a dial answered before the record exists on this node (projection lag). */
    private static CallTypes.Call placed(CallService.Plan plan) {
        return new CallTypes.Call(plan.callId(), CallEnums.CallState.PLACED, null, plan.number().e164(),
                plan.customerId(), plan.agentId(), plan.trunk().id(), CallEnums.CallOrigin.CLICK_TO_DIAL,
                plan.campaignId(), null, null, null, Instant.now(), null, null, null, null, null, null, null, null, 0,
                null, 0);
    }

    @Mutation
    @Description("Ends a live call (both legs). Agents may end their own calls, supervisors their team's, admins any. "
            + "Ending a call that is already over returns it unchanged. An unknown call is a top-level NOT_FOUND.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CallTypes.HangupPayload> hangup(@NonNull CallTypes.HangupInput input) {
        String callId = input.callId();
        return Payloads.of(visible(callId).chain(call -> {
            if (call.state == CallRecord.State.ENDED) {
                return Uni.createFrom().item(call);
            }
            HangupBy by = call.agentId.equals(user.userId()) ? HangupBy.AGENT : HangupBy.SYSTEM;
            return commands.send(new RequestHangupCommand(callId))
                    .onFailure().recoverWithNull()
                    .invoke(() -> gateway.hangup(callId, by))
                    .chain(() -> calls.byId(callId));
        }).map(call -> new CallTypes.HangupPayload(of(call), List.of())),
                errors -> new CallTypes.HangupPayload(null, errors));
    }

    @Mutation
    @Description("Right to erasure for someone known only by a phone number: every ended call placed to the number "
            + "that is no customer's loses the number and its DTMF digits for good (their data keys are destroyed), "
            + "and its recording is deleted. Calls placed for a customer are erased with the customer "
            + "(eraseCustomer); their customers come back in customerIds. Refused with a CONFLICT user error, "
            + "erasing nothing, while a call to the number is live. The do-not-call list keeps the number.")
    @Allowed({ADMIN})
    public Uni<CallTypes.EraseNumberPayload> eraseNumber(@NonNull CallTypes.EraseNumberInput input) {
        String number = input.number();
        String reason = input.reason();
        org.axonframework.messaging.MetaData who = io.waihu.backend.domain.CommandMetadata.of(user.userId(),
                user.username());
        return Payloads.of(Uni.createFrom().deferred(() -> {
            if (reason.isBlank()) {
                throw RuleViolation.invalid("reason", "say why the number is erased");
            }
            PhoneNumber e164 = phones.normalize(number, "number");
            return calls.callsTo(e164.e164()).chain(found -> {
                if (found.stream().anyMatch(c -> !c.ended())) {
                    throw RuleViolation.conflict("a call to " + e164.e164() + " is live: erase the number once it ended");
                }
                List<String> own = found.stream().filter(c -> c.customerId() == null)
                        .map(CallRecordProjection.CallToNumber::callId).toList();
                List<String> customerIds = found.stream().map(CallRecordProjection.CallToNumber::customerId)
                        .filter(Objects::nonNull).distinct().toList();
                return Multi.createFrom().iterable(own)
                        .onItem().transformToUniAndConcatenate(callId -> commands.sendAndAwait(
                                new EraseCallDataCommand(callId, reason), CallRecordProjection.MODEL, callId))
                        .collect().asList()
                        .chain(done -> Uni.createFrom().item(() -> contacts.eraseNumber(e164.e164(), reason, who))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                        .map(contactsErased -> new CallTypes.EraseNumberPayload(e164.e164(), own.size(), customerIds,
                                contactsErased, List.of()));
            });
        }), errors -> new CallTypes.EraseNumberPayload(null, null, null, null, errors));
    }

    @Query
    @Description("One call by id.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<CallTypes.Call> call(@NonNull @Id String id) {
        return visible(id).onFailure().transform(Errors::map).map(this::of);
    }

    @Query
    @Description("Call records, newest first: one per attempt. Agents see their own calls, supervisors their "
            + "team's, analysts, auditors and admins all. from is inclusive, to exclusive (placement time).")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    @NonNull
    public Uni<CallTypes.CallConnection> callRecords(@Id String agentId, @Id String customerId,
            @Description("Only calls that ended so.") CallEnums.CallResult result,
            @Description("Placed at or after (inclusive).") Instant from,
            @Description("Placed before (exclusive).") Instant to,
            @Description("Page forward: this many records (1..200, default 50) after the cursor 'after'.") Integer first,
            @Description("Continue forward after this cursor.") String after,
            @Description("Page backward: this many records (1..200) before the cursor 'before'.") Integer last,
            @Description("Continue backward before this cursor.") String before) {
        Paging paging;
        FindCallRecordsQuery query;
        RecordAccess.Scope scope = access.listScope(RecordAccess.RecordKind.CALL);
        try {
            paging = Paging.of(first, after, last, before);
            if (scope.ownerId() != null && agentId != null && !agentId.equals(scope.ownerId())) {
                return Uni.createFrom().item(Connections.empty(CallTypes.CallConnection.SHAPE));
            }
            query = new FindCallRecordsQuery(scope.ownerId() != null ? scope.ownerId() : agentId, scope.team(),
                    customerId, result == null ? null : result.stored(), from, to, paging.size(), paging.cursor(),
                    paging.backward());
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        } catch (InvalidValue e) {
            return Uni.createFrom().failure(new ApiError.Validation(e.field(), e.getMessage()));
        }
        return Uni.createFrom().deferred(() -> calls.find(query))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .onFailure().transform(Errors::map)
                .map(page -> Connections.of(page, paging, this::of, CallTypes.CallEdge::new,
                        CallTypes.CallConnection.SHAPE, Connections.Total.of(() -> calls.count(query))));
    }

    @Description("How many call records the whole filtered list has (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<@NonNull Integer> totalCount(@Source CallTypes.CallConnection connection) {
        return connection.total().count();
    }

    @Query
    @Description("Live RTP counters of a call's two legs, as the gateway sees them (null once the call is over).")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CallTypes.CallMedia> callMedia(@NonNull @Id String callId) {
        return visible(callId).map(call -> gateway.stats(callId, Leg.AGENT)
                        .map(agent -> new CallTypes.CallMedia(callId, leg(agent),
                                leg(gateway.stats(callId, Leg.CUSTOMER).orElse(LegStats.NONE))))
                        .orElse(null))
                .onFailure().transform(Errors::map);
    }

    private record Target(String customerId, PhoneNumber number) {}

    /** The customer and number to dial; a customer must be one the caller may see. */
    private Uni<Target> resolve(CallTypes.DialInput input) {
        if (input.customerId() == null) {
            if (input.number() == null) {
                return Uni.createFrom().failure(new ApiError.Validation("number", "give a customer or a number"));
            }
            PhoneNumber number = phones.normalize(input.number(), "number");
            return service.customerFor(number, user.userId()).map(customerId -> new Target(customerId, number));
        }
        return customers.byId(input.customerId()).chain(view -> {
            if (view == null || view.status != CustomerView.Status.ACTIVE) {
                return Uni.createFrom().failure(new ApiError.NotFound("no customer " + input.customerId()));
            }
            return access.require(RecordAccess.RecordKind.CUSTOMER, RecordAccess.Access.READ, view.ownerId).map(ok -> {
                List<String> numbers = view.phoneList();
                if (input.number() == null) {
                    if (numbers.isEmpty()) {
                        throw RuleViolation.invalid("customerId", "the customer has no phone number");
                    }
                    return new Target(view.id, new PhoneNumber(numbers.get(0)));
                }
                PhoneNumber number = phones.normalize(input.number(), "number");
                if (!numbers.contains(number.e164())) {
                    throw RuleViolation.invalid("number", "that number is not one of the customer's");
                }
                return new Target(view.id, number);
            });
        });
    }

    private Uni<CallRecord> visible(String callId) {
        return calls.byId(callId).chain(call -> call == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no call " + callId))
                : access.require(RecordAccess.RecordKind.CALL, RecordAccess.Access.READ, call.agentId).replaceWith(call));
    }

    private CallTypes.Call of(CallRecord c) {
        return views.of(c);
    }

    private static CallTypes.LegMedia leg(LegStats stats) {
        return new CallTypes.LegMedia(stats.packetsReceived(), stats.packetsSent(), stats.packetsLost());
    }
}
