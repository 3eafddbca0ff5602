package io.waihu.backend.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.support.BrowserSoftphone;
import io.waihu.backend.it.support.PhoneState;
import io.waihu.backend.it.support.SipCredentials;
import io.waihu.backend.it.support.SoftphoneException;
import io.waihu.backend.telephony.Telephony;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The browser softphone as the backend serves it, in headless Chromium through
 * {@link BrowserSoftphone}. What this shows: the page and SIP.js load from the backend, login
 * through GraphQL works in a real browser, the page registers with the gateway over WebSocket
 * with the credentials the API provisions, and a softphone that cannot register says why.
 * Calls through the same harness are in {@link BrowserCallTest}.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class SoftphonePageTest {

    private static final Duration REGISTRATION_OUTCOME = Duration.ofSeconds(20);

    @TestHTTPResource("/softphone/")
    URI page;

    @Inject
    Telephony telephony;

    @Test
    void backendServesThePageSipJsAndTheContractOperations() throws IOException {
        assertThat(given().get(page).then().statusCode(200).extract().asString())
                .contains("<script type=\"importmap\">").contains("./vendor/sip.js/index.js");
        given().get(page.resolve("vendor/sip.js/index.js")).then().statusCode(200);
        given().get(page.resolve("vendor/sip.js/LICENSE.md")).then().statusCode(200);
        Path contract = Path.of(System.getProperty("waihu.repo.root", "../.."), "frontend-contract", "operations",
                "softphone.graphql");
        assertThat(given().get(page.resolve("operations/softphone.graphql")).then().statusCode(200).extract()
                .asString()).as("the page sends the operations the contract test validates")
                .isEqualTo(Files.readString(contract, StandardCharsets.UTF_8));
    }

    @Test
    void agentLogsInThroughGraphQLAndRegistersWithTheGateway() {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", TestUsers.uniqueTeam());
        try (BrowserSoftphone phone = BrowserSoftphone.open(page)) {
            PhoneState loggedIn = phone.login(agent.username(), TestUsers.PASSWORD);
            assertThat(loggedIn.login()).isEqualTo("logged-in");
            assertThat(loggedIn.username()).isEqualTo(agent.username());
            assertThat(phone.text("#user")).contains(agent.username()).contains("AGENT");

            // the page fetched its SIP account (mySipCredentials) and registered over WebSocket
            PhoneState registered = phone.waitRegistered(REGISTRATION_OUTCOME);
            assertThat(registered.registration()).isEqualTo("registered");
            assertThat(telephony.isRegistered(agent.username())).as("the gateway's registrar knows the phone")
                    .isTrue();
            assertThat(registered.call()).isEqualTo("idle");
        }
    }

    @Test
    void wrongPasswordIsShownOnTheLoginFormAndNothingRegisters() {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        try (BrowserSoftphone phone = BrowserSoftphone.open(page)) {
            assertThatThrownBy(() -> phone.login(agent.username(), "not the password"))
                    .isInstanceOf(SoftphoneException.class).hasMessageContaining("login failed");
            PhoneState state = phone.state();
            assertThat(state.login()).isEqualTo("failed");
            assertThat(state.registration()).isEqualTo("unregistered");
            assertThat(phone.text("#login-status")).startsWith("login failed");
        }
    }

    @Test
    void aDialRefusedWithAUserErrorIsShownAsTheDialError() {
        GraphQL admin = GraphQL.admin();
        TestUsers.Login agent = TestUsers.create(admin, "AGENT", TestUsers.uniqueTeam());
        String number = CustomerGraphQLTest.uniqueMobile();
        admin.ok(BlacklistGraphQLTest.ADD, java.util.Map.of("n", number, "r", "asked not to be called"));
        try (BrowserSoftphone phone = BrowserSoftphone.open(page)) {
            phone.login(agent.username(), TestUsers.PASSWORD);
            assertThatThrownBy(() -> phone.clickToDial(null, number))
                    .isInstanceOf(SoftphoneException.class).hasMessageContaining("dial failed")
                    .hasMessageContaining("do-not-call list");
            PhoneState state = phone.state();
            assertThat(state.call()).as("no call was started").isEqualTo("idle");
            assertThat(state.callId()).isNull();
        }
    }

    @Test
    void unreachableSipServerIsReportedAsATransportFailure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String wsUri = "ws://127.0.0.1:" + closedPort;
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", null);
        try (BrowserSoftphone phone = BrowserSoftphone.open(page)) {
            phone.login(agent.username(), TestUsers.PASSWORD,
                    new SipCredentials("1001", "sip-secret", "waihu.test", wsUri));
            assertThatThrownBy(() -> phone.waitRegistered(REGISTRATION_OUTCOME))
                    .isInstanceOf(SoftphoneException.class).hasMessageContaining("registration failed (transport)");
            PhoneState state = phone.state();
            assertThat(state.registrationStage()).isEqualTo("transport");
            assertThat(state.registrationError()).contains(wsUri);
        }
    }
}
