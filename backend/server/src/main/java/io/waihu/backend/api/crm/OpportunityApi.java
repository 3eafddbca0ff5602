package io.waihu.backend.api.crm;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.AUDITOR;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.waihu.backend.api.crm.CrmTypes.Opportunity;
import io.waihu.backend.api.crm.CrmTypes.OpportunityConnection;
import io.waihu.backend.api.crm.CrmTypes.OpportunityEdge;
import io.waihu.backend.api.crm.CrmTypes.OpportunityStatus;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Connections;
import io.waihu.backend.api.support.Decimal;
import io.waihu.backend.api.support.Paging;
import io.waihu.backend.api.support.RecordAccess;
import io.waihu.backend.api.support.RecordAccess.Access;
import io.waihu.backend.api.support.RecordAccess.RecordKind;
import io.waihu.backend.crm.Pipeline;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.crm.OpportunityViewProjection;
import io.waihu.schema.common.InvalidValue;
import io.waihu.schema.common.Moments;
import io.waihu.schema.crm.FindOpportunitiesQuery;
import io.waihu.schema.crm.ForecastQuery;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** Sales opportunities: the pipeline, one opportunity, lists, totals and the weighted forecast. Changes are in {@link OpportunityMutations}. */
@GraphQLApi
@Guarded
public class OpportunityApi {

    private final OpportunityViewProjection opportunities;
    private final OpportunityReads reads;
    private final RecordAccess access;
    private final Pipeline pipeline;

    public OpportunityApi(OpportunityViewProjection opportunities, OpportunityReads reads, RecordAccess access,
            Pipeline pipeline) {
        this.opportunities = opportunities;
        this.reads = reads;
        this.access = access;
        this.pipeline = pipeline;
    }

    @Query
    @Description("The configured pipeline: open stages in order with their win probability, then won and lost.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<@NonNull List<CrmTypes.@NonNull Stage>> stages() {
        return Uni.createFrom().item(pipeline.stages().stream()
                .map(e -> new CrmTypes.Stage(e.getKey(), e.getValue(), pipeline.isOpenStage(e.getKey()))).toList());
    }

    @Query
    @Description("One opportunity by id; NOT_FOUND when there is none.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<@NonNull Opportunity> opportunity(@NonNull @Id String id) {
        return reads.visible(id, Access.READ).map(Opportunity::of);
    }

    @Query
    @Description("Opportunities newest first; filters combine with AND. Agents see their own, supervisors their "
            + "team's.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<@NonNull OpportunityConnection> opportunities(@Id String customerId, String stage, @Id String ownerId,
            OpportunityStatus status, @Description(CustomerApi.FIRST) Integer first, String after,
            @Description(CustomerApi.LAST) Integer last, String before) {
        RecordAccess.Scope scope = access.listScope(RecordKind.OPPORTUNITY);
        Paging paging;
        FindOpportunitiesQuery query;
        try {
            paging = Paging.of(first, after, last, before);
            if (scope.ownerId() != null && ownerId != null && !ownerId.equals(scope.ownerId())) {
                return Uni.createFrom().item(Connections.empty(OpportunityConnection.SHAPE));
            }
            query = new FindOpportunitiesQuery(customerId, stage, scope.ownerId() != null ? scope.ownerId() : ownerId,
                    scope.team(), status == null ? null : status.name(), paging.size(), paging.cursor(),
                    paging.backward());
        } catch (ApiError e) {
            return Uni.createFrom().failure(e);
        } catch (InvalidValue e) {
            return Uni.createFrom().failure(new ApiError.Validation(e.field(), e.getMessage()));
        }
        return Uni.createFrom().deferred(() -> opportunities.find(query))
                .onFailure(e -> e instanceof IllegalArgumentException || e instanceof java.time.DateTimeException)
                .transform(e -> new ApiError.Validation(paging.cursorArgument(), e.getMessage()))
                .map(page -> Connections.of(page, paging, Opportunity::of, OpportunityEdge::new,
                        OpportunityConnection.SHAPE, Connections.Total.of(() -> opportunities.count(query))));
    }

    @Description("How many opportunities the whole list has (all pages). Counted only when asked for.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST, AUDITOR})
    public Uni<@NonNull Integer> totalCount(@Source OpportunityConnection connection) {
        return connection.total().count();
    }

    @Query
    @Description("Open opportunities per stage and currency: count and amount.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST})
    public Uni<@NonNull List<CrmTypes.@NonNull StageTotal>> pipelineTotals(@Id String ownerId) {
        RecordAccess.Scope scope = access.listScope(RecordKind.OPPORTUNITY);
        return opportunities.pipeline(scope.ownerId() != null ? scope.ownerId() : ownerId, scope.team())
                .map(rows -> rows.stream().map(r -> new CrmTypes.StageTotal(r.stage(), r.currency(),
                        Math.toIntExact(r.count()), Decimal.of(r.amount()))).toList());
    }

    @Query
    @Description("Weighted forecast per expected-close month (YYYY-MM) and currency: Σ amount × stage probability "
            + "of open opportunities, plus the unweighted pipeline and what was already won.")
    @Allowed({ADMIN, SUPERVISOR, AGENT, ANALYST})
    public Uni<@NonNull List<CrmTypes.@NonNull ForecastMonth>> forecast(@Description("First month, YYYY-MM.")
            String from, @Description("Last month, YYYY-MM.") String to, @Id String ownerId) {
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
        RecordAccess.Scope scope = access.listScope(RecordKind.OPPORTUNITY);
        return opportunities.forecast(new ForecastQuery(fromMonth, toMonth,
                        scope.ownerId() != null ? scope.ownerId() : ownerId, scope.team()))
                .map(rows -> rows.stream().map(r -> new CrmTypes.ForecastMonth(r.month(), r.currency(),
                        Decimal.of(r.weighted()), Decimal.of(r.pipeline()), Decimal.of(r.won()),
                        Math.toIntExact(r.openCount()))).toList());
    }
}
