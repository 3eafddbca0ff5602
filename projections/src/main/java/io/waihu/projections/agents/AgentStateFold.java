package io.waihu.projections.agents;

import io.waihu.schema.dialer.agents.AgentCallConnectedEvent;
import io.waihu.schema.dialer.agents.AgentIds;
import io.waihu.schema.dialer.agents.AgentLoggedInEvent;
import io.waihu.schema.dialer.agents.AgentLoggedOutEvent;
import io.waihu.schema.dialer.agents.AgentPausedEvent;
import io.waihu.schema.dialer.agents.AgentPhoneLostEvent;
import io.waihu.schema.dialer.agents.AgentPhoneRegainedEvent;
import io.waihu.schema.dialer.agents.AgentReservationReleasedEvent;
import io.waihu.schema.dialer.agents.AgentReservedEvent;
import io.waihu.schema.dialer.agents.AgentState;
import io.waihu.schema.dialer.agents.AgentStateEvent;
import io.waihu.schema.dialer.agents.AgentWrapUpEndedEvent;
import io.waihu.schema.dialer.agents.AgentWrapUpStartedEvent;
import java.time.Instant;

/**
 * The pure fold of an agent's events into its row. The state comes from the event (the aggregate
 * decided it); what the row adds is time: since when the agent is in its state, and since when it
 * is idle — the dialer's order — which an offer that did not connect leaves as it was.
 */
final class AgentStateFold {

    private AgentStateFold() {
    }

    static void apply(AgentStateView row, AgentStateEvent event, Instant at) {
        AgentState before = row.state == null ? AgentState.LOGGED_OUT : AgentState.valueOf(row.state);
        AgentState after = event.state();
        row.agentId = event.agentId();
        if (after != before || row.stateSince == null) {
            row.stateSince = at;
            if (after == AgentState.AVAILABLE && !(event instanceof AgentReservationReleasedEvent)) {
                row.idleSince = at;
            }
        }
        row.state = after.name();
        if (after != AgentState.RESERVED && after != AgentState.ON_CALL && after != AgentState.WRAP_UP) {
            row.callId = null;
            row.campaignId = null;
        }
        if (after != AgentState.WRAP_UP) {
            row.wrapUpEndsAt = null;
        }
        if (after != AgentState.PAUSED) {
            row.reasonCode = null;
        } else if (after != before) {
            row.reasonCode = AgentIds.PHONE_OFFLINE;
        }
        if (event instanceof AgentLoggedInEvent in) {
            row.campaignIds = AgentStateView.joined(in.campaignIds());
        } else if (event instanceof AgentLoggedOutEvent out) {
            row.campaignIds = AgentStateView.joined(out.campaignIds());
            if (after == AgentState.LOGGED_OUT) {
                row.phoneOffline = false;
            }
        } else if (event instanceof AgentPausedEvent paused) {
            row.reasonCode = paused.reasonCode();
        } else if (event instanceof AgentReservedEvent reserved) {
            row.callId = reserved.callId();
            row.campaignId = reserved.campaignId();
        } else if (event instanceof AgentCallConnectedEvent connected) {
            row.callId = connected.callId();
            row.campaignId = null;
        } else if (event instanceof AgentWrapUpStartedEvent wrapUp) {
            row.callId = wrapUp.callId();
            row.wrapUpEndsAt = wrapUp.endsAt();
        } else if (event instanceof AgentPhoneLostEvent) {
            row.phoneOffline = true;
        } else if (event instanceof AgentPhoneRegainedEvent) {
            row.phoneOffline = false;
        } else if (event instanceof AgentWrapUpEndedEvent) {
            row.callId = null;
        }
    }
}
