package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.waihu.backend.telephony.TrunkDirectory;
import io.waihu.telephony.MediaEncryption;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Trunks and SIP credentials through GraphQL: configured by admins, secrets never readable at rest. */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class TelephonyGraphQLTest {

    static final String CONFIGURE = "mutation($in: ConfigureTrunkInput!) { configureTrunk(input: $in) "
            + "{ trunk { id name host port transport username hasPassword callerId dialPrefix maxChannels enabled "
            + "mediaEncryption version } userErrors { field code message } } }";
    static final String MY_SIP = "{ mySipCredentials { username password realm wsUri wsPort wssPort udpPort } }";
    static final String SET_SIP = "mutation($u: ID!, $p: String) { setSipPassword(input: {userId: $u, password: $p}) "
            + "{ credentials { username password realm } userErrors { field code message } } }";

    @Inject
    AgroalDataSource database;

    @Inject
    TrunkDirectory directory;

    /** A trunk's settings with the id of the trunk they change. */
    static Map<String, Object> withId(String id, Map<String, Object> settings) {
        Map<String, Object> input = new java.util.HashMap<>(settings);
        input.put("id", id);
        return input;
    }

    @Test
    void trunkIsConfiguredAndListedButItsPasswordIsNeverReadable() throws SQLException {
        GraphQL admin = GraphQL.admin();
        String token = UUID.randomUUID().toString().substring(0, 8);
        String secret = "trunk-secret-" + token;
        JsonPath created = admin.ok(CONFIGURE, Map.of("in", Map.of("name", "Carrier " + token,
                "host", "sip.carrier.example", "transport", "TCP", "username", "acct-" + token, "password", secret,
                "callerId", "+862150000000", "dialPrefix", "9", "maxChannels", 4)));
        String id = created.getString("data.configureTrunk.trunk.id");
        assertThat(created.getInt("data.configureTrunk.trunk.port")).isEqualTo(5060);
        assertThat(created.getString("data.configureTrunk.trunk.transport")).isEqualTo("TCP");
        assertThat(created.getBoolean("data.configureTrunk.trunk.hasPassword")).isTrue();
        assertThat(created.getBoolean("data.configureTrunk.trunk.enabled")).isTrue();
        assertThat(AllPages.all(admin, "trunks", "id", "id")).contains(id);

        assertThat(DatabaseSearch.occurrences(database, List.of(secret))).as("the trunk password at rest").isEmpty();

        Map<String, Object> edit = Map.of("in", withId(id, Map.of("name", "Carrier " + token + " (edited)",
                "host", "sip2.carrier.example", "maxChannels", 8)));
        JsonPath edited = admin.ok(CONFIGURE, edit);
        assertThat(edited.getBoolean("data.configureTrunk.trunk.hasPassword")).as("an edit without password keeps it")
                .isTrue();
        assertThat(edited.getInt("data.configureTrunk.trunk.version")).isEqualTo(1);
        assertThat(admin.ok(CONFIGURE, Map.of("in", withId(id, Map.of("name", "c", "host", "h.example",
                "password", "")))).getBoolean("data.configureTrunk.trunk.hasPassword")).isFalse();

        admin.ok("mutation($id: ID!) { removeTrunk(input: {id: $id}) { removedTrunkId } }", Map.of("id", id));
        assertThat(AllPages.all(admin, "trunks", "id", "id")).doesNotContain(id);
        assertThat(GraphQL.errorCode(admin.call("mutation($id: ID!) { removeTrunk(input: {id: $id}) { removedTrunkId } }", Map.of("id", id))))
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void badTrunkSettingsAreRefusedWithTheFieldAndChangeNothing() {
        GraphQL admin = GraphQL.admin();
        String id = admin.ok(CONFIGURE, Map.of("in", Map.of("name", "Steady", "host", "steady.example",
                "maxChannels", 3))).getString("data.configureTrunk.trunk.id");
        Map<String, Map<String, Object>> bad = Map.of(
                "host", Map.of("name", "x", "host", "bad host!"),
                "port", Map.of("name", "x", "host", "h.example", "port", 70000),
                "transport", Map.of("name", "x", "host", "h.example", "transport", "SCTP"),
                "maxChannels", Map.of("name", "x", "host", "h.example", "maxChannels", 0),
                "dialPrefix", Map.of("name", "x", "host", "h.example", "dialPrefix", "9;lr"),
                "mediaEncryption", Map.of("name", "x", "host", "h.example", "mediaEncryption", "ZRTP"),
                "prefixes", Map.of("name", "x", "host", "h.example", "prefixes", List.of("+86", "0086")),
                "priority", Map.of("name", "x", "host", "h.example", "priority", -1),
                "name", Map.of("name", " ", "host", "h.example"));
        bad.forEach((field, input) -> {
            JsonPath answer = admin.call(CONFIGURE, Map.of("in", withId(id, input)));
            if (field.equals("transport") || field.equals("mediaEncryption")) {
                // enums: graphql-java refuses the value before any resolver, naming the value and the enum type
                assertThat(GraphQL.errorCode(answer)).as(field).isEqualTo("VALIDATION");
                assertThat(answer.getString("errors[0].message")).as(field).contains(input.get(field).toString())
                        .contains(field.equals("transport") ? "TrunkTransport" : "MediaEncryption");
            } else {
                assertThat(GraphQL.userErrorCode(answer, "configureTrunk")).as(field).isEqualTo("VALIDATION");
                assertThat(GraphQL.userErrorField(answer, "configureTrunk")).as(field).containsExactly(field);
            }
        });
        assertThat(AllPages.all(admin, "trunks", "id name").stream().filter(t -> id.equals(t.get("id")))
                .map(t -> t.get("name")).toList()).containsExactly("Steady");
    }

    @Test
    void trunksArePagedBothWaysInNameOrderAndCounted() {
        GraphQL admin = GraphQL.admin();
        for (int i = 0; i < 3; i++) {
            admin.ok(CONFIGURE, Map.of("in", Map.of("name", "Paged " + i, "host", "paged.example")));
        }
        List<String> ids = AllPages.all(admin, "trunks", "id", "id");
        JsonPath first = admin.ok("{ trunks(first: 2) { totalCount nodes { id } pageInfo { hasNextPage } } }");
        assertThat(first.getInt("data.trunks.totalCount")).as("every page").isEqualTo(ids.size());
        assertThat(first.getList("data.trunks.nodes.id", String.class)).isEqualTo(ids.subList(0, 2));
        assertThat(first.getBoolean("data.trunks.pageInfo.hasNextPage")).isTrue();
        JsonPath last = admin.ok("{ trunks(last: 2) { nodes { id } pageInfo { hasPreviousPage } } }");
        assertThat(last.getList("data.trunks.nodes.id", String.class)).as("the end, in list order")
                .isEqualTo(ids.subList(ids.size() - 2, ids.size()));
        assertThat(last.getBoolean("data.trunks.pageInfo.hasPreviousPage")).isTrue();
    }

    @Test
    void trunkMediaEncryptionIsKeptAcrossEditsAndReachesTheGateway() {
        GraphQL admin = GraphQL.admin();
        JsonPath created = admin.ok(CONFIGURE, Map.of("in", Map.of("name", "Secure", "host", "srtp.example")));
        String id = created.getString("data.configureTrunk.trunk.id");
        assertThat(created.getString("data.configureTrunk.trunk.mediaEncryption")).isEqualTo("NONE");

        JsonPath srtp = admin.ok(CONFIGURE, Map.of("in", withId(id, Map.of("name", "Secure", "host", "srtp.example",
                "mediaEncryption", "SDES_SRTP"))));
        assertThat(srtp.getString("data.configureTrunk.trunk.mediaEncryption")).isEqualTo("SDES_SRTP");
        JsonPath kept = admin.ok(CONFIGURE, Map.of("in", withId(id, Map.of("name", "Secure", "host", "srtp2.example"))));
        assertThat(kept.getString("data.configureTrunk.trunk.mediaEncryption")).as("an edit without it keeps it")
                .isEqualTo("SDES_SRTP");
        assertThat(directory.spec(id).orElseThrow().mediaEncryption()).isEqualTo(MediaEncryption.SDES_SRTP);
    }

    @Test
    void trunkRoutingIsKeptAcrossEditsAndPicksTheTrunkForANumber() {
        GraphQL admin = GraphQL.admin();
        String routing = "mutation($in: ConfigureTrunkInput!) { configureTrunk(input: $in) "
                + "{ trunk { id prefixes priority } } }";
        // prefixes no other test dials, so other tests' calls do not route here
        JsonPath created = admin.ok(routing, Map.of("in", Map.of("name", "Routed", "host", "routed.example",
                "prefixes", List.of("+99912", " +9991 "), "priority", 5)));
        String id = created.getString("data.configureTrunk.trunk.id");
        assertThat(created.getList("data.configureTrunk.trunk.prefixes", String.class)).containsExactly("+9991", "+99912");
        assertThat(created.getInt("data.configureTrunk.trunk.priority")).isEqualTo(5);
        JsonPath kept = admin.ok(routing, Map.of("in", withId(id, Map.of("name", "Routed", "host", "routed2.example"))));
        assertThat(kept.getList("data.configureTrunk.trunk.prefixes", String.class)).as("an edit without them keeps them")
                .containsExactly("+9991", "+99912");

        assertThat(directory.choose(null, "+99912345678", trunk -> 0).await().indefinitely())
                .map(io.waihu.telephony.TrunkSpec::id).contains(id);
    }

    @Test
    void agentsSipCredentialsAreProvisionedOnFirstAskAndStayTheSame() throws SQLException {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        JsonPath first = agent.client().ok(MY_SIP);
        String password = first.getString("data.mySipCredentials.password");
        assertThat(first.getString("data.mySipCredentials.username")).isEqualTo(agent.username());
        assertThat(first.getString("data.mySipCredentials.realm")).isEqualTo("waihu");
        assertThat(password).hasSize(24).isNotEqualTo(TestUsers.PASSWORD);
        assertThat(first.getInt("data.mySipCredentials.wsPort")).isPositive();
        assertThat(first.getInt("data.mySipCredentials.wssPort")).as("secure WebSocket for https pages")
                .isPositive().isNotEqualTo(first.getInt("data.mySipCredentials.wsPort"));
        assertThat(first.getInt("data.mySipCredentials.udpPort")).isPositive();
        assertThat(agent.client().ok(MY_SIP).getString("data.mySipCredentials.password")).isEqualTo(password);
        assertThat(DatabaseSearch.occurrences(database, List.of(password))).as("the SIP password at rest").isEmpty();
    }

    @Test
    void adminSetsADeskPhonePasswordAndBadOnesAreRefused() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        Map<String, Object> vars = new HashMap<>();
        vars.put("u", agent.id());
        vars.put("p", "Desk-Phone-Pass-1");
        assertThat(admin.ok(SET_SIP, vars).getString("data.setSipPassword.credentials.password")).isEqualTo("Desk-Phone-Pass-1");
        assertThat(agent.client().ok(MY_SIP).getString("data.mySipCredentials.password"))
                .isEqualTo("Desk-Phone-Pass-1");

        vars.put("p", "short");
        JsonPath refused = admin.call(SET_SIP, vars);
        assertThat(GraphQL.userErrorCode(refused, "setSipPassword")).isEqualTo("VALIDATION");
        assertThat(GraphQL.userErrorField(refused, "setSipPassword")).containsExactly("password");
        assertThat(refused.getString("data.setSipPassword.credentials")).isNull();
        assertThat(agent.client().ok(MY_SIP).getString("data.mySipCredentials.password"))
                .as("a refused password changes nothing").isEqualTo("Desk-Phone-Pass-1");

        vars.put("u", UUID.randomUUID().toString());
        vars.put("p", null);
        assertThat(GraphQL.errorCode(admin.call(SET_SIP, vars))).isEqualTo("NOT_FOUND");
    }
}
