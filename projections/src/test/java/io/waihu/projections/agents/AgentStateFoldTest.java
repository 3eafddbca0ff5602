package io.waihu.projections.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.schema.dialer.agents.AgentCallConnectedEvent;
import io.waihu.schema.dialer.agents.AgentIds;
import io.waihu.schema.dialer.agents.AgentLoggedInEvent;
import io.waihu.schema.dialer.agents.AgentLoggedOutEvent;
import io.waihu.schema.dialer.agents.AgentPausedEvent;
import io.waihu.schema.dialer.agents.AgentPhoneLostEvent;
import io.waihu.schema.dialer.agents.AgentReservationReleasedEvent;
import io.waihu.schema.dialer.agents.AgentReservedEvent;
import io.waihu.schema.dialer.agents.AgentState;
import io.waihu.schema.dialer.agents.AgentWrapUpEndedEvent;
import io.waihu.schema.dialer.agents.AgentWrapUpStartedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentStateFoldTest {

    private static final String AGENT = "agent-1";
    private static final Instant T0 = Instant.parse("2030-03-04T09:00:00Z");

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static AgentStateView loggedIn() {
        AgentStateView row = new AgentStateView();
        AgentStateFold.apply(row, new AgentLoggedInEvent(AGENT, List.of("a", "b"), 30, AgentState.AVAILABLE), at(0));
        return row;
    }

    @Test
    void loginMakesTheAgentIdleFromThatMomentInItsCampaigns() {
        AgentStateView row = loggedIn();
        assertThat(row.state).isEqualTo("AVAILABLE");
        assertThat(row.campaigns()).containsExactly("a", "b");
        assertThat(row.campaignIds).isEqualTo(",a,b,");
        assertThat(row.idleSince).isEqualTo(at(0));
        assertThat(row.stateSince).isEqualTo(at(0));
    }

    @Test
    void withdrawnOfferKeepsTheIdleTimeButNotTheCall() {
        AgentStateView row = loggedIn();
        AgentStateFold.apply(row, new AgentReservedEvent(AGENT, "c1", "a", AgentState.RESERVED), at(10));
        assertThat(row.callId).isEqualTo("c1");
        assertThat(row.campaignId).isEqualTo("a");
        AgentStateFold.apply(row, new AgentReservationReleasedEvent(AGENT, "c1", AgentState.AVAILABLE), at(12));
        assertThat(row.state).isEqualTo("AVAILABLE");
        assertThat(row.idleSince).as("first in line still").isEqualTo(at(0));
        assertThat(row.stateSince).isEqualTo(at(12));
        assertThat(row.callId).isNull();
        assertThat(row.campaignId).isNull();
    }

    @Test
    void wrapUpCarriesItsDeadlineAndItsEndRestartsTheIdleTime() {
        AgentStateView row = loggedIn();
        AgentStateFold.apply(row, new AgentCallConnectedEvent(AGENT, "c1", AgentState.ON_CALL), at(5));
        AgentStateFold.apply(row, new AgentWrapUpStartedEvent(AGENT, "c1", at(95), AgentState.WRAP_UP), at(65));
        assertThat(row.wrapUpEndsAt).isEqualTo(at(95));
        assertThat(row.callId).isEqualTo("c1");
        AgentStateFold.apply(row, new AgentWrapUpEndedEvent(AGENT, "c1", "sold", false, AgentState.AVAILABLE), at(70));
        assertThat(row.wrapUpEndsAt).isNull();
        assertThat(row.callId).isNull();
        assertThat(row.idleSince).isEqualTo(at(70));
    }

    @Test
    void wrapUpEndingWithThePhoneOfflinePausesForIt() {
        AgentStateView row = loggedIn();
        AgentStateFold.apply(row, new AgentCallConnectedEvent(AGENT, "c1", AgentState.ON_CALL), at(5));
        AgentStateFold.apply(row, new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.ON_CALL), at(6));
        assertThat(row.state).isEqualTo("ON_CALL");
        assertThat(row.phoneOffline).isTrue();
        assertThat(row.stateSince).as("the state did not change").isEqualTo(at(5));
        AgentStateFold.apply(row, new AgentWrapUpStartedEvent(AGENT, "c1", null, AgentState.WRAP_UP), at(9));
        AgentStateFold.apply(row, new AgentWrapUpEndedEvent(AGENT, "c1", "sold", false, AgentState.PAUSED), at(20));
        assertThat(row.state).isEqualTo("PAUSED");
        assertThat(row.reasonCode).isEqualTo(AgentIds.PHONE_OFFLINE);
    }

    @Test
    void pauseKeepsItsReasonWhenThePhoneGoesOfflineToo() {
        AgentStateView row = loggedIn();
        AgentStateFold.apply(row, new AgentPausedEvent(AGENT, "lunch", AgentState.PAUSED), at(5));
        AgentStateFold.apply(row, new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.PAUSED), at(6));
        assertThat(row.reasonCode).isEqualTo("lunch");
        assertThat(row.phoneOffline).isTrue();
    }

    @Test
    void logoutLeavesNoCampaignAndForgetsThePhone() {
        AgentStateView row = loggedIn();
        AgentStateFold.apply(row, new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.PAUSED), at(3));
        AgentStateFold.apply(row, new AgentLoggedOutEvent(AGENT, List.of(), AgentState.LOGGED_OUT), at(4));
        assertThat(row.state).isEqualTo("LOGGED_OUT");
        assertThat(row.campaigns()).isEmpty();
        assertThat(row.phoneOffline).isFalse();
        assertThat(row.reasonCode).isNull();
    }
}
