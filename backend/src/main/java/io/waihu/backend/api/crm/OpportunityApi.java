package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.ApiErrorCarrier;
import io.waihu.backend.api.support.ApiTypes;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.crm.Pipeline;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.CustomerView;
import io.waihu.projections.crm.CustomerViewProjection;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.crm.OpportunityViewProjection;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.common.Moments;
import io.waihu.schema.common.Money;
import io.waihu.schema.crm.CloseOpportunityCommand;
import io.waihu.schema.crm.EditOpportunityCommand;
import io.waihu.schema.crm.FindOpportunitiesQuery;
import io.waihu.schema.crm.ForecastQuery;
import io.waihu.schema.crm.MoveOpportunityStageCommand;
import io.waihu.schema.crm.OpenOpportunityCommand;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Sales opportunities: the pipeline, stage moves, closing, and the weighted forecast. */
@GraphQLApi
@Guarded
public class OpportunityApi {

    private final Commands commands;
    private final OpportunityViewProjection opportunities;
    private final CustomerViewProjection customers;
    private final RecordAccess access;
    private final CurrentUser user;
    private final Pipeline pipeline;
    private final ChangeFeed feed;

    public OpportunityApi(Commands commands, OpportunityViewProjection opportunities,
            CustomerViewProjection customers, RecordAccess access, CurrentUser user, Pipeline pipeline,
            ChangeFeed feed) {
        this.commands = commands;
        this.opportunities = opportunities;
        this.customers = customers;
        this.access = access;
        this.user = user;
        this.pipeline = pipeline;
        this.feed = feed;
    }

    @Query
    @Description("The configured pipeline: open stages in order with their win probability, then won and lost.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<List<CrmTypes.Stage>> stages() {
        return Uni.createFrom().item(pipeline.stages().stream()
                .map(e -> new CrmTypes.Stage(e.getKey(), e.getValue(), pipeline.isOpenStage(e.getKey()))).toList());
    }

    @Query
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<CrmTypes.Opportunity> opportunity(@NonNull @Id String id) {
        return visible(id, false).map(CrmTypes.Opportunity::of);
    }

    @Query
    @Description("Opportunities newest first; status is OPEN, WON or LOST. Agents see their own, supervisors their team's.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<CrmTypes.OpportunityConnection> opportunities(@Id String customerId, String stage, @Id String ownerId,
            String status, @DefaultValue("50") Integer first, String after) {
        int pageSize = first == null ? 50 : first;
        RecordAccess.Scope scope = access.listScope(RecordAccess.RecordKind.OPPORTUNITY);
        if (scope.ownerId() != null && ownerId != null && !ownerId.equals(scope.ownerId())) {
            return Uni.createFrom().item(new CrmTypes.OpportunityConnection(List.of(), new ApiTypes.PageInfo(false, false, null, null)));
        }
        if (status != null && !List.of("OPEN", "WON", "LOST").contains(status)) {
            return Uni.createFrom().failure(new ApiError.Validation("status", "status is OPEN, WON or LOST"));
        }
        FindOpportunitiesQuery query;
        try {
            query = new FindOpportunitiesQuery(customerId, stage,
                    scope.ownerId() != null ? scope.ownerId() : ownerId, scope.team(), status, pageSize, after);
        } catch (InvalidValue e) {
            return Uni.createFrom().failure(new ApiError.Validation(e.field(), e.getMessage()));
        }
        return Uni.createFrom().deferred(() -> opportunities.find(query))
                .onFailure(IllegalArgumentException.class)
                .transform(e -> new ApiError.Validation("after", e.getMessage()))
                .map(page -> new CrmTypes.OpportunityConnection(ApiTypes.map(page.items(), CrmTypes.Opportunity::of),
                        new ApiTypes.PageInfo(page.hasNextPage(), after != null, page.cursors().isEmpty() ? null : page.cursors().get(0), page.endCursor())));
    }

    @Query
    @Description("Open opportunities per stage and currency: count and amount.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST})
    public Uni<List<CrmTypes.StageTotal>> pipelineTotals(@Id String ownerId) {
        RecordAccess.Scope scope = access.listScope(RecordAccess.RecordKind.OPPORTUNITY);
        return opportunities.pipeline(scope.ownerId() != null ? scope.ownerId() : ownerId, scope.team())
                .map(rows -> rows.stream().map(r -> new CrmTypes.StageTotal(r.stage(), r.currency(), Math.toIntExact(r.count()),
                        r.amount())).toList());
    }

    @Query
    @Description("Weighted forecast per expected-close month (YYYY-MM) and currency: Σ amount × stage probability "
            + "of open opportunities, plus the unweighted pipeline and what was already won.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST})
    public Uni<List<CrmTypes.ForecastMonth>> forecast(String from, String to, @Id String ownerId) {
        YearMonth fromMonth;
        YearMonth toMonth;
        try {
            fromMonth = from == null ? null : YearMonth.parse(from);
            toMonth = to == null ? null : YearMonth.parse(to);
        } catch (DateTimeParseException e) {
            return Uni.createFrom().failure(new ApiError.Validation(from == null ? "to" : "from",
                    "months are written YYYY-MM"));
        }
        for (YearMonth month : java.util.Arrays.asList(fromMonth, toMonth)) {
            if (month != null && !Moments.inRange(month.atDay(1))) {
                return Uni.createFrom().failure(new ApiError.Validation(month == fromMonth ? "from" : "to",
                        "months lie in the years " + Moments.MIN_YEAR + " to " + Moments.MAX_YEAR));
            }
        }
        RecordAccess.Scope scope = access.listScope(RecordAccess.RecordKind.OPPORTUNITY);
        return opportunities.forecast(new ForecastQuery(fromMonth, toMonth,
                        scope.ownerId() != null ? scope.ownerId() : ownerId, scope.team()))
                .map(rows -> rows.stream().map(r -> new CrmTypes.ForecastMonth(r.month(), r.currency(), r.weighted(),
                        r.pipeline(), r.won(), Math.toIntExact(r.openCount()))).toList());
    }

    @Mutation
    @Description("Opens an opportunity for a customer you can see, in the first stage unless another is named.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CrmTypes.Opportunity> openOpportunity(@NonNull CrmTypes.OpportunityInput input) {
        String id = UUID.randomUUID().toString();
        String owner = input.ownerId() == null ? user.userId() : input.ownerId();
        if (input.customerId() == null) {
            return Uni.createFrom().failure(new ApiError.Validation("customerId", "an opportunity needs a customer"));
        }
        return customers.byId(input.customerId())
                .chain(customer -> customer == null || customer.status != CustomerView.Status.ACTIVE
                        ? Uni.createFrom().failure(new ApiError.Validation("customerId", "no such customer"))
                        : access.require(RecordAccess.RecordKind.CUSTOMER, RecordAccess.Access.WRITE, customer.ownerId))
                .chain(() -> access.requireAssignable(owner))
                .chain(() -> Uni.createFrom().deferred(() -> commands.sendAwaitingRow(new OpenOpportunityCommand(id,
                                input.customerId(), input.title(), money(input), owner, input.expectedCloseDate(),
                                input.stage()), OpportunityViewProjection.MODEL, id)))
                .onFailure().transform(Errors::map)
                .chain(outcome -> answer(outcome, id));
    }

    @Mutation
    @Description("Changes title, amount, currency, expected close date or owner; missing fields stay as they are.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CrmTypes.Opportunity> editOpportunity(@NonNull @Id String id, Integer expectedVersion,
            @NonNull CrmTypes.OpportunityInput input) {
        return visible(id, true).chain(view -> {
            Uni<Void> ownerCheck = input.ownerId() == null || input.ownerId().equals(view.ownerId)
                    ? Uni.createFrom().voidItem() : access.requireAssignable(input.ownerId());
            return ownerCheck.chain(() -> Uni.createFrom().deferred(() -> commands.sendAwaitingRow(
                    new EditOpportunityCommand(id, Commands.version(expectedVersion), input.title(),
                            input.amount() == null && input.currency() == null ? null
                                    : Money.of(Objects.requireNonNullElse(input.amount(), view.amount),
                                            Objects.requireNonNullElse(input.currency(), view.currency)),
                            input.expectedCloseDate(), input.ownerId()),
                    OpportunityViewProjection.MODEL, id)));
        }).onFailure().transform(Errors::map).chain(outcome -> answer(outcome, id));
    }

    @Mutation
    @Description("Moves an open opportunity to another open stage.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CrmTypes.Opportunity> moveOpportunityStage(@NonNull @Id String id, @NonNull String stage,
            Integer expectedVersion) {
        return visible(id, true)
                .chain(view -> commands.sendAwaitingRow(new MoveOpportunityStageCommand(id, Commands.version(expectedVersion), stage),
                        OpportunityViewProjection.MODEL, id))
                .chain(outcome -> answer(outcome, id));
    }

    @Mutation
    @Description("Closes an open opportunity as won or lost.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<CrmTypes.Opportunity> closeOpportunity(@NonNull @Id String id, @NonNull boolean won, String reason,
            Integer expectedVersion) {
        return visible(id, true)
                .chain(view -> commands.sendAwaitingRow(new CloseOpportunityCommand(id, Commands.version(expectedVersion), won, reason),
                        OpportunityViewProjection.MODEL, id))
                .chain(outcome -> answer(outcome, id));
    }

    @io.smallrye.graphql.api.Subscription
    @Description("Changes to opportunities you can see, as they are applied.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Multi<ApiTypes.Change> opportunityChanged() {
        return feed.changes()
                .filter(change -> change.model().equals(OpportunityViewProjection.MODEL))
                .onItem().transformToUniAndConcatenate(change -> opportunities.byId(change.id())
                        .chain(view -> view == null ? Uni.createFrom().nullItem()
                                : access.require(RecordAccess.RecordKind.OPPORTUNITY, RecordAccess.Access.READ, view.ownerId)
                                        .map(ok -> new ApiTypes.Change(change.model(), change.id(), Math.toIntExact(change.version()),
                                                change.eventType()))
                                        .onFailure().recoverWithNull()))
                .filter(Objects::nonNull);
    }

    private static Money money(CrmTypes.OpportunityInput input) {
        if (input.amount() == null) {
            throw new ApiErrorCarrier(new ApiError.Validation("amount", "an opportunity needs an amount"));
        }
        return Money.of(input.amount(), input.currency() == null ? "CNY" : input.currency());
    }

    private Uni<OpportunityView> visible(String id, boolean write) {
        return opportunities.byId(id).chain(view -> view == null
                ? Uni.createFrom().failure(new ApiError.NotFound("no opportunity " + id))
                : access.require(RecordAccess.RecordKind.OPPORTUNITY, write ? RecordAccess.Access.WRITE : RecordAccess.Access.READ, view.ownerId).replaceWith(view));
    }

    /**
     * The row the projection handed over after the command, else a fresh read; when that read is
     * older than the command (the read model lags, or parked the event), the command's own
     * events folded onto it, marked as not in the read model yet.
     */
    private Uni<CrmTypes.Opportunity> answer(Commands.Outcome outcome, String id) {
        if (outcome.row() instanceof OpportunityView view) {
            return Uni.createFrom().item(CrmTypes.Opportunity.of(view));
        }
        return opportunities.byId(id).chain(view -> {
            List<DomainEventMessage<?>> missing = outcome.newerThan(view == null ? -1 : view.version);
            if (missing.isEmpty() || view == null && missing.get(0).getSequenceNumber() != 0) {
                return view == null ? Uni.createFrom().failure(new ApiError.NotFound("no opportunity " + id))
                        : Uni.createFrom().item(CrmTypes.Opportunity.of(view));
            }
            OpportunityView folded = view == null ? new OpportunityView() : view;
            missing.forEach(e -> OpportunityViewProjection.apply(folded, e.getPayload(), e.getSequenceNumber(),
                    e.getTimestamp()));
            return Uni.createFrom().item(CrmTypes.Opportunity.pending(folded));
        });
    }

}
