package io.waihu.backend.dialer.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.domain.RuleViolationMatcher;
import io.waihu.schema.dialer.campaigns.CampaignCreatedEvent;
import io.waihu.schema.dialer.campaigns.CampaignEditedEvent;
import io.waihu.schema.dialer.campaigns.CampaignMode;
import io.waihu.schema.dialer.campaigns.CampaignPausedEvent;
import io.waihu.schema.dialer.campaigns.CampaignResumedEvent;
import io.waihu.schema.dialer.campaigns.CampaignSettings;
import io.waihu.schema.dialer.campaigns.CampaignStartedEvent;
import io.waihu.schema.dialer.campaigns.CampaignStoppedEvent;
import io.waihu.schema.dialer.campaigns.CreateCampaignCommand;
import io.waihu.schema.dialer.campaigns.Disposition;
import io.waihu.schema.dialer.campaigns.EditCampaignCommand;
import io.waihu.schema.dialer.campaigns.PauseCampaignCommand;
import io.waihu.schema.dialer.campaigns.ResumeCampaignCommand;
import io.waihu.schema.dialer.campaigns.RetryOutcome;
import io.waihu.schema.dialer.campaigns.RetryRule;
import io.waihu.schema.dialer.campaigns.StartCampaignCommand;
import io.waihu.schema.dialer.campaigns.StopCampaignCommand;
import java.time.LocalTime;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One lifecycle or settings rule of a campaign per test. */
class CampaignTest {

    private static final String ID = "campaign-1";
    private static final CampaignSettings DRAFT = CampaignDefaults.settings("Spring renewals");
    /** Ready to dial: a trunk, a caller ID and an agent. */
    static final CampaignSettings READY = new CampaignSettings("Spring renewals", CampaignMode.PREDICTIVE,
            List.of("agent-1"), List.of("north"), List.of("trunk-1"), List.of("+862012345678"), LocalTime.of(9, 0),
            LocalTime.of(20, 0), List.of(), List.of(), "Asia/Shanghai", 6, 2, CampaignDefaults.retryRules(), 30, 0.03,
            3, CampaignDefaults.dispositions(), "abandon-default.wav", null, CampaignDefaults.CUSTOMER_CREATION);

    private FixtureConfiguration<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
    }

    private static CampaignSettings named(CampaignSettings base, String name) {
        return new CampaignSettings(name, base.mode(), base.agentIds(), base.teams(), base.trunkIds(),
                base.callerIdPool(), base.windowStart(), base.windowEnd(), base.closedWeekdays(), base.closedDates(),
                base.timeZone(), base.maxAttempts(), base.maxAttemptsPerDay(), base.retryRules(),
                base.ringTimeoutSeconds(), base.maxAbandonRate(), base.linesPerAgent(), base.dispositions(),
                base.abandonPrompt(), base.disclosurePrompt(), base.customerCreation());
    }

    @Test
    void aCampaignIsCreatedAsADraftWithItsDefaults() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaignCommand(ID, DRAFT))
                .expectEvents(new CampaignCreatedEvent(ID, DRAFT));
        assertThat(DRAFT.windowStart()).isEqualTo(LocalTime.of(8, 0));
        assertThat(DRAFT.windowEnd()).isEqualTo(LocalTime.of(21, 0));
        assertThat(DRAFT.maxAttemptsPerDay()).isEqualTo(2);
        assertThat(DRAFT.retryRules()).contains(new RetryRule(RetryOutcome.BUSY, 30),
                new RetryRule(RetryOutcome.NO_ANSWER, 120));
        assertThat(DRAFT.maxAbandonRate()).isEqualTo(0.03);
    }

    @Test
    void aCampaignWithoutANameIsRefusedNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaignCommand(ID, named(DRAFT, " ")))
                .expectException(RuleViolationMatcher.invalid("name"));
    }

    @Test
    void aRingTimeoutUnderFifteenSecondsIsRefused() {
        CampaignSettings quick = new CampaignSettings("x", CampaignMode.PROGRESSIVE, List.of(), List.of(), List.of(),
                List.of(), LocalTime.of(8, 0), LocalTime.of(21, 0), List.of(), List.of(), "Asia/Shanghai", 6, 2,
                List.of(), 10, 0.03, 3, CampaignDefaults.dispositions(), "abandon-default.wav", null,
                CampaignDefaults.CUSTOMER_CREATION);
        fixture.givenNoPriorActivity()
                .when(new CreateCampaignCommand(ID, quick))
                .expectException(RuleViolationMatcher.invalid("ringTimeoutSeconds"));
    }

    @Test
    void aDraftStartsWhenItHasATrunkACallerIdAndAgents() {
        fixture.given(new CampaignCreatedEvent(ID, READY))
                .when(new StartCampaignCommand(ID, "go"))
                .expectEvents(new CampaignStartedEvent(ID, "go"));
    }

    @Test
    void aDraftWithoutATrunkDoesNotStart() {
        fixture.given(new CampaignCreatedEvent(ID, DRAFT))
                .when(new StartCampaignCommand(ID, null))
                .expectException(RuleViolationMatcher.conflict());
    }

    @Test
    void aRunningCampaignPausesResumesAndStops() {
        fixture.given(new CampaignCreatedEvent(ID, READY), new CampaignStartedEvent(ID, null))
                .when(new PauseCampaignCommand(ID, "lunch"))
                .expectEvents(new CampaignPausedEvent(ID, "lunch"));
        fixture.given(new CampaignCreatedEvent(ID, READY), new CampaignStartedEvent(ID, null),
                new CampaignPausedEvent(ID, null))
                .when(new ResumeCampaignCommand(ID, null))
                .expectEvents(new CampaignResumedEvent(ID, null));
        fixture.given(new CampaignCreatedEvent(ID, READY), new CampaignStartedEvent(ID, null))
                .when(new StopCampaignCommand(ID, "done"))
                .expectEvents(new CampaignStoppedEvent(ID, "done"));
    }

    @Test
    void aRunningCampaignIsNotStartedAgain() {
        fixture.given(new CampaignCreatedEvent(ID, READY), new CampaignStartedEvent(ID, null))
                .when(new StartCampaignCommand(ID, null))
                .expectException(RuleViolationMatcher.conflict());
    }

    @Test
    void onlyARunningCampaignPausesAndOnlyAPausedOneResumes() {
        fixture.given(new CampaignCreatedEvent(ID, READY))
                .when(new PauseCampaignCommand(ID, null))
                .expectException(RuleViolationMatcher.conflict());
        fixture.given(new CampaignCreatedEvent(ID, READY), new CampaignStartedEvent(ID, null))
                .when(new ResumeCampaignCommand(ID, null))
                .expectException(RuleViolationMatcher.conflict());
    }

    @Test
    void aStoppedCampaignNeitherRestartsNorStopsAgainNorTakesEdits() {
        Object[] stopped = {new CampaignCreatedEvent(ID, READY), new CampaignStartedEvent(ID, null),
            new CampaignStoppedEvent(ID, null)};
        fixture.given(stopped).when(new StartCampaignCommand(ID, null)).expectException(RuleViolationMatcher.conflict());
        fixture.given(stopped).when(new ResumeCampaignCommand(ID, null)).expectException(RuleViolationMatcher.conflict());
        fixture.given(stopped).when(new StopCampaignCommand(ID, null)).expectException(RuleViolationMatcher.conflict());
        fixture.given(stopped).when(new EditCampaignCommand(ID, null, named(READY, "again")))
                .expectException(RuleViolationMatcher.conflict());
    }

    @Test
    void aDraftMayBeStoppedUnstarted() {
        fixture.given(new CampaignCreatedEvent(ID, DRAFT))
                .when(new StopCampaignCommand(ID, "not needed"))
                .expectEvents(new CampaignStoppedEvent(ID, "not needed"));
    }

    @Test
    void anEditCarriesTheWholeNewSettingsAndAnUnchangedEditIsNoEvent() {
        fixture.given(new CampaignCreatedEvent(ID, DRAFT))
                .when(new EditCampaignCommand(ID, null, named(DRAFT, "Autumn")))
                .expectEvents(new CampaignEditedEvent(ID, named(DRAFT, "Autumn")));
        fixture.given(new CampaignCreatedEvent(ID, DRAFT))
                .when(new EditCampaignCommand(ID, null, DRAFT))
                .expectNoEvents();
    }

    @Test
    void aStartedCampaignKeepsATrunk() {
        CampaignSettings noTrunk = new CampaignSettings(READY.name(), READY.mode(), READY.agentIds(), READY.teams(),
                List.of(), READY.callerIdPool(), READY.windowStart(), READY.windowEnd(), List.of(), List.of(),
                READY.timeZone(), 6, 2, READY.retryRules(), 30, 0.03, 3, READY.dispositions(), READY.abandonPrompt(),
                null, READY.customerCreation());
        fixture.given(new CampaignCreatedEvent(ID, READY), new CampaignStartedEvent(ID, null))
                .when(new EditCampaignCommand(ID, null, noTrunk))
                .expectException(RuleViolationMatcher.conflict());
    }

    @Test
    void everyBadValueIsListedWithItsField() {
        CampaignSettings bad = new CampaignSettings("", null, List.of("a b"), List.of(""), List.of("t", "t"),
                List.of("12345"), LocalTime.of(21, 0), LocalTime.of(8, 0), List.of(), List.of(), "Mars/Olympus", 0, 11,
                List.of(new RetryRule(RetryOutcome.BUSY, 0), new RetryRule(RetryOutcome.BUSY, 5)), 14, 0.5, 0,
                List.of(new Disposition("cb", "", true, false, true, false),
                        new Disposition("DNC", "Do not call", false, false, false, true)),
                "../etc/passwd", "a/b.wav", null);
        assertThat(CampaignChecks.problems(bad)).extracting(p -> p.field()).containsExactlyInAnyOrder(
                "name", "mode", "customerCreation", "agentIds[0]", "teams[0]", "trunkIds[1]", "callerIdPool[0]",
                "timeZone", "window.end", "maxAttemptsPerDay", "maxAttempts", "retryRules[0].delayMinutes",
                "ringTimeoutSeconds", "retryRules[1].outcome", "maxAbandonRate", "linesPerAgent",
                "dispositions[0].code", "dispositions[0].label", "dispositions[0].finalResult",
                "dispositions[1].finalResult", "abandonPrompt", "disclosurePrompt");
        assertThat(CampaignChecks.problems(READY)).isEmpty();
        assertThat(CampaignChecks.problems(DRAFT)).isEmpty();
    }
}
