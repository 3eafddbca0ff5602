package io.waihu.backend.dialer.policy;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The policy asks the live do-not-call index, at the instant it decides for. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class DoNotCallListTest {

    @Inject
    BlacklistViewProjection blacklist;

    @Test
    void livePrefixBlocksItsCampaignUntilItExpires() {
        String entry = id();
        String campaign = "campaign-" + id();
        String prefix = "+861" + (3_000_000 + ThreadLocalRandom.current().nextInt(6_000_000));
        Instant expires = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        ProjectionFixture fixture = new ProjectionFixture(blacklist);
        fixture.given(fixture.event(entry,
                new BlacklistEntryAddedEvent(entry, prefix, BlacklistMatch.PREFIX, campaign, "asked", expires)));
        DoNotCallList list = DoNotCallList.of(blacklist);

        assertThat(list.blockingEntry(prefix + "1234", campaign, expires.minusSeconds(1))).contains(entry);
        assertThat(list.blockingEntry(prefix + "1234", campaign, expires)).isEmpty();
        assertThat(list.blockingEntry(prefix + "1234", "campaign-" + id(), Instant.now())).isEmpty();
    }
}
