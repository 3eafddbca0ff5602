package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.it.support.BrowserSoftphone;
import io.waihu.backend.it.support.PhoneState;
import io.waihu.backend.it.support.RtpStats;
import io.waihu.backend.telephony.Telephony;
import io.waihu.telephony.Leg;
import io.waihu.telephony.LegStats;
import io.waihu.telephony.testing.Sipp;
import io.waihu.telephony.testing.UdpReceiveQueue;
import io.waihu.telephony.testing.Wav;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The heart of the product, end to end with real peers: an agent logged in to the browser
 * softphone (headless Chromium, fake microphone, SIP.js over WebSocket, WebRTC with DTLS-SRTP)
 * clicks to dial a customer; the gateway rings the browser (auto-answer), then the carrier —
 * sipp over UDP, answering and playing {@code g711a.pcap} — bridges the two and records them;
 * once audio has flowed both ways the agent hangs up in the browser. Nothing here is a
 * stand-in. (Other endings — customer first, busy, no answer, challenges — are covered with
 * a sipp desk phone in {@link DeskPhoneCallTest}.)
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class BrowserCallTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CALL = "query($id: ID!) { call(id: $id) { state result sipCode endedBy origin "
            + "customerId answeredAt endedAt talkSeconds billableSeconds dtmfCount recording { url sizeBytes durationSeconds } } }";
    private static final String CONFIGURE = "mutation($in: ConfigureTrunkInput!) { configureTrunk(input: $in) { trunk { id } } }";

    @TestHTTPResource("/softphone/")
    URI page;

    @Inject
    Telephony telephony;

    @ConfigProperty(name = "waihu.recordings.dir")
    Path recordings;

    private GraphQL admin;

    @BeforeEach
    void onlyThisTestsTrunk() {
        // click-to-dial takes the first enabled trunk: leave none from other tests
        admin = GraphQL.admin();
        for (String id : AllPages.all(admin, "trunks", "id", "id")) {
            admin.ok("mutation($id: ID!) { removeTrunk(input: {id: $id}) { removedTrunkId } }", Map.of("id", id));
        }
    }

    @Test
    void agentInTheBrowserTalksWithTheCarrierHangsUpAndBothSidesAreRecorded() throws IOException {
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String customerId = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name",
                "Browser Call Customer", "phones", List.of(CustomerGraphQLTest.uniqueMobile()))))
                .getString("data.createCustomer.customer.id");
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier");
                BrowserSoftphone phone = BrowserSoftphone.builder(page).name("agent").open()) {
            admin.ok(CONFIGURE, Map.of("in", Map.of("name", "sipp carrier", "host", "127.0.0.1",
                    "port", carrier.port, "transport", "UDP", "maxChannels", 5)));
            phone.login(agent.username(), TestUsers.PASSWORD);
            phone.waitRegistered(WAIT);

            PhoneState dialed = phone.clickToDial(customerId, null);
            String callId = dialed.callId();
            assertThat(callId).as("the dial mutation's call id").isNotNull();
            PhoneState inCall = phone.waitCall(WAIT, "in-call");
            assertThat(inCall.autoAnswered()).as("the gateway asked the softphone to answer by itself").isTrue();

            // audio both ways while the call is up: the gateway's counters on both legs, the browser's own,
            // and the carrier's socket, which sipp never reads (it plays a pcap), so everything sent to it queues
            AtomicReference<LegStats> agentLeg = new AtomicReference<>(LegStats.NONE);
            AtomicReference<LegStats> customerLeg = new AtomicReference<>(LegStats.NONE);
            Awaitility.await().atMost(WAIT).until(() -> {
                agentLeg.set(telephony.stats(callId, Leg.AGENT).orElse(LegStats.NONE));
                customerLeg.set(telephony.stats(callId, Leg.CUSTOMER).orElse(LegStats.NONE));
                return agentLeg.get().packetsReceived() > 50 && customerLeg.get().packetsReceived() > 50
                        && agentLeg.get().packetsSent() > 50 && customerLeg.get().packetsSent() > 50;
            });
            RtpStats browser = phone.stats();
            assertThat(browser.packetsSent()).as("browser sent").isPositive();
            assertThat(browser.packetsReceived()).as("browser received").isPositive();
            assertThat(browser.codec()).isIn("audio/PCMU", "audio/PCMA");
            UdpReceiveQueue.Reading atCarrier = UdpReceiveQueue.of(carrier.mediaPort);
            assertThat(atCarrier.queued()).as("RTP from the browser reached the carrier's media socket").isPositive();

            // RFC 4733 digits from the dial pad reach the gateway and become events on the call
            assertThat(phone.dtmf("1#").dtmfSent()).isEqualTo("1#");
            Awaitility.await().atMost(WAIT).until(() ->
                    agent.client().ok(CALL, Map.of("id", callId)).getInt("data.call.dtmfCount") == 2);

            Instant hungUp = Instant.now();
            JsonPath record = agentHangsUp(phone, carrier, agent.client(), CALL, callId);
            assertThat(record.getString("data.call.state")).isEqualTo("ENDED");
            assertThat(record.getString("data.call.origin")).isEqualTo("CLICK_TO_DIAL");
            assertThat(record.getString("data.call.customerId")).isEqualTo(customerId);
            double talked = Duration.between(Instant.parse(record.getString("data.call.answeredAt")),
                    Instant.parse(record.getString("data.call.endedAt"))).toMillis() / 1000.0;
            assertThat(record.getDouble("data.call.talkSeconds")).isEqualTo(talked);
            Instant answered = Instant.parse(record.getString("data.call.answeredAt"));
            assertThat(talked).as("talk time matches the call as the test saw it")
                    .isCloseTo(Duration.between(answered, hungUp).toMillis() / 1000.0, within(1.0));
            assertThat(record.getInt("data.call.billableSeconds")).isEqualTo((int) Math.ceil(talked));

            Path file;
            try (var files = java.nio.file.Files.walk(recordings)) {
                file = files.filter(f -> f.getFileName().toString().equals(callId + ".wav")).findFirst().orElseThrow();
            }
            Wav wav = Wav.read(file);
            assertThat(wav.channels()).isEqualTo(2);
            assertThat(wav.sampleRate()).isEqualTo(8000);
            assertThat(wav.bits()).isEqualTo(16);
            assertThat(wav.seconds()).as("the recording covers the talk").isCloseTo(talked, within(1.0));
            assertThat(Wav.rms(wav.left())).as("agent (browser microphone) on the left").isGreaterThan(300);
            assertThat(Wav.rms(wav.right())).as("customer (carrier's pcap) on the right").isGreaterThan(300);
        }
    }
    /**
     * The agent hangs up in the browser: the carrier gets its BYE, and once the recording is stored
     * the call record (from {@code callQuery}) says ANSWERED, ended by the agent. Returns the record.
     */
    static JsonPath agentHangsUp(BrowserSoftphone phone, Sipp carrier, GraphQL client, String callQuery,
            String callId) {
        PhoneState ended = phone.hangup();
        assertThat(ended.call()).isEqualTo("ended");
        assertThat(carrier.awaitExit(WAIT)).as("the carrier got a BYE: " + carrier.diagnostics()).isZero();
        Awaitility.await().atMost(WAIT).until(() ->
                client.ok(callQuery, Map.of("id", callId)).getString("data.call.recording.url") != null);
        JsonPath record = client.ok(callQuery, Map.of("id", callId));
        assertThat(record.getString("data.call.result")).isEqualTo("ANSWERED");
        assertThat(record.getString("data.call.endedBy")).isEqualTo("AGENT");
        return record;
    }
}
