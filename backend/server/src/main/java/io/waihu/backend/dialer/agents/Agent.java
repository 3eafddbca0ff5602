package io.waihu.backend.dialer.agents;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.schema.dialer.agents.AgentCallConnectedEvent;
import io.waihu.schema.dialer.agents.AgentIds;
import io.waihu.schema.dialer.agents.AgentLoggedInEvent;
import io.waihu.schema.dialer.agents.AgentLoggedOutEvent;
import io.waihu.schema.dialer.agents.AgentPausedEvent;
import io.waihu.schema.dialer.agents.AgentPhoneLostEvent;
import io.waihu.schema.dialer.agents.AgentPhoneRegainedEvent;
import io.waihu.schema.dialer.agents.AgentReservationReleasedEvent;
import io.waihu.schema.dialer.agents.AgentReservedEvent;
import io.waihu.schema.dialer.agents.AgentResumedEvent;
import io.waihu.schema.dialer.agents.AgentState;
import io.waihu.schema.dialer.agents.AgentWrapUpEndedEvent;
import io.waihu.schema.dialer.agents.AgentWrapUpStartedEvent;
import io.waihu.schema.dialer.agents.ConnectAgentCommand;
import io.waihu.schema.dialer.agents.EndAgentCallCommand;
import io.waihu.schema.dialer.agents.EndWrapUpCommand;
import io.waihu.schema.dialer.agents.LogInAgentCommand;
import io.waihu.schema.dialer.agents.LogOutAgentCommand;
import io.waihu.schema.dialer.agents.PauseAgentCommand;
import io.waihu.schema.dialer.agents.ReleaseAgentCommand;
import io.waihu.schema.dialer.agents.ReportAgentPhoneCommand;
import io.waihu.schema.dialer.agents.ReserveAgentCommand;
import io.waihu.schema.dialer.agents.ResumeAgentCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One agent's state in the dialer (its id is the user's). One state whatever the number of
 * campaigns: a person takes one call at a time. The append of this aggregate's events is the
 * lock of the dialer: two nodes reserving the same agent at once both pass the check, and the
 * event store's unique (aggregate, sequence) key lets one of them store its event.
 *
 * <p>Commands the call hook and the dialer send about calls ({@link ConnectAgentCommand},
 * {@link EndAgentCallCommand}, {@link ReleaseAgentCommand}, a timed-out {@link EndWrapUpCommand},
 * {@link ReportAgentPhoneCommand}) change nothing when they no longer apply — the call is not
 * the agent's any more, the agent logged out — so a repeated or late report is harmless. What an
 * agent or the dialer asks for that the state forbids is a {@code CONFLICT}.
 */
public class Agent {

    static final int MAX_CAMPAIGNS = 50;
    static final int MAX_WRAP_UP_SECONDS = 3600;
    private static final java.util.regex.Pattern DISPOSITION = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    @AggregateIdentifier
    private String streamId;
    private String agentId;
    private AgentState state = AgentState.LOGGED_OUT;
    private final Set<String> campaigns = new LinkedHashSet<>();
    private int wrapUpSeconds;
    private String callId;
    private String reasonCode;
    private Instant wrapUpEndsAt;
    private boolean phoneOffline;
    private String reservedCampaign;

    protected Agent() {
        // for Axon's event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(LogInAgentCommand command) {
        List<String> given = campaignIds("campaignIds", command.campaignIds());
        if (given.isEmpty()) {
            throw RuleViolation.invalid("campaignIds", "log in to at least one campaign or queue");
        }
        if (command.wrapUpSeconds() < 0 || command.wrapUpSeconds() > MAX_WRAP_UP_SECONDS) {
            throw RuleViolation.invalid("wrapUpSeconds", "wrap-up time is 0 (until a disposition) to "
                    + MAX_WRAP_UP_SECONDS + " seconds");
        }
        Set<String> all = new LinkedHashSet<>(campaigns);
        all.addAll(given);
        if (all.size() > MAX_CAMPAIGNS) {
            throw RuleViolation.invalid("campaignIds", "at most " + MAX_CAMPAIGNS + " campaigns at once");
        }
        boolean fresh = state == AgentState.LOGGED_OUT;
        if (!fresh && all.equals(campaigns) && command.wrapUpSeconds() == wrapUpSeconds) {
            return;
        }
        AggregateLifecycle.apply(new AgentLoggedInEvent(command.agentId(), List.copyOf(all), command.wrapUpSeconds(),
                fresh ? AgentState.AVAILABLE : state));
        if (fresh && !command.phoneOnline()) {
            AggregateLifecycle.apply(new AgentPhoneLostEvent(agentId, AgentIds.PHONE_OFFLINE, AgentState.PAUSED));
        }
    }

    @CommandHandler
    public void handle(LogOutAgentCommand command) {
        if (state == AgentState.LOGGED_OUT) {
            throw RuleViolation.conflict("not logged in");
        }
        List<String> leaving = command.campaignIds() == null || command.campaignIds().isEmpty()
                ? List.copyOf(campaigns) : campaignIds("campaignIds", command.campaignIds());
        for (int i = 0; i < leaving.size(); i++) {
            if (!campaigns.contains(leaving.get(i))) {
                throw RuleViolation.invalid("campaignIds[" + i + "]", "not logged in to " + leaving.get(i));
            }
        }
        List<String> remaining = new ArrayList<>(campaigns);
        remaining.removeAll(leaving);
        if (remaining.isEmpty() && busy()) {
            throw RuleViolation.conflict("finish the call (" + state + ") before logging out");
        }
        if (state == AgentState.RESERVED && !remaining.contains(reservedCampaign)) {
            throw RuleViolation.conflict("a call of " + reservedCampaign + " is being offered: take it first");
        }
        AggregateLifecycle.apply(new AgentLoggedOutEvent(agentId, List.copyOf(remaining),
                remaining.isEmpty() ? AgentState.LOGGED_OUT : state));
    }

    @CommandHandler
    public void handle(PauseAgentCommand command, PauseReasonCatalog reasons) {
        String code = command.reasonCode();
        if (code == null || !AgentIds.REASON.matcher(code).matches() || AgentIds.PHONE_OFFLINE.equals(code)
                || !reasons.has(code)) {
            throw RuleViolation.invalid("reasonCode", "not a pause reason: " + (code == null ? "none given" : code));
        }
        if (state != AgentState.AVAILABLE && state != AgentState.PAUSED) {
            throw RuleViolation.conflict("cannot pause while " + state
                    + (state == AgentState.WRAP_UP ? ": end the wrap-up with a disposition first" : ""));
        }
        if (state == AgentState.PAUSED && code.equals(reasonCode)) {
            return;
        }
        AggregateLifecycle.apply(new AgentPausedEvent(agentId, code, AgentState.PAUSED));
    }

    @CommandHandler
    public void handle(ResumeAgentCommand command) {
        if (state != AgentState.PAUSED) {
            throw RuleViolation.conflict("not paused but " + state);
        }
        if (phoneOffline) {
            throw RuleViolation.conflict("the phone is offline: register it first");
        }
        AggregateLifecycle.apply(new AgentResumedEvent(agentId, AgentState.AVAILABLE));
    }

    @CommandHandler
    public void handle(ReserveAgentCommand command) {
        requireCallId(command.callId());
        if (state == AgentState.RESERVED && command.callId().equals(callId)) {
            return;
        }
        if (state != AgentState.AVAILABLE || !campaigns.contains(command.campaignId())) {
            throw RuleViolation.conflict("agent is " + state
                    + (campaigns.contains(command.campaignId()) ? "" : " and not in campaign " + command.campaignId()));
        }
        AggregateLifecycle.apply(new AgentReservedEvent(agentId, command.callId(), command.campaignId(),
                AgentState.RESERVED));
    }

    @CommandHandler
    public void handle(ReleaseAgentCommand command) {
        if (state == AgentState.RESERVED && callId.equals(command.callId())) {
            AggregateLifecycle.apply(new AgentReservationReleasedEvent(agentId, callId, afterCall()));
        }
    }

    @CommandHandler
    public void handle(ConnectAgentCommand command) {
        requireCallId(command.callId());
        switch (state) {
            case LOGGED_OUT -> {
                // not in the dialer: its calls are no state of it
            }
            case ON_CALL -> {
                if (!command.callId().equals(callId)) {
                    throw RuleViolation.conflict("already on call " + callId);
                }
            }
            case RESERVED -> {
                if (!command.callId().equals(callId)) {
                    throw RuleViolation.conflict("call " + callId + " is being offered");
                }
                AggregateLifecycle.apply(new AgentCallConnectedEvent(agentId, callId, AgentState.ON_CALL));
            }
            default -> AggregateLifecycle.apply(new AgentCallConnectedEvent(agentId, command.callId(),
                    AgentState.ON_CALL));
        }
    }

    @CommandHandler
    public void handle(EndAgentCallCommand command) {
        if (state == AgentState.ON_CALL && callId.equals(command.callId())) {
            Instant endsAt = wrapUpSeconds == 0 ? null
                    : GenericEventMessage.clock.instant().plusSeconds(wrapUpSeconds);
            AggregateLifecycle.apply(new AgentWrapUpStartedEvent(agentId, callId, endsAt, AgentState.WRAP_UP));
        } else if (state == AgentState.RESERVED && callId.equals(command.callId())) {
            AggregateLifecycle.apply(new AgentReservationReleasedEvent(agentId, callId, afterCall()));
        }
    }

    @CommandHandler
    public void handle(EndWrapUpCommand command) {
        boolean thisWrapUp = state == AgentState.WRAP_UP
                && (command.callId() == null || command.callId().equals(callId));
        if (command.timedOut()) {
            if (thisWrapUp && wrapUpEndsAt != null && !GenericEventMessage.clock.instant().isBefore(wrapUpEndsAt)) {
                AggregateLifecycle.apply(new AgentWrapUpEndedEvent(agentId, callId, null, true, afterCall()));
            }
            return;
        }
        if (!thisWrapUp) {
            throw RuleViolation.conflict(state == AgentState.WRAP_UP ? "that wrap-up is over" : "not in wrap-up");
        }
        if (command.disposition() == null || !DISPOSITION.matcher(command.disposition()).matches()) {
            throw RuleViolation.invalid("disposition", "a disposition code (letters, digits, _.:-, up to 64) is required");
        }
        AggregateLifecycle.apply(new AgentWrapUpEndedEvent(agentId, callId, command.disposition(), false, afterCall()));
    }

    @CommandHandler
    public void handle(ReportAgentPhoneCommand command) {
        if (state == AgentState.LOGGED_OUT || command.online() != phoneOffline) {
            return;
        }
        if (command.online()) {
            boolean pausedForIt = state == AgentState.PAUSED && AgentIds.PHONE_OFFLINE.equals(reasonCode);
            AggregateLifecycle.apply(new AgentPhoneRegainedEvent(agentId, pausedForIt ? AgentState.AVAILABLE : state));
        } else {
            boolean idle = state == AgentState.AVAILABLE || state == AgentState.PAUSED;
            AggregateLifecycle.apply(new AgentPhoneLostEvent(agentId, AgentIds.PHONE_OFFLINE,
                    idle ? AgentState.PAUSED : state));
        }
    }

    private boolean busy() {
        return state == AgentState.RESERVED || state == AgentState.ON_CALL || state == AgentState.WRAP_UP;
    }

    /** Where a call leaves the agent: available, or paused when its phone went offline meanwhile. */
    private AgentState afterCall() {
        return phoneOffline ? AgentState.PAUSED : AgentState.AVAILABLE;
    }

    private static void requireCallId(String callId) {
        if (callId == null || !AgentIds.CAMPAIGN.matcher(callId).matches()) {
            throw RuleViolation.invalid("callId", "a call id is required");
        }
    }

    private static List<String> campaignIds(String field, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !AgentIds.CAMPAIGN.matcher(id).matches()) {
                throw RuleViolation.invalid(field + "[" + i + "]", "not a campaign or queue id");
            }
            unique.add(id);
        }
        return List.copyOf(unique);
    }

    // ---------------------------------------------------------------- state

    @EventSourcingHandler
    void on(AgentLoggedInEvent event) {
        streamId = AgentIds.stream(event.agentId());
        agentId = event.agentId();
        campaigns.clear();
        campaigns.addAll(event.campaignIds());
        wrapUpSeconds = event.wrapUpSeconds();
        if (event.state() != state) {
            enter(event.state(), null);
        }
    }

    @EventSourcingHandler
    void on(AgentLoggedOutEvent event) {
        campaigns.clear();
        campaigns.addAll(event.campaignIds());
        if (event.state() == AgentState.LOGGED_OUT) {
            phoneOffline = false;
            enter(event.state(), null);
        }
    }

    @EventSourcingHandler
    void on(AgentPausedEvent event) {
        enter(event.state(), event.reasonCode());
    }

    @EventSourcingHandler
    void on(AgentResumedEvent event) {
        enter(event.state(), null);
    }

    @EventSourcingHandler
    void on(AgentReservedEvent event) {
        enter(event.state(), null);
        callId = event.callId();
        reservedCampaign = event.campaignId();
    }

    @EventSourcingHandler
    void on(AgentReservationReleasedEvent event) {
        enter(event.state(), event.state() == AgentState.PAUSED ? AgentIds.PHONE_OFFLINE : null);
    }

    @EventSourcingHandler
    void on(AgentCallConnectedEvent event) {
        enter(event.state(), null);
        callId = event.callId();
    }

    @EventSourcingHandler
    void on(AgentWrapUpStartedEvent event) {
        enter(event.state(), null);
        callId = event.callId();
        wrapUpEndsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(AgentWrapUpEndedEvent event) {
        enter(event.state(), event.state() == AgentState.PAUSED ? AgentIds.PHONE_OFFLINE : null);
    }

    @EventSourcingHandler
    void on(AgentPhoneLostEvent event) {
        phoneOffline = true;
        if (event.state() != state) {
            enter(event.state(), event.reasonCode());
        }
    }

    @EventSourcingHandler
    void on(AgentPhoneRegainedEvent event) {
        phoneOffline = false;
        if (event.state() != state) {
            enter(event.state(), null);
        }
    }

    private void enter(AgentState next, String reason) {
        boolean keepCall = next == AgentState.ON_CALL || next == AgentState.WRAP_UP || next == AgentState.RESERVED;
        state = next;
        reasonCode = next == AgentState.PAUSED ? reason : null;
        if (!keepCall) {
            callId = null;
            reservedCampaign = null;
        }
        if (next != AgentState.WRAP_UP) {
            wrapUpEndsAt = null;
        }
    }
}
