package io.waihu.backend.projections.crm;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static io.waihu.backend.projections.ProjectionFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.crm.ForecastLine;
import io.waihu.projections.crm.OpportunityView;
import io.waihu.projections.crm.OpportunityViewProjection;
import io.waihu.projections.crm.StageSummary;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.schema.common.Money;
import io.waihu.schema.crm.CustomerErasedEvent;
import io.waihu.schema.crm.FindOpportunitiesQuery;
import io.waihu.schema.crm.ForecastQuery;
import io.waihu.schema.crm.OpportunityClosedEvent;
import io.waihu.schema.crm.OpportunityEditedEvent;
import io.waihu.schema.crm.OpportunityOpenedEvent;
import io.waihu.schema.crm.OpportunityStageMovedEvent;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline read model: rows, the stage summary, the forecast, and the erasure of titles. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class OpportunityViewProjectionTest {

    private static final LocalDate MARCH = LocalDate.of(2031, 3, 15);

    @Inject
    OpportunityViewProjection opportunities;
    @Inject
    ChangeFeed feed;

    ProjectionFixture fixture;
    String owner;
    String customer;

    @BeforeEach
    void fixture() {
        fixture = new ProjectionFixture(opportunities);
        owner = id();
        customer = id();
    }

    private String open(String stage, String amount, int probability, LocalDate close) {
        String id = id();
        fixture.given(fixture.event(id, new OpportunityOpenedEvent(id, customer, "Deal " + stage,
                new Money(new BigDecimal(amount), "EUR"), owner, close, stage, probability)));
        return id;
    }

    @Test
    void anOpenedOpportunityIsOpenInItsStage() {
        String deal = open("qualified", "1000", 20, MARCH);

        OpportunityView view = read(() -> opportunities.byId(deal));
        assertThat(view.status).isEqualTo(OpportunityView.Status.OPEN);
        assertThat(view.stage).isEqualTo("qualified");
        assertThat(view.amount).isEqualByComparingTo("1000");
        assertThat(view.title).isEqualTo("Deal qualified");
        assertThat(view.customerId).isEqualTo(customer);
    }

    @Test
    void editsMovesAndClosingFoldIntoTheRow() {
        String deal = open("qualified", "1000", 20, MARCH);
        fixture.given(fixture.event(deal, new OpportunityEditedEvent(deal, customer, "Renamed",
                        new Money(new BigDecimal("1500"), "EUR"), null, null)),
                fixture.event(deal, new OpportunityStageMovedEvent(deal, customer, "qualified", "proposal", 60)),
                fixture.event(deal, new OpportunityClosedEvent(deal, customer, true, "proposal", null, null)));

        OpportunityView view = read(() -> opportunities.byId(deal));
        assertThat(view.title).isEqualTo("Renamed");
        assertThat(view.amount).isEqualByComparingTo("1500");
        assertThat(view.status).isEqualTo(OpportunityView.Status.WON);
        assertThat(view.stage).isEqualTo("won");
        assertThat(view.probability).isEqualTo(100);
        assertThat(view.version).isEqualTo(3);
    }

    @Test
    void aRedeliveredMoveDoesNotUndoALaterOne() {
        String deal = open("qualified", "1000", 20, MARCH);
        var firstMove = fixture.event(deal, new OpportunityStageMovedEvent(deal, customer, "qualified", "proposal", 60));
        fixture.givenEach(firstMove,
                fixture.event(deal, new OpportunityStageMovedEvent(deal, customer, "proposal", "negotiation", 80)));

        fixture.given(firstMove);

        assertThat(read(() -> opportunities.byId(deal)).stage).isEqualTo("negotiation");
    }

    @Test
    void theStageSummaryCountsAndSumsOpenOpportunitiesOnly() {
        open("qualified", "100", 20, MARCH);
        open("qualified", "250.50", 20, MARCH);
        open("proposal", "1000", 60, MARCH);
        String lost = open("proposal", "5000", 60, MARCH);
        fixture.given(fixture.event(lost, new OpportunityClosedEvent(lost, customer, false, "proposal", null, null)));

        List<StageSummary> pipeline = read(() -> opportunities.pipeline(owner, null));

        assertThat(pipeline).extracting(StageSummary::stage, StageSummary::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("proposal", 1L),
                        org.assertj.core.groups.Tuple.tuple("qualified", 2L));
        assertThat(pipeline.get(1).amount()).isEqualByComparingTo("350.50");
    }

    @Test
    void theForecastWeighsOpenAmountsByProbabilityPerMonthAndCountsWonOnes() {
        open("qualified", "1000", 20, MARCH);
        open("proposal", "500", 50, MARCH.plusMonths(1));
        String won = open("proposal", "300", 60, MARCH);
        fixture.given(fixture.event(won, new OpportunityClosedEvent(won, customer, true, "proposal", null, null)));

        List<ForecastLine> forecast = read(() -> opportunities.forecast(
                new ForecastQuery(YearMonth.from(MARCH), YearMonth.from(MARCH), owner, null)));

        assertThat(forecast).hasSize(1);
        ForecastLine march = forecast.get(0);
        assertThat(march.month()).isEqualTo("2031-03");
        assertThat(march.weighted()).isEqualByComparingTo("200.00");
        assertThat(march.pipeline()).isEqualByComparingTo("1000.00");
        assertThat(march.won()).isEqualByComparingTo("300.00");
    }

    @Test
    void findingPagesNewestFirstWithinTheStageAsked() {
        String older = open("qualified", "1", 10, MARCH);
        String newer = open("qualified", "2", 10, MARCH);
        open("proposal", "3", 10, MARCH);

        var first = read(() -> opportunities.find(new FindOpportunitiesQuery(null, "qualified", owner, null, null, 1,
                null)));
        var second = read(() -> opportunities.find(new FindOpportunitiesQuery(null, "qualified", owner, null, null, 1,
                first.endCursor())));

        assertThat(first.items()).extracting(o -> o.id).containsExactly(newer);
        assertThat(second.items()).extracting(o -> o.id).containsExactly(older);
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void aCustomersErasureBlanksTheTitlesOfItsOpportunitiesEvenOnesChangedInTheSameBatch() {
        String deal = open("qualified", "1000", 20, MARCH);
        String other = id();
        fixture.given(fixture.event(other, new OpportunityOpenedEvent(other, customer, "Opened with the erasure",
                        new Money(BigDecimal.TEN, "EUR"), owner, MARCH, "qualified", 10)),
                fixture.event(customer, new CustomerErasedEvent(customer, "asked")),
                fixture.event(deal, new OpportunityStageMovedEvent(deal, customer, "qualified", "proposal", 60)));

        assertThat(read(() -> opportunities.byId(deal)).title).isNull();
        assertThat(read(() -> opportunities.byId(deal)).stage).isEqualTo("proposal");
        assertThat(read(() -> opportunities.byId(other)).title).isNull();
    }

    @Test
    void changeNoticesNameTheEventByItsStableName() {
        try (ProjectionFixture.Notices notices = ProjectionFixture.notices(feed)) {
            String deal = open("qualified", "1", 10, MARCH);

            assertThat(notices.about(deal)).extracting(ReadModelChange::eventType)
                    .containsExactly("crm.OpportunityOpened");
        }
    }
}
