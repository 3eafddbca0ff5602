package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.waihu.backend.it.support.BrowserSoftphone;
import io.waihu.backend.it.support.PhoneState;
import io.waihu.backend.telephony.Telephony;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * HTTPS and WSS out of the box: the certificate made on the first start serves GraphQL over
 * HTTPS, the softphone on an https page registers over wss (browsers refuse ws: there), and a
 * page the browser does not treat as secure says it gets no microphone.
 */
@QuarkusTest
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
class HttpsTest {

    private static final Duration REGISTRATION = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/graphql", tls = true)
    URI httpsGraphQL;

    @TestHTTPResource(value = "/softphone/", tls = true)
    URI httpsPage;

    @TestHTTPResource("/softphone/")
    URI plainPage;

    @Inject
    Telephony telephony;

    @Test
    void graphQLAnswersOverHttpsWithTheGeneratedCertificateAndOnlyThatOne() throws Exception {
        X509Certificate generated = generatedCertificate();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(generated)).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(httpsGraphQL)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("query",
                        "mutation { login(input: {username: \"admin\", password: \""
                                + EmbeddedPostgresResource.ADMIN_PASSWORD + "\"}) { token } }"))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(httpsGraphQL.getScheme()).isEqualTo("https");
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode token = JSON.readTree(answer.body()).path("data").path("login").path("token");
        assertThat(token.asText()).as("logged in over HTTPS: %s", answer.body()).isNotBlank();
        assertThat(answer.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(generated);

        HttpClient trustingTheJvmCas = HttpClient.newHttpClient();
        assertThatThrownBy(() -> trustingTheJvmCas.send(HttpRequest.newBuilder(httpsGraphQL).GET().build(),
                HttpResponse.BodyHandlers.discarding()))
                .as("self-signed: no public CA vouches for it").isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theSoftphoneOnAnHttpsPageRegistersOverSecureWebSocket() throws Exception {
        TestUsers.Login agent = TestUsers.create(GraphQL.admin(), "AGENT", TestUsers.uniqueTeam());
        try (BrowserSoftphone phone = BrowserSoftphone.builder(httpsPage).name("https-agent")
                .trust(generatedCertificate()).open()) {
            phone.login(agent.username(), TestUsers.PASSWORD);
            PhoneState registered = phone.waitRegistered(REGISTRATION);

            assertThat(registered.json().path("secureContext").asBoolean()).isTrue();
            assertThat(registered.json().path("wsUri").asText())
                    .isEqualTo("wss://" + httpsPage.getHost() + ":" + telephony.wssPort());
            assertThat(telephony.isRegistered(agent.username())).isTrue();
            assertThat(phone.text("#insecure-context")).isEmpty();
        }
    }

    @Test
    void aPlainHttpPageOfAnotherMachineSaysItHasNoMicrophoneInEnglishAndChinese() {
        URI elsewhere = URI.create("http://waihu-elsewhere.test:" + plainPage.getPort() + "/softphone/");
        try (BrowserSoftphone english = BrowserSoftphone.builder(elsewhere).name("insecure-en")
                .hostAlias("waihu-elsewhere.test").locale("en-US").open();
                BrowserSoftphone chinese = BrowserSoftphone.builder(elsewhere).name("insecure-zh")
                        .hostAlias("waihu-elsewhere.test").locale("zh-CN").open()) {
            assertThat(english.state().json().path("secureContext").asBoolean()).isFalse();
            assertThat(english.text("#insecure-context")).contains("no microphone").contains("https");
            assertThat(chinese.text("#insecure-context")).contains("麦克风").contains("https");
        }
        try (BrowserSoftphone local = BrowserSoftphone.open(plainPage)) {
            assertThat(local.state().json().path("secureContext").asBoolean())
                    .as("http on this machine is a secure context").isTrue();
            assertThat(local.text("#insecure-context")).isEmpty();
        }
    }

    static X509Certificate generatedCertificate() throws Exception {
        Path pem = Path.of(ConfigProvider.getConfig().getValue("waihu.data-dir", String.class), "keys", "https-cert.pem");
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("waihu", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
