package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.waihu.backend.telephony.Telephony;
import io.waihu.telephony.testing.Sipp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * What the end-to-end call tests share: agents with SIP passwords set through the API, sipp
 * desk phones registered with those credentials, sipp carriers behind trunks configured through
 * the API, and the checks every finished call must pass (times that add up, the recording served,
 * the contact history). Closing it stops every sipp it started and removes its trunks, so the
 * next test's phone-dialed calls pick their own trunk.
 */
final class CallFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    static final String CALL_FIELDS = "id state result sipCode reason endedBy origin number customerId agentId "
            + "trunkId campaignId placedAt agentRingingAt agentAnsweredAt ringingAt answeredAt endedAt "
            + "durationSeconds talkSeconds billableSeconds recording { url sizeBytes durationSeconds sha256 }";
    static final String CALL = "query($id: ID!) { call(id: $id) { " + CALL_FIELDS + " } }";
    static final String DIAL = "mutation($in: DialInput!) { dial(input: $in) { call { id state origin } inReadModel userErrors { field code message } } }";
    static final String HANGUP = "mutation($id: ID!) { hangup(input: {callId: $id}) { call { id state } userErrors { field code message } } }";
    static final String RECORDS = "query($c: ID, $r: CallResult) { callRecords(customerId: $c, result: $r) "
            + "{ edges { node { " + CALL_FIELDS + " } } } }";
    static final String MY_RECORDS = "{ callRecords(first: 50) { edges { node { " + CALL_FIELDS + " } } } }";
    static final String SET_SIP_PASSWORD = "mutation($u: ID!, $p: String) { setSipPassword(input: {userId: $u, password: $p}) "
            + "{ credentials { username password realm udpPort } userErrors { field code message } } }";
    static final String CONFIGURE_TRUNK = "mutation($in: ConfigureTrunkInput!) { configureTrunk(input: $in) { trunk { id } } }";
    static final String REMOVE_TRUNK = "mutation($id: ID!) { removeTrunk(input: {id: $id}) { removedTrunkId } }";
    static final String HISTORY = "query($c: ID!) { customerHistory(customerId: $c, first: 100) "
            + "{ nodes { type aggregateId data } } }";

    /** An agent with a SIP account: their login and what their desk phone registers with. */
    record Agent(TestUsers.Login login, String sipUser, String sipPassword, int udpPort) {
        GraphQL client() {
            return login.client();
        }

        String id() {
            return login.id();
        }
    }

    /** One call record as the API shows it. */
    record Call(String id, String state, String result, Integer sipCode, String reason, String endedBy, String origin,
            String number, String customerId, String trunkId, String campaignId, Instant placedAt,
            Instant agentRingingAt, Instant agentAnsweredAt, Instant ringingAt, Instant answeredAt, Instant endedAt,
            Double durationSeconds, Double talkSeconds, Integer billableSeconds, String recordingUrl,
            Long recordingSize, Double recordingSeconds, String recordingSha256) {

        static Call of(JsonPath json, String path) {
            if (json.get(path) == null) {
                return null;
            }
            String p = path + ".";
            boolean recorded = json.get(p + "recording") != null;
            return new Call(json.getString(p + "id"), json.getString(p + "state"), json.getString(p + "result"),
                    json.get(p + "sipCode"), json.getString(p + "reason"), json.getString(p + "endedBy"),
                    json.getString(p + "origin"), json.getString(p + "number"), json.getString(p + "customerId"),
                    json.getString(p + "trunkId"), json.getString(p + "campaignId"), time(json, p + "placedAt"),
                    time(json, p + "agentRingingAt"), time(json, p + "agentAnsweredAt"), time(json, p + "ringingAt"),
                    time(json, p + "answeredAt"), time(json, p + "endedAt"), decimal(json, p + "durationSeconds"),
                    decimal(json, p + "talkSeconds"), json.get(p + "billableSeconds"),
                    recorded ? json.getString(p + "recording.url") : null,
                    recorded ? json.getLong(p + "recording.sizeBytes") : null,
                    recorded ? decimal(json, p + "recording.durationSeconds") : null,
                    recorded ? json.getString(p + "recording.sha256") : null);
        }

        private static Instant time(JsonPath json, String path) {
            String value = json.getString(path);
            return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value, Instant::from);
        }

        private static Double decimal(JsonPath json, String path) {
            Object value = json.get(path);
            return value == null ? null : ((Number) value).doubleValue();
        }

        /** Seconds between two of the call's times. */
        static double seconds(Instant from, Instant to) {
            return Duration.between(from, to).toMillis() / 1000.0;
        }
    }

    final GraphQL admin = GraphQL.admin();
    private final Telephony telephony;
    private final List<Sipp> peers = new ArrayList<>();
    private final List<String> trunks = new ArrayList<>();

    CallFixture(Telephony telephony) {
        this.telephony = telephony;
    }

    /** A new agent (own team) whose SIP password the admin sets through {@code setSipPassword}. */
    Agent agent() {
        TestUsers.Login login = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String password = "desk-" + login.username();
        JsonPath sip = admin.ok(SET_SIP_PASSWORD, Map.of("u", login.id(), "p", password));
        assertThat(sip.getString("data.setSipPassword.credentials.password")).isEqualTo(password);
        return new Agent(login, sip.getString("data.setSipPassword.credentials.username"), password,
                sip.getInt("data.setSipPassword.credentials.udpPort"));
    }

    /**
     * The agent's desk phone: sipp REGISTERs with digest and answers the gateway's INVITE with
     * {@code answerScenario}, holding {@code hold} before it hangs up when that scenario does.
     */
    Sipp deskPhone(Agent agent, String answerScenario, Duration hold) {
        Sipp phone = keep(Sipp.with("phone_register.xml").service(agent.sipUser())
                .auth(agent.sipUser(), agent.sipPassword()).outOfCall(answerScenario).duration(hold)
                .remote(agent.udpPort()).start("phone"));
        Awaitility.await("desk phone registration").atMost(WAIT)
                .until(() -> telephony.isRegistered(agent.sipUser()) || !phone.alive());
        assertThat(telephony.isRegistered(agent.sipUser())).as(phone.diagnostics()).isTrue();
        return phone;
    }

    /**
     * The agent's desk phone dialing {@code digits} itself, holding {@code hold} once answered. The
     * number reaches the scenario as {@code [field0]} of an injection file.
     */
    Sipp phoneDialing(Agent agent, String digits, Duration hold) throws IOException {
        Path numbers = Files.createDirectories(Path.of("target", "sipp")).resolve("dial-" + digits + ".csv");
        Files.writeString(numbers, "SEQUENTIAL\n" + digits + ";\n", StandardCharsets.US_ASCII);
        return keep(Sipp.with("phone_dial.xml").service(agent.sipUser()).auth(agent.sipUser(), agent.sipPassword())
                .arg("-inf", numbers.toAbsolutePath().toString()).duration(hold).remote(agent.udpPort())
                .start("phone-dial"));
    }

    /** A carrier: sipp as UAS with {@code scenario}; {@code pause} is its {@code <pause/>} length. */
    Sipp carrier(String scenario, Duration pause) {
        return keep(Sipp.with(scenario).duration(pause).start("carrier"));
    }

    /** A trunk to the carrier, configured through the API; removed again on close. */
    String trunk(String name, Sipp carrier, int maxChannels, String username, String password) {
        Map<String, Object> input = new HashMap<>();
        input.put("name", name);
        input.put("host", "127.0.0.1");
        input.put("port", carrier.port);
        input.put("transport", "UDP");
        input.put("maxChannels", maxChannels);
        input.put("callerId", "+8657400000000");
        if (username != null) {
            input.put("username", username);
            input.put("password", password);
        }
        String id = admin.ok(CONFIGURE_TRUNK, Map.of("in", input)).getString("data.configureTrunk.trunk.id");
        trunks.add(id);
        return id;
    }

    String trunk(Sipp carrier) {
        return trunk("carrier " + carrier.port, carrier, 10, null, null);
    }

    /** A customer of the agent with this (national) mobile number. */
    String customer(Agent agent, String mobile) {
        return CustomerGraphQLTest.create(agent.client(), "Customer " + mobile, mobile, List.of());
    }

    /** Click-to-dial as the agent; returns the call's id. */
    String dial(Agent agent, Map<String, Object> input) {
        JsonPath dialed = agent.client().ok(DIAL, Map.of("in", input));
        assertThat(dialed.getList("data.dial.userErrors")).isEmpty();
        assertThat(dialed.getString("data.dial.call.origin")).isEqualTo("CLICK_TO_DIAL");
        return dialed.getString("data.dial.call.id");
    }

    Call call(GraphQL client, String callId) {
        return Call.of(client.ok(CALL, Map.of("id", callId)), "data.call");
    }

    /** Waits until the call record satisfies {@code condition}; returns it. */
    Call awaitCall(GraphQL client, String callId, String what, Predicate<Call> condition) {
        return Awaitility.await(what + " of call " + callId).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> call(client, callId), c -> c != null && condition.test(c));
    }

    /** Waits for the end of the call and, when {@code recorded}, for its recording. */
    Call awaitEnded(GraphQL client, String callId, boolean recorded) {
        return awaitCall(client, callId, "end", c -> "ENDED".equals(c.state()) && (!recorded || c.recordingUrl() != null));
    }

    /** Every sipp ran its scenario to the end (exit code 0). */
    static void assertCompleted(Sipp... sipps) {
        for (Sipp sipp : sipps) {
            assertThat(sipp.awaitExit(WAIT)).as(sipp.diagnostics()).isZero();
        }
    }

    /** The gateway holds nothing of the test's calls any more. */
    void assertNoLiveCalls() {
        Awaitility.await("no live calls").atMost(Duration.ofSeconds(10)).until(() -> telephony.activeCalls() == 0);
    }

    /**
     * The times of an ended call add up: steps in order, duration from placement to end, talk
     * time from answer to end, billable seconds the talk time rounded up; no talk without answer.
     */
    static void assertTimesAddUp(Call call) {
        assertThat(call.endedAt()).isAfterOrEqualTo(call.placedAt());
        assertThat(call.durationSeconds()).isCloseTo(Call.seconds(call.placedAt(), call.endedAt()), within(0.002));
        Instant previous = call.placedAt();
        for (Instant step : new Instant[] {call.agentRingingAt(), call.agentAnsweredAt(), call.answeredAt()}) {
            if (step != null) {
                assertThat(step).as("steps in order: %s", call).isAfterOrEqualTo(previous.minusMillis(50));
                previous = step;
            }
        }
        if (call.answeredAt() == null) {
            assertThat(call.talkSeconds()).isZero();
            assertThat(call.billableSeconds()).isZero();
        } else {
            assertThat(call.endedAt()).isAfterOrEqualTo(call.answeredAt());
            assertThat(call.talkSeconds()).isCloseTo(Call.seconds(call.answeredAt(), call.endedAt()), within(0.002));
            assertThat(call.billableSeconds()).isEqualTo((int) Math.ceil(call.talkSeconds()));
            assertThat(call.durationSeconds()).isGreaterThanOrEqualTo(call.talkSeconds());
        }
    }

    /** What a recorded call's WAV holds, as served over HTTP through its signed link. */
    record Wav(int channels, int sampleRate, int bitsPerSample, double seconds, int peakLeft, int peakRight) {}

    /**
     * Fetches the recording through the signed link of the call record (no Authorization header,
     * as an {@code <audio>} element would) and checks that it is the file the record describes:
     * size, SHA-256, a stereo 8 kHz 16-bit WAV as long as the recording says.
     */
    static Wav assertRecordingServed(Call call) throws NoSuchAlgorithmException {
        assertThat(call.recordingUrl()).as("recording of %s", call.id()).isNotNull();
        Response response = given().get(call.recordingUrl());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("audio/wav");
        byte[] bytes = response.asByteArray();
        assertThat((long) bytes.length).isEqualTo(call.recordingSize());
        assertThat(java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(call.recordingSha256());
        Wav wav = parse(bytes);
        assertThat(wav.channels()).isEqualTo(2);
        assertThat(wav.sampleRate()).isEqualTo(8000);
        assertThat(wav.bitsPerSample()).isEqualTo(16);
        assertThat(wav.seconds()).isCloseTo(call.recordingSeconds(), within(0.1));
        assertThat(call.recordingSeconds()).isCloseTo(call.talkSeconds(), within(1.0));
        Response range = given().header("Range", "bytes=0-43").get(call.recordingUrl());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.asByteArray()).hasSize(44);
        return wav;
    }

    private static Wav parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(bytes, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int offset = 12;
        while (offset + 8 <= bytes.length) {
            String id = new String(bytes, offset, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(offset + 4);
            if (id.equals("fmt ")) {
                channels = b.getShort(offset + 10);
                rate = b.getInt(offset + 12);
                bits = b.getShort(offset + 22);
            } else if (id.equals("data")) {
                int end = Math.min(bytes.length, offset + 8 + Math.max(0, size));
                int peakLeft = 0;
                int peakRight = 0;
                for (int i = offset + 8; i + 3 < end; i += 4) {
                    peakLeft = Math.max(peakLeft, Math.abs(b.getShort(i)));
                    peakRight = Math.max(peakRight, Math.abs(b.getShort(i + 2)));
                }
                double seconds = (end - offset - 8) / (double) (rate * channels * bits / 8);
                return new Wav(channels, rate, bits, seconds, peakLeft, peakRight);
            }
            offset += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk in the recording");
    }

    /** The call's events in the customer's contact history (waits for each expected type). */
    List<String> assertInHistory(GraphQL client, String customerId, String callId, String... types) {
        List<String> seen = Awaitility.await("contact history of " + customerId).atMost(WAIT)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> historyOf(client, customerId, callId), t -> t.containsAll(List.of(types)));
        return seen;
    }

    private static List<String> historyOf(GraphQL client, String customerId, String callId) {
        JsonPath history = client.ok(HISTORY, Map.of("c", customerId));
        List<Map<String, Object>> entries = history.getList("data.customerHistory.nodes");
        return entries.stream().filter(e -> callId.equals(e.get("aggregateId"))).map(e -> (String) e.get("type"))
                .toList();
    }

    /** The JSON of the call's event of that type in the contact history. */
    static String historyData(GraphQL client, String customerId, String callId, String type) {
        List<Map<String, Object>> entries = client.ok(HISTORY, Map.of("c", customerId))
                .getList("data.customerHistory.nodes");
        return entries.stream().filter(e -> callId.equals(e.get("aggregateId")) && type.equals(e.get("type")))
                .map(e -> json(e.get("data"))).findFirst().orElseThrow();
    }

    /** An entry's data (a JSON value) as compact JSON text. */
    private static String json(Object data) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Sipp keep(Sipp sipp) {
        peers.add(sipp);
        return sipp;
    }

    @Override
    public void close() {
        peers.forEach(Sipp::close);
        for (String trunk : trunks) {
            admin.call(REMOVE_TRUNK, Map.of("id", trunk));
        }
    }
}
