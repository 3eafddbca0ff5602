package io.waihu.backend.api.agents;

import static io.waihu.backend.api.support.ApiTypes.USER_ERRORS;

import io.smallrye.graphql.api.Nullable;
import io.waihu.backend.api.support.UserError;
import io.waihu.backend.dialer.agents.AgentStatus;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The GraphQL types of agent states. */
public final class AgentTypes {

    static final String AGENT_ID = "The agent (a user id); left out: yourself. Only supervisors (their team's agents) "
            + "and admins act for another agent.";

    private AgentTypes() {
    }

    /** The stored {@link io.waihu.schema.dialer.agents.AgentState}, value for value, described for the API. */
    @Enum("AgentState")
    @Description("Where an agent is in the dialer's cycle.")
    public enum AgentState {
        @Description("In no campaign or queue.")
        LOGGED_OUT,
        @Description("Waiting for a call; the longest waiting gets the next one.")
        AVAILABLE,
        @Description("A call is being offered (callId).")
        RESERVED,
        @Description("Talking (callId).")
        ON_CALL,
        @Description("After a call, until a disposition or the wrap-up time runs out (wrapUpEndsAt).")
        WRAP_UP,
        @Description("Not taking calls (reasonCode; phone_offline when the phone lost its registration).")
        PAUSED;

        static AgentState of(io.waihu.schema.dialer.agents.AgentState stored) {
            return valueOf(stored.name());
        }
    }

    @Type("AgentStatus")
    @Description("An agent's current state, with the time spent in it.")
    public record AgentStatusView(@NonNull @Id @Description("The agent (its user id).") String agentId,
            @NonNull @Description("The state.") AgentState state,
            @NonNull @Id @Description("The campaigns and queues the agent is logged in to.") List<@NonNull String> campaignIds,
            @Id @Description("The call offered, talked or wrapped up; null in other states.") String callId,
            @Description("Why the agent is paused; null unless PAUSED.") String reasonCode,
            @Description("When the agent entered the state.") Instant stateSince,
            @NonNull @Description("Seconds in the state when this was read.") long timeInStateSeconds,
            @Description("When the agent last became available: calls go to the longest idle first.") Instant idleSince,
            @Description("When the wrap-up ends by itself; null: only by a disposition, or not in WRAP_UP.")
            Instant wrapUpEndsAt,
            @NonNull @Description("True when the agent's phone has no registration.") boolean phoneOffline) {

        static AgentStatusView of(AgentStatus status) {
            return new AgentStatusView(status.agentId(), AgentState.of(status.state()), status.campaignIds(),
                    status.callId(), status.reasonCode(), status.stateSince(), status.timeInState().toSeconds(),
                    status.idleSince(), status.wrapUpEndsAt(), status.phoneOffline());
        }
    }

    @Type("PauseReason")
    @Description("A reason agents may pause for.")
    public record PauseReasonView(@NonNull @Description("The stable code (pauseAgent's reasonCode).") String code,
            @NonNull @Description("For people.") String label) {
    }

    @Type("AgentStateChange")
    @Description("An agent's state changed.")
    public record AgentStateChange(@NonNull @Id @Description("The agent.") String agentId,
            @NonNull @Description("The version of the agent's state this notice is about.") int version,
            @Description("The agent's state now; null when it left your view.") AgentStatusView agent) {
    }

    @Input("AgentLoginInput")
    @Description("Log in to campaigns or queues.")
    public record AgentLoginInput(@Id @Description(AGENT_ID) String agentId,
            @NonNull @Id @Description("Campaign or queue ids (1..50); added to those the agent is in.")
            List<@NonNull String> campaignIds,
            @Description("Seconds a wrap-up may last before it ends by itself (0: until a disposition); left out, "
                    + "the system's setting.") Integer wrapUpSeconds) {
    }

    @Input("AgentLogoutInput")
    @Description("Log out of some campaigns, or of all.")
    public record AgentLogoutInput(@Id @Description(AGENT_ID) String agentId,
            @Nullable @Id @Description("The campaigns or queues to leave; left out or empty: all (log out).")
            List<@NonNull String> campaignIds) {
    }

    @Input("PauseAgentInput")
    @Description("Pause for a reason.")
    public record PauseAgentInput(@Id @Description(AGENT_ID) String agentId,
            @NonNull @Description("One of pauseReasons' codes.") String reasonCode) {
    }

    @Input("ResumeAgentInput")
    @Description("Take calls again after a pause.")
    public record ResumeAgentInput(@Id @Description(AGENT_ID) String agentId) {
    }

    @Input("EndWrapUpInput")
    @Description("End the wrap-up with a disposition.")
    public record EndWrapUpInput(@Id @Description(AGENT_ID) String agentId,
            @NonNull @Description("The call's disposition code (letters, digits, _.:-; up to 64).") String disposition) {
    }

    @Input("DefinePauseReasonInput")
    @Description("Add a pause reason, or relabel one.")
    public record DefinePauseReasonInput(
            @NonNull @Description("Lower-case letter, then letters, digits or _ (up to 32).") String code,
            @NonNull @Description("For people (up to 100 characters).") String label) {
    }

    @Input("RemovePauseReasonInput")
    @Description("Remove a pause reason; agents paused for it stay paused.")
    public record RemovePauseReasonInput(@NonNull @Description("The reason's code.") String code) {
    }

    @Type("AgentLoginPayload")
    @Description("The result of agentLogin.")
    public record AgentLoginPayload(@Description("The agent's state now; null when refused.") AgentStatusView agent,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("AgentLogoutPayload")
    @Description("The result of agentLogout.")
    public record AgentLogoutPayload(@Description("The agent's state now; null when refused.") AgentStatusView agent,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("PauseAgentPayload")
    @Description("The result of pauseAgent.")
    public record PauseAgentPayload(@Description("The agent's state now; null when refused.") AgentStatusView agent,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("ResumeAgentPayload")
    @Description("The result of resumeAgent.")
    public record ResumeAgentPayload(@Description("The agent's state now; null when refused.") AgentStatusView agent,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("EndWrapUpPayload")
    @Description("The result of endWrapUp.")
    public record EndWrapUpPayload(@Description("The agent's state now; null when refused.") AgentStatusView agent,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("DefinePauseReasonPayload")
    @Description("The result of definePauseReason.")
    public record DefinePauseReasonPayload(@Description("The reasons now; null when refused.")
            List<@NonNull PauseReasonView> pauseReasons,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }

    @Type("RemovePauseReasonPayload")
    @Description("The result of removePauseReason.")
    public record RemovePauseReasonPayload(@Description("The reasons now; null when refused.")
            List<@NonNull PauseReasonView> pauseReasons,
            @NonNull @Description(USER_ERRORS) List<@NonNull UserError> userErrors) {
    }
}
