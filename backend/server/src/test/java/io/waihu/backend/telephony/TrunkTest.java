package io.waihu.backend.telephony;

import static io.waihu.backend.domain.RuleViolationMatcher.gone;
import static io.waihu.backend.domain.RuleViolationMatcher.invalid;

import io.waihu.schema.telephony.ConfigureTrunkCommand;
import io.waihu.schema.telephony.RemoveTrunkCommand;
import io.waihu.schema.telephony.TrunkConfiguredEvent;
import io.waihu.schema.telephony.TrunkMediaEncryption;
import io.waihu.schema.telephony.TrunkMediaEncryptionChangedEvent;
import io.waihu.schema.telephony.TrunkRemovedEvent;
import io.waihu.schema.telephony.TrunkRoutingChangedEvent;
import io.waihu.schema.telephony.TrunkTransport;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrunkTest {

    private static final String ID = "trunk-1";
    private static final String SUBJECT = "trunk:" + ID;

    private FixtureConfiguration<Trunk> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Trunk.class);
    }

    private static ConfigureTrunkCommand configure(String host, int port, String password, int channels) {
        return new ConfigureTrunkCommand(ID, "Carrier A", host, port, TrunkTransport.UDP, "acct", password,
                "+862100000000", "9", channels, true);
    }

    private static TrunkConfiguredEvent configured(String password) {
        return new TrunkConfiguredEvent(ID, SUBJECT, "Carrier A", "sip.carrier.example", 5060, TrunkTransport.UDP,
                "acct", password, "+862100000000", "9", 30, true);
    }

    @Test
    void trunkIsConfiguredWithItsPasswordSealedUnderItsOwnKey() {
        fixture.givenNoPriorActivity()
                .when(configure("sip.carrier.example", 5060, "s3cret", 30))
                .expectEvents(configured("s3cret"));
    }

    @Test
    void editWithoutAPasswordKeepsTheStoredOne() {
        fixture.given(configured("s3cret"))
                .when(configure("sip.carrier.example", 5060, null, 30))
                .expectEvents(configured("s3cret"));
    }

    @Test
    void emptyPasswordRemovesIt() {
        fixture.given(configured("s3cret"))
                .when(configure("sip.carrier.example", 5060, "", 30))
                .expectEvents(configured(null));
    }

    @Test
    void hostPortAndChannelsMustMakeSense() {
        fixture.givenNoPriorActivity().when(configure("bad host!", 5060, null, 30)).expectException(invalid("host"));
        fixture.givenNoPriorActivity().when(configure("h.example", 70000, null, 30)).expectException(invalid("port"));
        fixture.givenNoPriorActivity().when(configure("h.example", 5060, null, 0))
                .expectException(invalid("maxChannels"));
    }

    @Test
    void dialPrefixIsDigitsOnly() {
        fixture.givenNoPriorActivity()
                .when(new ConfigureTrunkCommand(ID, "A", "h.example", 5060, TrunkTransport.UDP, null, null, null,
                        "9;x=1", 10, true))
                .expectException(invalid("dialPrefix"));
    }

    @Test
    void removedTrunkCannotBeRemovedAgain() {
        fixture.given(configured("s3cret"), new TrunkRemovedEvent(ID))
                .when(new RemoveTrunkCommand(ID))
                .expectException(gone());
    }

    private static ConfigureTrunkCommand configure(TrunkMediaEncryption encryption) {
        return new ConfigureTrunkCommand(ID, "Carrier A", "sip.carrier.example", 5060, TrunkTransport.UDP, "acct", null,
                "+862100000000", "9", 30, true, encryption);
    }

    @Test
    void mediaEncryptionIsRecordedOnlyWhenItChanges() {
        fixture.given(configured("s3cret"))
                .when(configure(TrunkMediaEncryption.SDES_SRTP))
                .expectEvents(configured("s3cret"), new TrunkMediaEncryptionChangedEvent(ID, TrunkMediaEncryption.SDES_SRTP));
        fixture.given(configured("s3cret"), new TrunkMediaEncryptionChangedEvent(ID, TrunkMediaEncryption.SDES_SRTP))
                .when(configure(TrunkMediaEncryption.SDES_SRTP))
                .expectEvents(configured("s3cret"));
        fixture.given(configured("s3cret"))
                .when(configure(TrunkMediaEncryption.NONE))
                .expectEvents(configured("s3cret"));
    }

    @Test
    void editWithoutMediaEncryptionKeepsIt() {
        fixture.given(configured("s3cret"), new TrunkMediaEncryptionChangedEvent(ID, TrunkMediaEncryption.SDES_SRTP))
                .when(configure(null))
                .expectEvents(configured("s3cret"));
    }

    // --- routing ---

    private static ConfigureTrunkCommand routed(List<String> prefixes, Integer priority) {
        return new ConfigureTrunkCommand(ID, "Carrier A", "sip.carrier.example", 5060, TrunkTransport.UDP, "acct", null,
                "+862100000000", "9", 30, true, null, prefixes, priority);
    }

    @Test
    void routingIsRecordedWhenItChangesAndKeptWhenLeftOut() {
        fixture.given(configured("s3cret"))
                .when(routed(List.of("+8610", "+86"), 3))
                .expectEvents(configured("s3cret"), new TrunkRoutingChangedEvent(ID, List.of("+86", "+8610"), 3));
        fixture.given(configured("s3cret"), new TrunkRoutingChangedEvent(ID, List.of("+86"), 3))
                .when(routed(null, null))
                .expectEvents(configured("s3cret"));
        fixture.given(configured("s3cret"), new TrunkRoutingChangedEvent(ID, List.of("+86"), 3))
                .when(routed(List.of("+86"), 3))
                .expectEvents(configured("s3cret"));
    }

    @Test
    void prefixesAreE164AndPriorityIsBounded() {
        fixture.givenNoPriorActivity().when(routed(List.of("0086"), null)).expectException(invalid("prefixes"));
        fixture.givenNoPriorActivity().when(routed(List.of("+0"), null)).expectException(invalid("prefixes"));
        fixture.givenNoPriorActivity().when(routed(java.util.Arrays.asList((String) null), null))
                .expectException(invalid("prefixes"));
        fixture.givenNoPriorActivity().when(routed(List.of(), 1001)).expectException(invalid("priority"));
    }
}
