package io.waihu.backend.api.reports;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.ANALYST;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.waihu.backend.analytics.CallReports;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.projections.users.UserView;
import io.waihu.projections.users.UserViewProjection;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** Reports over the analytics tables. */
@GraphQLApi
@Guarded
public class ReportApi {

    private final CallReports calls;
    private final UserViewProjection users;
    private final CurrentUser user;

    public ReportApi(CallReports calls, UserViewProjection users, CurrentUser user) {
        this.calls = calls;
        this.users = users;
        this.user = user;
    }

    @Query
    @Description("Call attempts, live answers, connects, connect rate, average talk time and abandon rate (abandoned over "
            + "live-answered), grouped by hour, day, campaign, agent, trunk, result or direction in a chosen time zone. "
            + "Analysts and admins see every call, supervisors their team's, agents their own. A bad range, zone or "
            + "grouping is a top-level VALIDATION error (and a null report).")
    @Allowed({ADMIN, ANALYST, SUPERVISOR, AGENT})
    public Uni<ReportTypes.CallReport> callReport(@NonNull ReportTypes.CallReportInput input) {
        Context caller = Vertx.currentContext();
        return Uni.createFrom().deferred(() -> agents(input))
                .chain(agentIds -> {
                    CallReports.Request request = new CallReports.Request(input.from(), input.to(), zone(input.timeZone()),
                            input.groupBy() == null ? List.of() : input.groupBy().stream().map(d -> d.dimension).toList(),
                            input.campaignId(), agentIds);
                    Uni<List<CallReports.Row>> rows = Uni.createFrom().item(() -> calls.report(request))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                    return caller == null ? rows : rows.emitOn(task -> caller.runOnContext(ignored -> task.run()));
                })
                .map(rows -> new ReportTypes.CallReport(rows.stream().map(ReportTypes.CallReportRow::of).toList()))
                .onFailure().transform(Errors::map);
    }

    /** Whose calls the caller may see and asked for: {@code null} for everyone's. */
    private Uni<List<String>> agents(ReportTypes.CallReportInput input) {
        if (!user.has(ADMIN) && !user.has(ANALYST)) {
            if (user.has(SUPERVISOR) && user.team() != null) {
                if (input.team() != null && !input.team().equals(user.team())) {
                    return Uni.createFrom().failure(new ApiError.Forbidden("another team's calls"));
                }
                return members(user.team()).map(ids -> narrowed(ids, input.agentId()));
            }
            if (input.agentId() != null && !input.agentId().equals(user.userId())) {
                return Uni.createFrom().failure(new ApiError.Forbidden("another agent's calls"));
            }
            return Uni.createFrom().item(List.of(user.userId()));
        }
        if (input.team() != null) {
            return members(input.team()).map(ids -> narrowed(ids, input.agentId()));
        }
        return Uni.createFrom().item(input.agentId() == null ? null : List.of(input.agentId()));
    }

    private Uni<List<String>> members(String team) {
        return users.all(team).map(list -> list.stream().map(u -> u.id).toList());
    }

    private static List<String> narrowed(List<String> team, String agentId) {
        return agentId == null ? team : team.contains(agentId) ? List.of(agentId) : List.of();
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw RuleViolation.invalid("timeZone", "not a time zone: use an IANA name such as Asia/Shanghai");
        }
    }
}
