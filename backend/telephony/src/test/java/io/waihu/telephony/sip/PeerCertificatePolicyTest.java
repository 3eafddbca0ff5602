package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Host name matching for TLS peers (RFC 5922 §7.1, RFC 6125 §6.4); the TLS path itself is {@code TlsTrunkTest}. */
class PeerCertificatePolicyTest {

    private static List<?> dns(String name) {
        return List.of(2, name);
    }

    private static List<?> uri(String uri) {
        return List.of(6, uri);
    }

    private static List<?> ip(String address) {
        return List.of(7, address);
    }

    @Test
    void dnsNamesMatchExactlyIgnoringCaseAndATrailingDot() {
        assertThat(PeerCertificatePolicy.matches(List.of(dns("sip.carrier.example")), null, "SIP.Carrier.example.")).isTrue();
        assertThat(PeerCertificatePolicy.matches(List.of(dns("sip.carrier.example")), null, "carrier.example")).isFalse();
        assertThat(PeerCertificatePolicy.matches(List.of(dns("sip.carrier.example")), null, "evil-sip.carrier.example"))
                .isFalse();
    }

    @Test
    void aWildcardStandsForExactlyTheLeftMostLabel() {
        List<List<?>> names = List.of(dns("*.carrier.example"));
        assertThat(PeerCertificatePolicy.matches(names, null, "sip.carrier.example")).isTrue();
        assertThat(PeerCertificatePolicy.matches(names, null, "a.b.carrier.example")).isFalse();
        assertThat(PeerCertificatePolicy.matches(names, null, "carrier.example")).isFalse();
        assertThat(PeerCertificatePolicy.matches(List.of(dns("*.example")), null, "carrier.example")).isFalse();
    }

    @Test
    void aSipUriEntryNamesItsHost() {
        List<List<?>> names = List.of(uri("sip:carrier.example"));
        assertThat(PeerCertificatePolicy.matches(names, null, "carrier.example")).isTrue();
        assertThat(PeerCertificatePolicy.matches(List.of(uri("sip:user@carrier.example")), null, "carrier.example"))
                .isFalse();
        assertThat(PeerCertificatePolicy.matches(List.of(uri("https://carrier.example")), null, "carrier.example"))
                .isFalse();
    }

    @Test
    void anIpAddressMustBeAnIpEntryNeverADnsNameOrTheCommonName() {
        assertThat(PeerCertificatePolicy.matches(List.of(ip("203.0.113.7")), null, "203.0.113.7")).isTrue();
        assertThat(PeerCertificatePolicy.matches(List.of(ip("203.0.113.8")), null, "203.0.113.7")).isFalse();
        assertThat(PeerCertificatePolicy.matches(List.of(dns("203.0.113.7")), null, "203.0.113.7")).isFalse();
        assertThat(PeerCertificatePolicy.matches(null, "203.0.113.7", "203.0.113.7")).isFalse();
        assertThat(PeerCertificatePolicy.matches(List.of(ip("2001:db8:0:0:0:0:0:1")), null, "[2001:db8::1]")).isTrue();
    }

    @Test
    void theCommonNameCountsOnlyWhenThereAreNoHostEntries() {
        assertThat(PeerCertificatePolicy.matches(null, "carrier.example", "carrier.example")).isTrue();
        assertThat(PeerCertificatePolicy.matches(List.of(dns("other.example")), "carrier.example", "carrier.example"))
                .isFalse();
        assertThat(PeerCertificatePolicy.matches(List.of(List.of(1, "ops@carrier.example")), "carrier.example",
                "carrier.example")).isTrue();
    }
}
