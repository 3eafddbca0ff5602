package io.waihu.backend.api.agents;

import static io.waihu.schema.users.Role.ADMIN;
import static io.waihu.schema.users.Role.AGENT;
import static io.waihu.schema.users.Role.SUPERVISOR;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.waihu.backend.api.support.ApiError;
import io.waihu.backend.api.support.Commands;
import io.waihu.backend.api.support.Errors;
import io.waihu.backend.api.support.Payloads;
import io.waihu.backend.dialer.agents.AgentRoster;
import io.waihu.backend.dialer.agents.AgentStatus;
import io.waihu.backend.dialer.agents.PauseReasonCatalog;
import io.waihu.backend.security.Allowed;
import io.waihu.backend.security.CurrentUser;
import io.waihu.backend.security.Guarded;
import io.waihu.backend.telephony.Telephony;
import io.waihu.projections.agents.AgentStateProjection;
import io.waihu.projections.agents.AgentStateView;
import io.waihu.projections.users.UserView;
import io.waihu.projections.users.UserViewProjection;
import io.waihu.schema.dialer.agents.AgentIds;
import io.waihu.schema.dialer.agents.DefinePauseReasonCommand;
import io.waihu.schema.dialer.agents.EndWrapUpCommand;
import io.waihu.schema.dialer.agents.LogInAgentCommand;
import io.waihu.schema.dialer.agents.LogOutAgentCommand;
import io.waihu.schema.dialer.agents.PauseAgentCommand;
import io.waihu.schema.dialer.agents.RemovePauseReasonCommand;
import io.waihu.schema.dialer.agents.ResumeAgentCommand;
import io.waihu.schema.users.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/**
 * Agents' states for people: an agent logs itself in and out, pauses, resumes and ends its
 * wrap-up; a supervisor may do so for its team's agents, an admin for anyone. The dialer does not
 * come through here: it uses {@link AgentRoster}.
 */
@GraphQLApi
@Guarded
public class AgentApi {

    private final Commands commands;
    private final AgentStateProjection states;
    private final UserViewProjection users;
    private final PauseReasonCatalog reasons;
    private final Telephony telephony;
    private final CurrentUser user;
    private final int defaultWrapUpSeconds;

    public AgentApi(Commands commands, AgentStateProjection states, UserViewProjection users, PauseReasonCatalog reasons,
            Telephony telephony, CurrentUser user,
            @ConfigProperty(name = "waihu.agents.wrap-up-timeout", defaultValue = "PT30S") Duration wrapUpTimeout) {
        this.commands = commands;
        this.states = states;
        this.users = users;
        this.reasons = reasons;
        this.telephony = telephony;
        this.user = user;
        this.defaultWrapUpSeconds = Math.toIntExact(wrapUpTimeout.toSeconds());
    }

    @Mutation
    @Description("Logs an agent in to campaigns or queues (added to those it is in). Without a registered phone the "
            + "agent starts PAUSED for phone_offline, and becomes AVAILABLE when the phone registers.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<AgentTypes.AgentLoginPayload> agentLogin(@NonNull AgentTypes.AgentLoginInput input) {
        int wrapUp = input.wrapUpSeconds() == null ? defaultWrapUpSeconds : input.wrapUpSeconds();
        return Payloads.of(target(input.agentId()).chain(agent -> {
            if (!agent.roleSet().contains(Role.AGENT.name())) {
                return Uni.createFrom().failure(new ApiError.Validation("agentId", "only users with the AGENT role log "
                        + "in to campaigns"));
            }
            return Uni.createFrom().item(() -> telephony.isRegistered(agent.username))
                    .chain(online -> send(new LogInAgentCommand(agent.id, input.campaignIds(), wrapUp, online),
                            agent.id));
        }).map(status -> new AgentTypes.AgentLoginPayload(status, List.of())),
                errors -> new AgentTypes.AgentLoginPayload(null, errors));
    }

    @Mutation
    @Description("Logs an agent out of some campaigns or queues, or of all (then LOGGED_OUT). Refused (CONFLICT) while "
            + "a call or its wrap-up is not over.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<AgentTypes.AgentLogoutPayload> agentLogout(@NonNull AgentTypes.AgentLogoutInput input) {
        return Payloads.of(act(input.agentId(), id -> new LogOutAgentCommand(id, input.campaignIds()))
                .map(status -> new AgentTypes.AgentLogoutPayload(status, List.of())),
                errors -> new AgentTypes.AgentLogoutPayload(null, errors));
    }

    @Mutation
    @Description("Pauses an AVAILABLE (or already PAUSED) agent for one of pauseReasons' codes; an unknown code is a "
            + "VALIDATION error, another state a CONFLICT.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<AgentTypes.PauseAgentPayload> pauseAgent(@NonNull AgentTypes.PauseAgentInput input) {
        return Payloads.of(act(input.agentId(), id -> new PauseAgentCommand(id, input.reasonCode()))
                .map(status -> new AgentTypes.PauseAgentPayload(status, List.of())),
                errors -> new AgentTypes.PauseAgentPayload(null, errors));
    }

    @Mutation
    @Description("A PAUSED agent takes calls again (AVAILABLE); refused while its phone is offline.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<AgentTypes.ResumeAgentPayload> resumeAgent(@NonNull AgentTypes.ResumeAgentInput input) {
        return Payloads.of(act(input.agentId(), ResumeAgentCommand::new)
                .map(status -> new AgentTypes.ResumeAgentPayload(status, List.of())),
                errors -> new AgentTypes.ResumeAgentPayload(null, errors));
    }

    @Mutation
    @Description("Ends the agent's WRAP_UP with the call's disposition: AVAILABLE again (PAUSED if its phone went "
            + "offline meanwhile).")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<AgentTypes.EndWrapUpPayload> endWrapUp(@NonNull AgentTypes.EndWrapUpInput input) {
        return Payloads.of(act(input.agentId(), id -> new EndWrapUpCommand(id, null, input.disposition(), false))
                .map(status -> new AgentTypes.EndWrapUpPayload(status, List.of())),
                errors -> new AgentTypes.EndWrapUpPayload(null, errors));
    }

    @Query
    @Description("The reasons agents may pause for.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<@NonNull List<AgentTypes.@NonNull PauseReasonView>> pauseReasons() {
        return blocking(this::reasonViews);
    }

    @Mutation
    @Description("Adds a pause reason, or relabels one.")
    @Allowed({ADMIN})
    public Uni<AgentTypes.DefinePauseReasonPayload> definePauseReason(@NonNull AgentTypes.DefinePauseReasonInput input) {
        return Payloads.of(commands.send(new DefinePauseReasonCommand(AgentIds.PAUSE_REASONS, input.code(),
                input.label())).chain(ignored -> blocking(() -> {
                    reasons.changed();
                    return reasonViews();
                })).map(list -> new AgentTypes.DefinePauseReasonPayload(list, List.of())),
                errors -> new AgentTypes.DefinePauseReasonPayload(null, errors));
    }

    @Mutation
    @Description("Removes a pause reason: agents can no longer choose it; those paused for it stay paused.")
    @Allowed({ADMIN})
    public Uni<AgentTypes.RemovePauseReasonPayload> removePauseReason(@NonNull AgentTypes.RemovePauseReasonInput input) {
        return Payloads.of(commands.send(new RemovePauseReasonCommand(AgentIds.PAUSE_REASONS, input.code()))
                .chain(ignored -> blocking(() -> {
                    reasons.changed();
                    return reasonViews();
                })).map(list -> new AgentTypes.RemovePauseReasonPayload(list, List.of())),
                errors -> new AgentTypes.RemovePauseReasonPayload(null, errors));
    }

    @Query
    @Description("Logged-in agents with their state and time in it, by state and longest in it first (at most 2,000). "
            + "Admins see everyone (or one team), supervisors their own team, agents themselves.")
    @Allowed({ADMIN, SUPERVISOR, AGENT})
    public Uni<@NonNull List<AgentTypes.@NonNull AgentStatusView>> agentStates(
            @Id @Description("Only agents logged in to this campaign or queue.") String campaignId,
            @Description("Only agents of this team (admins; a supervisor's is its own).") String team) {
        String scope;
        if (user.has(Role.ADMIN)) {
            scope = team;
        } else if (user.has(Role.SUPERVISOR)) {
            if (team != null && !team.equals(user.team())) {
                return Uni.createFrom().failure(new ApiError.Forbidden("supervisors see their own team's agents"));
            }
            scope = user.team() == null ? "" : user.team();
        } else {
            scope = null;
        }
        boolean self = !user.has(Role.ADMIN) && !user.has(Role.SUPERVISOR);
        String me = user.userId();
        return states.current(campaignId, scope).map(rows -> {
            Instant now = Instant.now();
            return rows.stream().filter(row -> !self || row.agentId.equals(me))
                    .map(row -> AgentTypes.AgentStatusView.of(AgentRoster.of(row, now))).toList();
        });
    }

    /** The agent a mutation acts on, if the caller may act for it: itself, its team's (supervisors), anyone (admins). */
    private Uni<UserView> target(String agentId) {
        String id = agentId == null ? user.userId() : agentId;
        boolean self = id.equals(user.userId());
        if (!self && !user.has(Role.ADMIN) && !user.has(Role.SUPERVISOR)) {
            return Uni.createFrom().failure(new ApiError.Forbidden("agents act for themselves only"));
        }
        return users.byId(id).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(new ApiError.NotFound("no such user: " + id));
            }
            if (!self && !user.has(Role.ADMIN)
                    && (user.team() == null || !user.team().equals(found.team))) {
                return Uni.createFrom().failure(new ApiError.Forbidden("supervisors act for their own team's agents"));
            }
            return Uni.createFrom().item(found);
        });
    }

    /** A command to a logged-in agent; one that never logged in has no stream yet, which the user fixes by logging in. */
    private Uni<AgentTypes.AgentStatusView> act(String agentId, Function<String, Object> command) {
        return target(agentId).chain(agent -> send(command.apply(agent.id), agent.id)
                // the agent rules raise no GONE: not found here is the agent's missing stream
                .onFailure(ApiError.NotFound.class).transform(e -> new ApiError.Conflict("not logged in")));
    }

    /** Sends, waits for this node's view to show it, and answers the agent's state then. */
    private Uni<AgentTypes.AgentStatusView> send(Object command, String agentId) {
        return commands.sendAwaitingRow(command, AgentStateProjection.MODEL, AgentIds.stream(agentId), agentId)
                .chain(outcome -> outcome.row() instanceof AgentStateView row ? Uni.createFrom().item(row)
                        : states.byId(agentId))
                .map(row -> AgentTypes.AgentStatusView.of(row == null
                        ? new AgentStatus(agentId, io.waihu.schema.dialer.agents.AgentState.LOGGED_OUT, List.of(),
                                null, null, null, null, null, false, Duration.ZERO)
                        : AgentRoster.of(row, Instant.now())));
    }

    private List<AgentTypes.PauseReasonView> reasonViews() {
        return reasons.reasons().stream().map(r -> new AgentTypes.PauseReasonView(r.code(), r.label())).toList();
    }

    /** The catalog reads the event store (JDBC): on a worker thread, never the event loop. */
    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(Errors::map);
    }
}
