package io.waihu.backend.dialer.agents;

import static io.waihu.backend.domain.RuleViolationMatcher.conflict;
import static io.waihu.backend.domain.RuleViolationMatcher.invalid;

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
import io.waihu.schema.dialer.agents.PauseReason;
import io.waihu.schema.dialer.agents.ReleaseAgentCommand;
import io.waihu.schema.dialer.agents.ReportAgentPhoneCommand;
import io.waihu.schema.dialer.agents.ReserveAgentCommand;
import io.waihu.schema.dialer.agents.ResumeAgentCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentTest {

    private static final String AGENT = "agent-1";
    private static final String SALES = "campaign-sales";
    private static final String SUPPORT = "queue-support";
    private static final String CALL = "call-1";
    private static final Instant NOW = Instant.parse("2030-03-04T09:00:00Z");

    private FixtureConfiguration<Agent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
        // the defaults, as a fresh installation has them
        fixture.registerInjectableResource(new PauseReasonCatalog(() -> PauseReason.DEFAULTS, Clock.systemUTC()));
    }

    private static AgentLoggedInEvent loggedIn(String... campaigns) {
        return new AgentLoggedInEvent(AGENT, List.of(campaigns), 30, AgentState.AVAILABLE);
    }

    private static AgentReservedEvent reserved() {
        return new AgentReservedEvent(AGENT, CALL, SALES, AgentState.RESERVED);
    }

    private static AgentCallConnectedEvent connected() {
        return new AgentCallConnectedEvent(AGENT, CALL, AgentState.ON_CALL);
    }

    private static AgentWrapUpStartedEvent wrapUp() {
        return new AgentWrapUpStartedEvent(AGENT, CALL, NOW.plusSeconds(30), AgentState.WRAP_UP);
    }

    // --- log in / out ---

    @Test
    void loginMakesTheAgentAvailableInItsCampaigns() {
        fixture.givenNoPriorActivity()
                .when(new LogInAgentCommand(AGENT, List.of(SALES, SUPPORT), 30, true))
                .expectEvents(new AgentLoggedInEvent(AGENT, List.of(SALES, SUPPORT), 30, AgentState.AVAILABLE));
    }

    @Test
    void loginWithoutARegisteredPhonePausesTheAgentForPhoneOffline() {
        fixture.givenNoPriorActivity()
                .when(new LogInAgentCommand(AGENT, List.of(SALES), 30, false))
                .expectEvents(loggedIn(SALES),
                        new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.PAUSED));
    }

    @Test
    void loginToAnotherCampaignAddsItAndKeepsTheState() {
        fixture.given(loggedIn(SALES), reserved())
                .when(new LogInAgentCommand(AGENT, List.of(SUPPORT), 30, true))
                .expectEvents(new AgentLoggedInEvent(AGENT, List.of(SALES, SUPPORT), 30, AgentState.RESERVED));
    }

    @Test
    void repeatedLoginChangesNothing() {
        fixture.given(loggedIn(SALES))
                .when(new LogInAgentCommand(AGENT, List.of(SALES), 30, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void loginNeedsValidCampaignIdsAndWrapUpTime() {
        fixture.givenNoPriorActivity().when(new LogInAgentCommand(AGENT, List.of(), 30, true))
                .expectException(invalid("campaignIds"));
        fixture.givenNoPriorActivity().when(new LogInAgentCommand(AGENT, List.of("no spaces"), 30, true))
                .expectException(invalid("campaignIds[0]"));
        fixture.givenNoPriorActivity().when(new LogInAgentCommand(AGENT, List.of(SALES), -1, true))
                .expectException(invalid("wrapUpSeconds"));
    }

    @Test
    void logoutOfTheLastCampaignLogsTheAgentOut() {
        fixture.given(loggedIn(SALES, SUPPORT))
                .when(new LogOutAgentCommand(AGENT, null))
                .expectEvents(new AgentLoggedOutEvent(AGENT, List.of(), AgentState.LOGGED_OUT));
    }

    @Test
    void logoutOfOneCampaignKeepsTheOthers() {
        fixture.given(loggedIn(SALES, SUPPORT))
                .when(new LogOutAgentCommand(AGENT, List.of(SALES)))
                .expectEvents(new AgentLoggedOutEvent(AGENT, List.of(SUPPORT), AgentState.AVAILABLE));
    }

    @Test
    void agentOnACallCannotLogOut() {
        fixture.given(loggedIn(SALES), reserved(), connected())
                .when(new LogOutAgentCommand(AGENT, null))
                .expectException(conflict());
    }

    @Test
    void logoutOfACampaignTheAgentIsNotInIsRefused() {
        fixture.given(loggedIn(SALES))
                .when(new LogOutAgentCommand(AGENT, List.of(SUPPORT)))
                .expectException(invalid("campaignIds[0]"));
    }

    // --- pause ---

    @Test
    void availableAgentPausesForAConfiguredReason() {
        fixture.given(loggedIn(SALES))
                .when(new PauseAgentCommand(AGENT, "lunch"))
                .expectEvents(new AgentPausedEvent(AGENT, "lunch", AgentState.PAUSED));
    }

    @Test
    void unknownPauseReasonIsRefused() {
        fixture.given(loggedIn(SALES)).when(new PauseAgentCommand(AGENT, "nap"))
                .expectException(invalid("reasonCode"));
        fixture.given(loggedIn(SALES)).when(new PauseAgentCommand(AGENT, AgentIds.PHONE_OFFLINE))
                .expectException(invalid("reasonCode"));
    }

    @Test
    void agentInWrapUpCannotPause() {
        fixture.given(loggedIn(SALES), reserved(), connected(), wrapUp())
                .when(new PauseAgentCommand(AGENT, "break"))
                .expectException(conflict());
    }

    @Test
    void pausedAgentResumes() {
        fixture.given(loggedIn(SALES), new AgentPausedEvent(AGENT, "break", AgentState.PAUSED))
                .when(new ResumeAgentCommand(AGENT))
                .expectEvents(new AgentResumedEvent(AGENT, AgentState.AVAILABLE));
    }

    @Test
    void onlyAPausedAgentResumes() {
        fixture.given(loggedIn(SALES)).when(new ResumeAgentCommand(AGENT)).expectException(conflict());
    }

    // --- reserve, connect, end, wrap up ---

    @Test
    void availableAgentIsReservedForACallOfItsCampaign() {
        fixture.given(loggedIn(SALES))
                .when(new ReserveAgentCommand(AGENT, CALL, SALES))
                .expectEvents(reserved());
    }

    @Test
    void reservedAgentIsNeverOfferedASecondCall() {
        fixture.given(loggedIn(SALES), reserved())
                .when(new ReserveAgentCommand(AGENT, "call-2", SALES))
                .expectException(conflict())
                .expectNoEvents();
    }

    @Test
    void agentIsNotReservedForACampaignItIsNotIn() {
        fixture.given(loggedIn(SALES))
                .when(new ReserveAgentCommand(AGENT, CALL, SUPPORT))
                .expectException(conflict());
    }

    @Test
    void pausedAgentIsNotReserved() {
        fixture.given(loggedIn(SALES), new AgentPausedEvent(AGENT, "break", AgentState.PAUSED))
                .when(new ReserveAgentCommand(AGENT, CALL, SALES))
                .expectException(conflict());
    }

    @Test
    void releasedReservationMakesTheAgentAvailableAgain() {
        fixture.given(loggedIn(SALES), reserved())
                .when(new ReleaseAgentCommand(AGENT, CALL))
                .expectEvents(new AgentReservationReleasedEvent(AGENT, CALL, AgentState.AVAILABLE));
    }

    @Test
    void releaseOfAnotherCallChangesNothing() {
        fixture.given(loggedIn(SALES), reserved())
                .when(new ReleaseAgentCommand(AGENT, "call-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reservedAgentGoesOnTheCallWhenItConnects() {
        fixture.given(loggedIn(SALES), reserved())
                .when(new ConnectAgentCommand(AGENT, CALL))
                .expectEvents(connected());
    }

    @Test
    void connectionReportedTwiceChangesNothing() {
        fixture.given(loggedIn(SALES), reserved(), connected())
                .when(new ConnectAgentCommand(AGENT, CALL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void availableAgentsOwnClickToDialCallPutsItOnTheCall() {
        fixture.given(loggedIn(SALES))
                .when(new ConnectAgentCommand(AGENT, CALL))
                .expectEvents(connected());
    }

    @Test
    void loggedOutAgentsCallsAreNoState() {
        fixture.given(loggedIn(SALES), new AgentLoggedOutEvent(AGENT, List.of(), AgentState.LOGGED_OUT))
                .when(new ConnectAgentCommand(AGENT, CALL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void endOfTheCallStartsAWrapUpWithItsTimeout() {
        fixture.given(loggedIn(SALES), reserved(), connected())
                .andGivenCurrentTime(NOW)
                .when(new EndAgentCallCommand(AGENT, CALL))
                .expectEvents(wrapUp());
    }

    @Test
    void wrapUpWithoutTimeoutWaitsForADisposition() {
        fixture.given(new AgentLoggedInEvent(AGENT, List.of(SALES), 0, AgentState.AVAILABLE), reserved(), connected())
                .when(new EndAgentCallCommand(AGENT, CALL))
                .expectEvents(new AgentWrapUpStartedEvent(AGENT, CALL, null, AgentState.WRAP_UP));
    }

    @Test
    void offeredCallEndingUnconnectedReleasesTheAgent() {
        fixture.given(loggedIn(SALES), reserved())
                .when(new EndAgentCallCommand(AGENT, CALL))
                .expectEvents(new AgentReservationReleasedEvent(AGENT, CALL, AgentState.AVAILABLE));
    }

    @Test
    void dispositionEndsTheWrapUp() {
        fixture.given(loggedIn(SALES), reserved(), connected(), wrapUp())
                .when(new EndWrapUpCommand(AGENT, null, "interested", false))
                .expectEvents(new AgentWrapUpEndedEvent(AGENT, CALL, "interested", false, AgentState.AVAILABLE));
    }

    @Test
    void wrapUpNeedsADisposition() {
        fixture.given(loggedIn(SALES), reserved(), connected(), wrapUp())
                .when(new EndWrapUpCommand(AGENT, null, " ", false))
                .expectException(invalid("disposition"));
    }

    @Test
    void wrapUpEndsByItselfWhenItsTimeRanOut() {
        fixture.given(loggedIn(SALES), reserved(), connected(), wrapUp())
                .andGivenCurrentTime(NOW.plusSeconds(30))
                .when(new EndWrapUpCommand(AGENT, CALL, null, true))
                .expectEvents(new AgentWrapUpEndedEvent(AGENT, CALL, null, true, AgentState.AVAILABLE));
    }

    @Test
    void earlyTimerLeavesTheWrapUpRunning() {
        fixture.given(loggedIn(SALES), reserved(), connected(), wrapUp())
                .andGivenCurrentTime(NOW.plusSeconds(29))
                .when(new EndWrapUpCommand(AGENT, CALL, null, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void lateTimerOfAnEarlierCallDoesNotEndTheNextWrapUp() {
        fixture.given(loggedIn(SALES), reserved(), connected(), wrapUp())
                .andGivenCurrentTime(NOW.plusSeconds(60))
                .when(new EndWrapUpCommand(AGENT, "call-0", null, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void dispositionOutsideWrapUpIsRefused() {
        fixture.given(loggedIn(SALES)).when(new EndWrapUpCommand(AGENT, null, "interested", false))
                .expectException(conflict());
    }

    // --- phone ---

    @Test
    void phoneGoingOfflinePausesAnAvailableAgent() {
        fixture.given(loggedIn(SALES))
                .when(new ReportAgentPhoneCommand(AGENT, false))
                .expectEvents(new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.PAUSED));
    }

    @Test
    void phoneOfflineDuringACallPausesTheAgentAfterTheWrapUp() {
        fixture.given(loggedIn(SALES), reserved(), connected(),
                        new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.ON_CALL), wrapUp())
                .when(new EndWrapUpCommand(AGENT, null, "interested", false))
                .expectEvents(new AgentWrapUpEndedEvent(AGENT, CALL, "interested", false, AgentState.PAUSED));
    }

    @Test
    void agentWithItsPhoneOfflineCannotResume() {
        fixture.given(loggedIn(SALES), new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.PAUSED))
                .when(new ResumeAgentCommand(AGENT))
                .expectException(conflict());
    }

    @Test
    void phoneBackOnlineMakesTheAgentAvailableAgain() {
        fixture.given(loggedIn(SALES), new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.PAUSED))
                .when(new ReportAgentPhoneCommand(AGENT, true))
                .expectEvents(new AgentPhoneRegainedEvent(AGENT, AgentState.AVAILABLE));
    }

    @Test
    void phoneBackOnlineLeavesAnAgentPausedForAnotherReasonPaused() {
        fixture.given(loggedIn(SALES), new AgentPausedEvent(AGENT, "lunch", AgentState.PAUSED),
                        new AgentPhoneLostEvent(AGENT, AgentIds.PHONE_OFFLINE, AgentState.PAUSED))
                .when(new ReportAgentPhoneCommand(AGENT, true))
                .expectEvents(new AgentPhoneRegainedEvent(AGENT, AgentState.PAUSED));
    }

    @Test
    void phoneOfLoggedOutAgentChangesNothing() {
        fixture.given(loggedIn(SALES), new AgentLoggedOutEvent(AGENT, List.of(), AgentState.LOGGED_OUT))
                .when(new ReportAgentPhoneCommand(AGENT, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
