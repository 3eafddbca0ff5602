package io.waihu.backend.dialer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.dialer.policy.AttemptOutcome;
import io.waihu.backend.dialer.policy.CampaignState;
import io.waihu.backend.dialer.policy.DialFacts;
import io.waihu.backend.it.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The attempt log on the embedded PostgreSQL: what the policy is told, across campaigns, and what the table holds. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class AttemptIndexTest {

    @Inject
    AttemptIndex index;

    @Inject
    AgroalDataSource dataSource;

    private final Instant now = Instant.parse("2026-03-02T10:00:00Z");

    private static String number() {
        return "+86138" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }

    @Test
    void anAttemptIsInProgressFromItsStartAndCountsForEveryCampaignWithinTwoDays() {
        String number = number();
        String spring = "spring-" + UUID.randomUUID();
        String autumn = "autumn-" + UUID.randomUUID();
        index.started(spring, number, "c1-" + UUID.randomUUID(), now.minus(Duration.ofDays(3)));
        String open = "c2-" + UUID.randomUUID();
        index.started(autumn, number, open, now.minusSeconds(5));

        DialFacts forSpring = index.facts(spring, CampaignState.RUNNING, number, now);

        assertThat(forSpring.attemptsInCampaign()).as("spring's own attempt three days ago still counts for its limit").isEqualTo(1);
        assertThat(forSpring.lastInCampaign().at()).isEqualTo(now.minus(Duration.ofDays(3)));
        assertThat(forSpring.recentAttempts()).as("only the last 48 h, all campaigns").hasSize(1);
        assertThat(forSpring.recentAttempts().get(0).inProgress()).isTrue();

        index.ended(open, AttemptOutcome.BUSY);
        index.ended(open, AttemptOutcome.FAILED);

        DialFacts after = index.facts(spring, CampaignState.RUNNING, number, now);
        assertThat(after.recentAttempts().get(0).outcome()).as("the first outcome stands").isEqualTo(AttemptOutcome.BUSY);
    }

    @Test
    void anAttemptLeftOpenByACrashCountsAsFailedOnceStale() {
        String number = number();
        String campaign = "c-" + UUID.randomUUID();
        index.started(campaign, number, "c-" + UUID.randomUUID(), now.minus(AttemptIndex.STALE).minusSeconds(1));

        DialFacts facts = index.facts(campaign, CampaignState.RUNNING, number, now);

        assertThat(facts.lastInCampaign().outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(facts.lastInCampaign().inProgress()).isFalse();
    }

    @Test
    void theTableHoldsNoNumber() throws SQLException {
        String number = number();
        index.started("c-" + UUID.randomUUID(), number, "c-" + UUID.randomUUID(), now);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM dial_attempt")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    byte[] value = rows.getBytes(i);
                    String text = value == null ? "" : new String(value, StandardCharsets.ISO_8859_1);
                    assertThat(text).doesNotContain(number.substring(1)).doesNotContain(number.substring(4));
                }
            }
        }
        assertThat(index.numberKey(number)).isEqualTo(index.numberKey(number)).isNotEqualTo(index.numberKey(number()));
    }
}
