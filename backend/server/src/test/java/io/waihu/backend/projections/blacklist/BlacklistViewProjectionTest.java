package io.waihu.backend.projections.blacklist;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static io.waihu.backend.projections.ProjectionFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.blacklist.BlacklistViewProjection;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.schema.blacklist.BlacklistEntryAddedEvent;
import io.waihu.schema.blacklist.BlacklistEntryRemovedEvent;
import io.waihu.schema.blacklist.BlacklistMatch;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blacklist table and the in-memory index that every dial is checked against. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class BlacklistViewProjectionTest {

    @Inject
    BlacklistViewProjection blacklist;
    @Inject
    ChangeFeed feed;

    ProjectionFixture fixture;
    String entry;
    String scope;
    String prefix;

    @BeforeEach
    void fixture() {
        fixture = new ProjectionFixture(blacklist);
        entry = id();
        scope = "campaign-" + id();
        prefix = "+861" + (3_000_000 + ThreadLocalRandom.current().nextInt(6_000_000));
    }

    private BlacklistEntryAddedEvent added() {
        return new BlacklistEntryAddedEvent(entry, prefix, BlacklistMatch.PREFIX, scope, "asked not to be called",
                null);
    }

    @Test
    void anAddedPrefixBlocksItsNumbersInItsScopeOnly() {
        fixture.given(fixture.event(entry, added()));

        assertThat(blacklist.check(prefix + "1234", scope)).get().extracting(e -> e.id()).isEqualTo(entry);
        assertThat(blacklist.check(prefix + "1234", "campaign-" + id())).isEmpty();
        assertThat(read(() -> blacklist.byId(entry)).active).isTrue();
        assertThat(read(() -> blacklist.activeEntries())).extracting(e -> e.id).contains(entry);
    }

    @Test
    void aRemovedEntryBlocksNothingAndIsNoLongerActive() {
        fixture.given(fixture.event(entry, added()),
                fixture.event(entry, new BlacklistEntryRemovedEvent(entry, prefix, BlacklistMatch.PREFIX, scope,
                        "done")));

        assertThat(blacklist.check(prefix + "1234", scope)).isEmpty();
        assertThat(read(() -> blacklist.byId(entry)).active).isFalse();
        assertThat(read(() -> blacklist.activeEntries())).extracting(e -> e.id).doesNotContain(entry);
    }

    @Test
    void aRedeliveredAddAfterTheRemovalBlocksNothing() {
        var add = fixture.event(entry, added());
        fixture.givenEach(add, fixture.event(entry, new BlacklistEntryRemovedEvent(entry, prefix,
                BlacklistMatch.PREFIX, scope, "done")));

        fixture.given(add);

        assertThat(blacklist.check(prefix + "1234", scope)).as("the index as the table").isEmpty();
        assertThat(read(() -> blacklist.byId(entry)).active).isFalse();
    }

    @Test
    void changeNoticesNameTheEventByItsStableName() {
        try (ProjectionFixture.Notices notices = ProjectionFixture.notices(feed)) {
            fixture.given(fixture.event(entry, added()),
                    fixture.event(entry, new BlacklistEntryRemovedEvent(entry, prefix, BlacklistMatch.PREFIX, scope,
                            "done")));

            assertThat(notices.about(entry)).extracting(ReadModelChange::eventType)
                    .containsExactly("blacklist.BlacklistEntryAdded", "blacklist.BlacklistEntryRemoved");
        }
    }
}
