package io.waihu.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which plain-HTTP requests go to HTTPS, and where (the route itself runs in HttpsTest). */
class HttpsRedirectTest {

    @Test
    void aPlainRequestFromAnotherMachineGoesToTheSameHostOverHttps() {
        assertThat(HttpsRedirect.location(false, "192.0.2.7", "pbx.example.com", 8443, "/softphone/?x=1"))
                .contains("https://pbx.example.com:8443/softphone/?x=1");
        assertThat(HttpsRedirect.location(false, "2001:db8::7", "2001:db8::1", 8443, "/graphql"))
                .contains("https://[2001:db8::1]:8443/graphql");
    }

    @Test
    void thisMachineKeepsPlainHttp() {
        assertThat(HttpsRedirect.location(false, "127.0.0.1", "127.0.0.1", 8443, "/graphql")).isEmpty();
        assertThat(HttpsRedirect.location(false, "127.0.0.2", "localhost", 8443, "/graphql")).isEmpty();
        assertThat(HttpsRedirect.location(false, "0:0:0:0:0:0:0:1", "localhost", 8443, "/graphql")).isEmpty();
    }

    @Test
    void secureRequestsAndRequestsWithoutAHostAreLeftAlone() {
        assertThat(HttpsRedirect.location(true, "192.0.2.7", "pbx.example.com", 8443, "/")).isEmpty();
        assertThat(HttpsRedirect.location(false, "192.0.2.7", null, 8443, "/")).isEmpty();
        assertThat(HttpsRedirect.location(false, null, "pbx.example.com", 8443, "/")).as("a Unix socket").isEmpty();
    }
}
