package io.waihu.backend.projections.telephony;

import static io.waihu.backend.projections.ProjectionFixture.id;
import static io.waihu.backend.projections.ProjectionFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.EmbeddedPostgresResource;
import io.waihu.backend.projections.ProjectionFixture;
import io.waihu.projections.support.ChangeFeed;
import io.waihu.projections.support.ReadModelChange;
import io.waihu.projections.telephony.TrunkView;
import io.waihu.projections.telephony.TrunkViewProjection;
import io.waihu.schema.telephony.TrunkConfiguredEvent;
import io.waihu.schema.telephony.TrunkMediaEncryption;
import io.waihu.schema.telephony.TrunkMediaEncryptionChangedEvent;
import io.waihu.schema.telephony.TrunkRemovedEvent;
import io.waihu.schema.telephony.TrunkRoutingChangedEvent;
import io.waihu.schema.telephony.TrunkTransport;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trunk list: configuration, routing, media encryption, removal. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class TrunkViewProjectionTest {

    @Inject
    TrunkViewProjection trunks;
    @Inject
    ChangeFeed feed;

    ProjectionFixture fixture;
    String trunk;

    @BeforeEach
    void fixture() {
        fixture = new ProjectionFixture(trunks);
        trunk = id();
    }

    private TrunkConfiguredEvent configured() {
        return new TrunkConfiguredEvent(trunk, TrunkConfiguredEvent.subjectOf(trunk), "carrier " + trunk,
                "sip.example.net", 5060, TrunkTransport.UDP, "user", "secret", "+861000000", "0", 30, true);
    }

    @Test
    void aConfiguredTrunkIsListedWithoutItsPassword() {
        fixture.given(fixture.event(trunk, configured()));

        TrunkView view = read(() -> trunks.byId(trunk));
        assertThat(view.host).isEqualTo("sip.example.net");
        assertThat(view.transport).isEqualTo("UDP");
        assertThat(view.hasPassword).isTrue();
        assertThat(view.mediaEncryption).isEqualTo("NONE");
        assertThat(read(() -> trunks.all())).extracting(t -> t.trunkId).contains(trunk);
    }

    @Test
    void routingAndMediaEncryptionChangeTheRow() {
        fixture.given(fixture.event(trunk, configured()),
                fixture.event(trunk, new TrunkRoutingChangedEvent(trunk, List.of("+8610", "+8621"), 5)),
                fixture.event(trunk, new TrunkMediaEncryptionChangedEvent(trunk, TrunkMediaEncryption.SDES_SRTP)));

        TrunkView view = read(() -> trunks.byId(trunk));
        assertThat(view.prefixList()).containsExactly("+8610", "+8621");
        assertThat(view.priority).isEqualTo(5);
        assertThat(view.mediaEncryption).isEqualTo("SDES_SRTP");
    }

    @Test
    void aRemovedTrunkIsDisabledResetAndNotListed() {
        fixture.given(fixture.event(trunk, configured()),
                fixture.event(trunk, new TrunkRoutingChangedEvent(trunk, List.of("+8610"), 5)),
                fixture.event(trunk, new TrunkRemovedEvent(trunk)));

        TrunkView view = read(() -> trunks.byId(trunk));
        assertThat(view.removed).isTrue();
        assertThat(view.enabled).isFalse();
        assertThat(view.prefixes).isEmpty();
        assertThat(read(() -> trunks.all())).extracting(t -> t.trunkId).doesNotContain(trunk);
    }

    @Test
    void changeNoticesNameTheEventByItsStableName() {
        try (ProjectionFixture.Notices notices = ProjectionFixture.notices(feed)) {
            fixture.given(fixture.event(trunk, configured()),
                    fixture.event(trunk, new TrunkRoutingChangedEvent(trunk, List.of("+8610"), 1)),
                    fixture.event(trunk, new TrunkRemovedEvent(trunk)));

            assertThat(notices.about(trunk)).extracting(ReadModelChange::eventType).containsExactly(
                    "telephony.TrunkConfigured", "telephony.TrunkRoutingChanged", "telephony.TrunkRemoved");
        }
    }
}
