package io.waihu.backend.crm;

import static io.waihu.backend.domain.RuleViolationMatcher.conflict;
import static io.waihu.backend.domain.RuleViolationMatcher.invalid;

import io.waihu.backend.domain.RuleViolation;
import io.waihu.backend.domain.RuleViolationMatcher;
import io.waihu.schema.common.Money;
import io.waihu.schema.crm.CloseOpportunityCommand;
import io.waihu.schema.crm.EditOpportunityCommand;
import io.waihu.schema.crm.MoveOpportunityStageCommand;
import io.waihu.schema.crm.OpenOpportunityCommand;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpportunityTest {

    private static final String ID = "opportunity-1";
    private static final String CUSTOMER = "customer-1";
    private static final String OWNER = "user-1";
    private static final String TITLE = "Fleet renewal";
    private static final Money VALUE = new Money(new BigDecimal("12000.00"), "CNY");
    private static final LocalDate CLOSE = LocalDate.of(2030, 6, 30);
    private static final Pipeline PIPELINE = Pipeline.parse("lead:10,qualified:25,proposal:50");

    private FixtureConfiguration<Opportunity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Opportunity.class);
        fixture.registerInjectableResource(PIPELINE);
    }

    // --- open ---

    @Test
    void opportunityOpensInTheFirstStageWithItsProbability() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, VALUE, OWNER, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened());
    }

    @Test
    void opportunityOpensInANamedOpenStageWithThatStagesProbability() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, VALUE, OWNER, "qualified"))
                .expectEvents(new OpportunityOpenedEvent(ID, CUSTOMER, TITLE, VALUE, OWNER, CLOSE, "qualified", 25));
    }

    @Test
    void amountOf10To15IsRefusedForItOverflowsTheReadModel() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, new Money(new BigDecimal("1000000000000000"), "CNY"), OWNER, null))
                .expectException(RuleViolationMatcher.unstorable("amount"))
                .expectNoEvents();
    }

    @Test
    void amountWithFiveDecimalsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, new Money(new BigDecimal("1.00001"), "CNY"), OWNER, null))
                .expectException(RuleViolationMatcher.unstorable("amount"));
    }

    @Test
    void expectedCloseDateAfter2299IsRefused() {
        fixture.givenNoPriorActivity()
                .when(new OpenOpportunityCommand(ID, CUSTOMER, TITLE, VALUE, OWNER, LocalDate.of(2300, 1, 1), null))
                .expectException(RuleViolationMatcher.unstorable("expectedCloseDate"));
    }

    @Test
    void surroundingSpacesAreStrippedFromTheTitle() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, "  " + TITLE + " ", VALUE, OWNER, null))
                .expectEvents(opened());
    }

    @Test
    void opportunityWithoutCustomerIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open(" ", TITLE, VALUE, OWNER, null))
                .expectException(invalid("customerId"))
                .expectNoEvents();
    }

    @Test
    void emptyTitleIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, "", VALUE, OWNER, null))
                .expectException(invalid("title"));
    }

    @Test
    void titleLongerThan200CharactersIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, "t".repeat(201), VALUE, OWNER, null))
                .expectException(invalid("title"));
    }

    @Test
    void opportunityWithoutAmountIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, null, OWNER, null))
                .expectException(invalid("amount"));
    }

    @Test
    void opportunityWithoutOwnerIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, VALUE, null, null))
                .expectException(invalid("ownerId"));
    }

    @Test
    void stageOutsideThePipelineIsRefused() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, VALUE, OWNER, "dreaming"))
                .expectException(invalid("stage"));
    }

    @Test
    void opportunityCannotOpenAlreadyWon() {
        fixture.givenNoPriorActivity()
                .when(open(CUSTOMER, TITLE, VALUE, OWNER, Pipeline.WON))
                .expectException(invalid("stage"));
    }

    // --- edit ---

    @Test
    void editRecordsOnlyWhatChanged() {
        Money more = new Money(new BigDecimal("15000.00"), "CNY");
        fixture.given(opened())
                .when(new EditOpportunityCommand(ID, null, TITLE, more, CLOSE, OWNER))
                .expectEvents(new OpportunityEditedEvent(ID, CUSTOMER, null, more, null, null));
    }

    @Test
    void editWithNothingChangedRecordsNoEvent() {
        fixture.given(opened())
                .when(new EditOpportunityCommand(ID, null, " " + TITLE + " ", VALUE, CLOSE, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void editWithEveryPartLeftOutRecordsNoEvent() {
        fixture.given(opened())
                .when(new EditOpportunityCommand(ID, null, null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void editToAnEmptyTitleIsRefused() {
        fixture.given(opened())
                .when(new EditOpportunityCommand(ID, null, " ", null, null, null))
                .expectException(invalid("title"));
    }

    @Test
    void editToATitleLongerThan200CharactersIsRefused() {
        fixture.given(opened())
                .when(new EditOpportunityCommand(ID, null, "t".repeat(201), null, null, null))
                .expectException(invalid("title"));
    }

    @Test
    void closedOpportunityCannotBeEdited() {
        fixture.given(opened(), won())
                .when(new EditOpportunityCommand(ID, null, "Bigger fleet", null, null, null))
                .expectException(conflict())
                .expectNoEvents();
    }

    // --- move ---

    @Test
    void stageMoveRecordsBothStagesAndTheNewProbability() {
        fixture.given(opened())
                .when(new MoveOpportunityStageCommand(ID, null, "proposal"))
                .expectEvents(new OpportunityStageMovedEvent(ID, CUSTOMER, "lead", "proposal", 50));
    }

    @Test
    void movingToTheCurrentStageRecordsNoEvent() {
        fixture.given(opened())
                .when(new MoveOpportunityStageCommand(ID, null, "lead"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void movingToAStageOutsideThePipelineIsRefused() {
        fixture.given(opened())
                .when(new MoveOpportunityStageCommand(ID, null, "dreaming"))
                .expectException(invalid("stage"));
    }

    @Test
    void moveWithoutAStageIsRefused() {
        fixture.given(opened())
                .when(new MoveOpportunityStageCommand(ID, null, null))
                .expectException(invalid("stage"));
    }

    @Test
    void opportunityIsWonByClosingNotByMoving() {
        fixture.given(opened())
                .when(new MoveOpportunityStageCommand(ID, null, Pipeline.WON))
                .expectException(invalid("stage"));
    }

    @Test
    void opportunityIsLostByClosingNotByMoving() {
        fixture.given(opened())
                .when(new MoveOpportunityStageCommand(ID, null, Pipeline.LOST))
                .expectException(invalid("stage"));
    }

    @Test
    void closedOpportunityCannotMoveStage() {
        fixture.given(opened(), won())
                .when(new MoveOpportunityStageCommand(ID, null, "proposal"))
                .expectException(conflict())
                .expectNoEvents();
    }

    // --- close ---

    @Test
    void closingRecordsTheStageItLeftAndItsValue() {
        fixture.given(opened(), new OpportunityStageMovedEvent(ID, CUSTOMER, "lead", "proposal", 50))
                .when(new CloseOpportunityCommand(ID, null, true, "signed"))
                .expectEvents(new OpportunityClosedEvent(ID, CUSTOMER, true, "proposal", VALUE, "signed"));
    }

    @Test
    void closingAsLostRecordsTheReason() {
        fixture.given(opened())
                .when(new CloseOpportunityCommand(ID, null, false, "went with a competitor"))
                .expectEvents(new OpportunityClosedEvent(ID, CUSTOMER, false, "lead", VALUE, "went with a competitor"));
    }

    @Test
    void closingRecordsTheValueAfterAnEdit() {
        Money more = new Money(new BigDecimal("15000.00"), "CNY");
        fixture.given(opened(), new OpportunityEditedEvent(ID, CUSTOMER, null, more, null, null))
                .when(new CloseOpportunityCommand(ID, null, true, "signed"))
                .expectEvents(new OpportunityClosedEvent(ID, CUSTOMER, true, "lead", more, "signed"));
    }

    @Test
    void closedOpportunityCannotBeClosedAgain() {
        fixture.given(opened(), won())
                .when(new CloseOpportunityCommand(ID, null, false, "changed our mind"))
                .expectException(conflict())
                .expectNoEvents();
    }

    private static OpportunityOpenedEvent opened() {
        return new OpportunityOpenedEvent(ID, CUSTOMER, TITLE, VALUE, OWNER, CLOSE, "lead", 10);
    }

    private static OpportunityClosedEvent won() {
        return new OpportunityClosedEvent(ID, CUSTOMER, true, "lead", VALUE, "signed");
    }

    private static OpenOpportunityCommand open(String customerId, String title, Money value, String ownerId,
            String stage) {
        return new OpenOpportunityCommand(ID, customerId, title, value, ownerId, CLOSE, stage);
    }
}
