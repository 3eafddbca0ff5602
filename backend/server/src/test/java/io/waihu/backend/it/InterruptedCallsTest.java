package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.waihu.backend.calls.CallService;
import io.waihu.backend.calls.InterruptedCalls;
import io.waihu.backend.calls.NodeId;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.projections.calls.CallRecordProjection;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallPlacedEvent;
import io.waihu.schema.calls.CallProgress;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordCallConnectedCommand;
import io.waihu.schema.common.PhoneNumber;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a crash of the server leaves, made by hand (a test cannot kill its own JVM; the packaged
 * crash test does that): a bridged call of this node with no end, its recording on disk with
 * the sizes a kill leaves in the header (zero) and half a frame at its end, and a live call of
 * another node. Ending the interrupted calls must end exactly this node's, link the repaired
 * recording, and do nothing more when run again.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class InterruptedCallsTest {

    private static final String CALL = "query($id: ID!) { call(id: $id) { state result reason endedBy answeredAt "
            + "endedAt talkSeconds billableSeconds recording { url sizeBytes durationSeconds sha256 } } }";
    /** 6.35 s of stereo 8 kHz 16-bit audio, as the crashed server's recording held. */
    private static final int FRAMES = 50_800;

    @Inject
    CommandGateway commands;
    @Inject
    CallService calls;
    @Inject
    NodeId node;
    @Inject
    InterruptedCalls interrupted;
    @Inject
    EventStore events;
    @Inject
    CallRecordProjection records;

    @ConfigProperty(name = "waihu.recordings.dir")
    Path recordings;

    private GraphQL admin;
    private TestUsers.Login agent;
    private String mine;
    private String others;
    private Instant answeredAt;

    @BeforeEach
    void crashWithCallsLive() throws IOException {
        admin = GraphQL.admin();
        agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String digits = CustomerGraphQLTest.uniqueMobile();
        String customerId = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name",
                "Interrupted Person", "phones", List.of(digits)))).getString("data.createCustomer.customer.id");
        PhoneNumber number = new PhoneNumber("+86" + digits);
        TrunkSpec trunk = new TrunkSpec("trunk-x", "127.0.0.1", 5060, SipTransport.UDP, null, null, null, null, 1);
        answeredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        mine = UUID.randomUUID().toString();
        send(calls.placement(new CallService.Plan(mine, agent.id(), agent.username(), customerId, number, trunk, null),
                CallOrigin.CLICK_TO_DIAL));
        send(GenericCommandMessage.asCommandMessage(new RecordCallConnectedCommand(mine, new CallProgress(null, null, null, 0, answeredAt))));

        others = UUID.randomUUID().toString();
        send(GenericCommandMessage.asCommandMessage(new PlaceCallCommand(others, agent.id(), customerId, number,
                trunk.id(), CallOrigin.CLICK_TO_DIAL, null)).andMetaData(Map.of(CallPlacedEvent.NODE, "another-node")));
        send(GenericCommandMessage.asCommandMessage(new RecordCallConnectedCommand(others, new CallProgress(null, null, null, 0, answeredAt))));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                "ANSWERED".equals(state(mine)) && "ANSWERED".equals(state(others)));
        Instant placedAt = records.byId(mine).await().atMost(Duration.ofSeconds(5)).placedAt;
        Path file = recordings.resolve(placedAt.atZone(ZoneOffset.UTC).toLocalDate().toString().replace('-', '/'))
                .resolve(mine + ".wav");
        Files.createDirectories(file.getParent());
        Files.write(file, cutRecording());
    }

    @Test
    void callsOfThisNodeLiveAtTheCrashEndWithTheCauseAndTheirRecording() throws Exception {
        List<InterruptedCalls.Ended> ended = interrupted.endInterrupted(node.value(), Instant.now());

        assertThat(ended).extracting(InterruptedCalls.Ended::callId).contains(mine).doesNotContain(others);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> agent.client().ok(CALL, Map.of("id", mine))
                .getString("data.call.recording.url") != null && "ENDED".equals(state(mine)));
        JsonPath call = agent.client().ok(CALL, Map.of("id", mine));
        assertThat(call.getString("data.call.result")).isEqualTo("FAILED");
        assertThat(call.getString("data.call.reason")).isEqualTo(InterruptedCalls.REASON);
        assertThat(call.getString("data.call.endedBy")).isEqualTo("SYSTEM");
        assertThat(Instant.parse(call.getString("data.call.endedAt")))
                .as("the call lived as long as its audio").isEqualTo(answeredAt.plusMillis(6350));
        assertThat(call.getDouble("data.call.talkSeconds")).isEqualTo(6.35);
        assertThat(call.getInt("data.call.billableSeconds")).isEqualTo(7);
        long size = 44 + FRAMES * 4L;
        assertThat(call.getLong("data.call.recording.sizeBytes")).isEqualTo(size);
        assertThat(call.getDouble("data.call.recording.durationSeconds")).isEqualTo(6.35);

        Response wav = given().get(call.getString("data.call.recording.url"));
        assertThat(wav.statusCode()).isEqualTo(200);
        ByteBuffer header = ByteBuffer.wrap(wav.asByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(header.capacity()).isEqualTo(size);
        assertThat(header.getInt(4)).as("RIFF size").isEqualTo(size - 8);
        assertThat(header.getInt(40)).as("data size").isEqualTo(FRAMES * 4);

        JsonPath other = admin.ok(CALL, Map.of("id", others));
        assertThat(other.getString("data.call.state")).as("another node's call may be live").isEqualTo("ANSWERED");
        assertThat(other.getString("data.call.endedAt")).isNull();
    }

    @Test
    void endingTheInterruptedCallsAgainChangesNothing() throws Exception {
        interrupted.endInterrupted(node.value(), Instant.now());
        long mineEvents = eventsOf(mine);

        assertThat(interrupted.endInterrupted(node.value(), Instant.now())).isEmpty();
        assertThat(eventsOf(mine)).isEqualTo(mineEvents);
        assertThat(eventsOf(others)).as("placed, connected").isEqualTo(2);
    }

    @Test
    void callsPlacedSinceThisProcessStartedAreNotTakenForInterruptedOnes() throws Exception {
        assertThat(interrupted.endInterrupted(node.value(), answeredAt.minusSeconds(60)))
                .extracting(InterruptedCalls.Ended::callId).doesNotContain(mine);
        assertThat(eventsOf(mine)).as("placed, connected").isEqualTo(2);
    }

    private void send(CommandMessage<?> command) {
        commands.sendAndWait(command.andMetaData(Map.of(CommandMetadata.USER_ID, "gateway", CommandMetadata.USERNAME, "gateway")));
    }

    private String state(String callId) {
        return admin.ok(CALL, Map.of("id", callId)).getString("data.call.state");
    }

    private long eventsOf(String callId) {
        return events.readEvents(callId).asStream().count();
    }

    /**
     * A stereo recording (a tone on each channel) as a kill leaves it: the header's RIFF and
     * data sizes still zero, and half a frame written after the last whole one.
     */
    private static byte[] cutRecording() {
        ByteBuffer wav = ByteBuffer.allocate(44 + FRAMES * 4 + 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        wav.putShort((short) 1).putShort((short) 2).putInt(8000).putInt(32000).putShort((short) 4).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        for (int f = 0; f < FRAMES; f++) {
            wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * f / 8000.0)));
            wav.putShort((short) (8000 * Math.sin(2 * Math.PI * 660 * f / 8000.0)));
        }
        wav.putShort((short) 1234);
        return wav.array();
    }
}
