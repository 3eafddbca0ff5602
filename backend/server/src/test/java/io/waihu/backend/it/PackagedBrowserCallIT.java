package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.waihu.backend.it.support.BrowserSoftphone;
import io.waihu.backend.it.support.PackagedServer;
import io.waihu.backend.it.support.RtpStats;
import io.waihu.telephony.testing.Sipp;
import io.waihu.telephony.testing.UdpReceiveQueue;
import io.waihu.telephony.testing.Wav;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser call through the server as the README runs it: the packaged jar in its own JVM, not
 * Quarkus' test mode. Class loading differs there (everything on one application class loader,
 * nothing parent-first), and the WebRTC path (libjitsi, DTLS-SRTP, ICE) is exercised only by a
 * browser; this is where a packaging mistake would show. Everything is driven from the outside,
 * as users do: GraphQL over HTTP, the softphone page in headless Chromium, sipp as the carrier,
 * the recording downloaded over HTTP.
 */
class PackagedBrowserCallIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "packaged-admin-password";
    private static final String CALL = "query($id: ID!) { call(id: $id) { state result endedBy talkSeconds "
            + "recording { url sizeBytes } } }";

    /** Kept when the test fails: the server's log is in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;
    private PackagedServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = PackagedServer.start(dataDir, 0, PASSWORD, PackagedServer.ephemeralSipPorts());
        port = server.port();
        RestAssured.port = port;
    }

    @AfterEach
    void stop() {
        RestAssured.reset();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void agentInTheBrowserTalksWithTheCarrierThroughThePackagedServer() throws Exception {
        GraphQL admin = GraphQL.as("admin", PASSWORD);
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String customerId = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name",
                "Packaged Call Customer", "phones", List.of(CustomerGraphQLTest.uniqueMobile()))))
                .getString("data.createCustomer.customer.id");
        try (Sipp carrier = Sipp.with("carrier_answer.xml").start("carrier");
                BrowserSoftphone phone = BrowserSoftphone.builder(URI.create("http://127.0.0.1:" + port + "/softphone/"))
                        .name("packaged-agent").open()) {
            admin.ok("mutation($in: ConfigureTrunkInput!) { configureTrunk(input: $in) { trunk { id } } }", Map.of("in", Map.of(
                    "name", "sipp carrier", "host", "127.0.0.1", "port", carrier.port, "transport", "UDP",
                    "maxChannels", 5)));
            phone.login(agent.username(), TestUsers.PASSWORD);
            phone.waitRegistered(WAIT);

            String callId = phone.clickToDial(customerId, null).callId();
            assertThat(callId).isNotNull();
            phone.waitCall(WAIT, "in-call");
            Awaitility.await().atMost(WAIT).until(() -> {
                RtpStats stats = phone.stats();
                return stats.packetsSent() > 50 && stats.packetsReceived() > 50;
            });
            assertThat(UdpReceiveQueue.of(carrier.mediaPort).queued())
                    .as("RTP from the browser reached the carrier's media socket").isPositive();

            BrowserCallTest.agentHangsUp(phone, carrier, agent.client(), CALL, callId);

            Response download = given().auth().oauth2(GraphQL.tokenOf(agent.username(), TestUsers.PASSWORD))
                    .get("/recordings/" + callId + ".wav");
            assertThat(download.statusCode()).isEqualTo(200);
            Path wavFile = Files.createTempFile("packaged-call-", ".wav");
            Files.write(wavFile, download.asByteArray());
            Wav wav = Wav.read(wavFile);
            assertThat(wav.channels()).isEqualTo(2);
            assertThat(Wav.rms(wav.left())).as("agent (browser microphone) on the left").isGreaterThan(300);
            assertThat(Wav.rms(wav.right())).as("customer (carrier's pcap) on the right").isGreaterThan(300);
            assertThat(server.log()).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
        }
    }
}
