package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.domain.CommandMetadata;
import io.waihu.schema.calls.CallOrigin;
import io.waihu.schema.calls.CallResult;
import io.waihu.schema.calls.PlaceCallCommand;
import io.waihu.schema.calls.RecordRecordingStoredCommand;
import io.waihu.schema.common.PhoneNumber;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Right to erasure for someone Waihu knows only as a number: {@code eraseNumber} destroys the
 * data keys of the calls placed to it, deletes their recordings and blanks the number in the
 * records; calls placed for a customer are left to {@code eraseCustomer} and reported. Calls are
 * recorded with the commands the gateway's reports become (see {@link RecordedCalls}).
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class EraseNumberTest {

    private static final String ERASE = "mutation($n: String!, $r: String!) { eraseNumber(input: {number: $n, reason: $r}) "
            + "{ number callsErased customerIds userErrors { field code message } } }";
    private static final String CALL = "query($id: ID!) { call(id: $id) { id state result number recording { url } } }";

    @Inject
    CommandGateway commands;

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "waihu.recordings.dir")
    Path recordings;

    private String recordedCall(String agentId, String customerId, String e164, boolean withRecording) throws Exception {
        if (!withRecording) {
            return RecordedCalls.record(commands, agentId, customerId, e164, CallResult.ANSWERED, 2, null);
        }
        String callId = UUID.randomUUID().toString();
        Path file = recordings.resolve("test").resolve(callId + ".wav");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'R', 'I', 'F', 'F', 1, 2, 3, 4});
        return RecordedCalls.record(commands, agentId, customerId, e164, CallResult.ANSWERED, 2,
                new RecordRecordingStoredCommand(callId, "test/" + callId + ".wav", 8, 1000, "0".repeat(64)));
    }

    /** The call as the read model has it: not found (an error) until the projection applied it, which a busy machine delays. */
    private static void awaitRecorded(GraphQL admin, String callId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                "ENDED".equals(admin.ok(CALL, Map.of("id", callId)).getString("data.call.state")));
    }

    @Test
    void callsToTheNumberLoseItAndTheirRecordingsWhileCustomersCallsAreReported() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String digits = CustomerGraphQLTest.uniqueMobile();
        String number = "+86" + digits;
        String other = "+86" + CustomerGraphQLTest.uniqueMobile();
        String customer = agent.client().ok(CustomerGraphQLTest.CREATE, Map.of("in", Map.of("name", "Shares A Line",
                "phones", List.of(digits)))).getString("data.createCustomer.customer.id");

        String recorded = recordedCall(agent.id(), null, number, true);
        String plain = recordedCall(agent.id(), null, number, false);
        String forCustomer = recordedCall(agent.id(), customer, number, false);
        String elsewhere = recordedCall(agent.id(), null, other, true);
        for (String id : List.of(recorded, plain, forCustomer, elsewhere)) {
            awaitRecorded(admin, id);
        }
        Path recording = recordings.resolve("test").resolve(recorded + ".wav");
        Path otherRecording = recordings.resolve("test").resolve(elsewhere + ".wav");

        // written as the user would type it: national format, spaces
        JsonPath erased = admin.ok(ERASE, Map.of("n", digits.substring(0, 3) + " " + digits.substring(3), "r",
                "asked to be forgotten"));

        assertThat(erased.getString("data.eraseNumber.number")).isEqualTo(number);
        assertThat(erased.getInt("data.eraseNumber.callsErased")).isEqualTo(2);
        assertThat(erased.getList("data.eraseNumber.customerIds", String.class)).containsExactly(customer);
        for (String id : List.of(recorded, plain)) {
            JsonPath call = admin.ok(CALL, Map.of("id", id));
            assertThat(call.getString("data.call.number")).as("number of " + id).isNull();
            assertThat(call.getString("data.call.result")).as("the record itself stays").isEqualTo("ANSWERED");
        }
        assertThat(admin.ok(CALL, Map.of("id", forCustomer)).getString("data.call.number")).isEqualTo(number);
        assertThat(admin.ok(CALL, Map.of("id", elsewhere)).getString("data.call.number")).isEqualTo(other);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(recording));
        assertThat(otherRecording).exists();

        // the call's history still replays, with the number gone from the events as read
        JsonPath again = admin.ok(ERASE, Map.of("n", number, "r", "asked twice"));
        assertThat(again.getInt("data.eraseNumber.callsErased")).as("nothing left to erase").isZero();
        assertThat(again.getList("data.eraseNumber.customerIds", String.class)).containsExactly(customer);
    }

    @Test
    void aNumberOnlyInCallsIsReadableNowhereAfterwards() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String number = "+86" + CustomerGraphQLTest.uniqueMobile();
        String call = recordedCall(agent.id(), null, number, false);
        awaitRecorded(admin, call);
        assertThat(DatabaseSearch.occurrences(database, List.of(number))).as("readable before").isNotEmpty();

        admin.ok(ERASE, Map.of("n", number, "r", "asked to be forgotten"));

        assertThat(DatabaseSearch.occurrences(database, List.of(number, number.substring(1)))).isEmpty();
        assertThat(DatabaseSearch.rawEventTableContains(database, List.of(number, number.substring(1)))).isEmpty();
    }

    @Test
    void badRequestsAreRefusedAndEraseNothing() throws Exception {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String number = "+86" + CustomerGraphQLTest.uniqueMobile();
        String ended = recordedCall(agent.id(), null, number, false);
        awaitRecorded(admin, ended);
        // a call to the same number that is still ringing
        String live = UUID.randomUUID().toString();
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PlaceCallCommand(live, agent.id(), null,
                new PhoneNumber(number), null, CallOrigin.CLICK_TO_DIAL, null)).andMetaData(MetaData.from(Map.of(
                        CommandMetadata.USER_ID, "gateway", CommandMetadata.USERNAME, "gateway"))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
                admin.ok(CALL, Map.of("id", live)).getString("data.call.state") != null);

        JsonPath whileLive = admin.call(ERASE, Map.of("n", number, "r", "now"));
        assertThat(GraphQL.userErrorCode(whileLive, "eraseNumber")).isEqualTo("CONFLICT");
        assertThat(whileLive.getString("data.eraseNumber.callsErased")).as("nothing said erased").isNull();
        JsonPath typo = admin.call(ERASE, Map.of("n", "12ab", "r", "typo"));
        assertThat(GraphQL.userErrorCode(typo, "eraseNumber")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(typo, "eraseNumber")).containsExactly("number");
        JsonPath blank = admin.call(ERASE, Map.of("n", number, "r", "  "));
        assertThat(GraphQL.userErrorCode(blank, "eraseNumber")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(blank, "eraseNumber")).containsExactly("reason");
        assertThat(GraphQL.errorCode(agent.client().call(ERASE, Map.of("n", number, "r", "mine"))))
                .isEqualTo("FORBIDDEN");

        assertThat(admin.ok(CALL, Map.of("id", ended)).getString("data.call.number")).as("nothing erased")
                .isEqualTo(number);
    }
}
