package io.waihu.backend.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS/WSS certificate: made once per machine, reused, remade when gone or expired, configured ones first. */
class ServerCertificateTest {

    private static final Clock NOW = Clock.systemUTC();

    @TempDir
    Path keys;

    @Test
    void theFirstStartMakesACertificateAndLaterStartsReuseIt() throws Exception {
        ServerCertificate.Served first = ServerCertificate.prepare(keys, Map.of(), NOW);
        byte[] storeBytes = Files.readAllBytes(first.keyStore());
        ServerCertificate.Served second = ServerCertificate.prepare(keys, Map.of(), NOW);

        assertThat(second.certificate()).isEqualTo(first.certificate());
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(Files.readAllBytes(second.keyStore())).as("the key store is not rewritten").isEqualTo(storeBytes);
        assertThat(second.source()).contains(keys.resolve("https-cert.pem").toString());
        X509Certificate published = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(keys.resolve("https-cert.pem")));
        assertThat(published).as("the PEM users import is the served certificate").isEqualTo(first.certificate());
    }

    @Test
    void theKeyAndItsPasswordAreReadableByTheOwnerOnly() throws Exception {
        ServerCertificate.prepare(keys, Map.of(), NOW);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("https.p12"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("https.p12.password"))))
                .isEqualTo("rw-------");
        assertThat(Files.list(keys).map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                .as("no temporary file left behind").containsExactlyInAnyOrder("https.p12", "https.p12.password",
                        "https-cert.pem");
    }

    @Test
    void theCertificateNamesThisMachineAndIsAServerCertificateForAtMost825Days() throws Exception {
        X509Certificate certificate = ServerCertificate.prepare(keys, Map.of(), NOW).certificate();

        Set<String> dns = altNames(certificate, 2);
        Set<String> ips = altNames(certificate, 7);
        assertThat(dns).contains("localhost", InetAddress.getLocalHost().getHostName().toLowerCase());
        assertThat(ips).contains("127.0.0.1").anyMatch(ip -> ip.startsWith("0:0:0:0:0:0:0:1"));
        for (java.net.NetworkInterface network : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                network.inetAddresses().filter(a -> a instanceof java.net.Inet4Address)
                        .forEach(a -> assertThat(ips).as("the address of " + network.getName())
                                .contains(a.getHostAddress()));
            }
        }
        assertThat(ips).as("a non-loopback address (another machine reaches this one by it)")
                .anyMatch(ip -> !ip.startsWith("127.") && !ip.startsWith("0:0:0:0:0:0:0:1"));
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertThat(validity).isLessThanOrEqualTo(Duration.ofDays(825));
        assertThat(certificate.getNotBefore().toInstant()).isBefore(Instant.now());
        assertThat(certificate.getBasicConstraints()).as("not a CA: it can vouch for nothing else").isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("EC");
        certificate.verify(certificate.getPublicKey());
    }

    @Test
    void anExpiredCertificateIsMadeAgainAndAMissingFileToo() throws Exception {
        ServerCertificate.Served first = ServerCertificate.prepare(keys, Map.of(), NOW);
        Clock afterExpiry = Clock.fixed(first.certificate().getNotAfter().toInstant().plusSeconds(1), ZoneOffset.UTC);
        ServerCertificate.Served renewed = ServerCertificate.prepare(keys, Map.of(), afterExpiry);
        assertThat(renewed.certificate()).isNotEqualTo(first.certificate());
        assertThat(renewed.certificate().getNotAfter().toInstant()).isAfter(afterExpiry.instant());

        Files.delete(keys.resolve("https-cert.pem"));
        ServerCertificate.Served remade = ServerCertificate.prepare(keys, Map.of(), NOW);
        assertThat(remade.certificate()).isNotEqualTo(renewed.certificate());
        assertThat(keys.resolve("https-cert.pem")).exists();
    }

    @Test
    void aConfiguredPemPairIsServedInsteadOfAGeneratedOne(@TempDir Path elsewhere) throws Exception {
        KeyPair pair = ServerCertificate.newKeyPair();
        X509Certificate own = ServerCertificate.generate(pair, Set.of("pbx.example.com"), Instant.now(), Duration.ofDays(90));
        Path cert = Files.writeString(elsewhere.resolve("fullchain.pem"), ServerCertificate.pem(own));
        Path key = Files.writeString(elsewhere.resolve("privkey.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        ServerCertificate.Served served = ServerCertificate.prepare(keys,
                Map.of("WAIHU_TLS_CERT", cert.toString(), "WAIHU_TLS_KEY", key.toString()), NOW);

        assertThat(served.certificate()).isEqualTo(own);
        assertThat(keys.resolve("https-cert.pem")).as("nothing generated").doesNotExist();
        KeyStore store = ServerCertificate.load(served.keyStore(), served.password(), "PKCS12");
        assertThat(store.getKey("waihu", served.password().toCharArray())).isEqualTo(pair.getPrivate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(served.keyStore()))).isEqualTo("rw-------");
        assertThat(served.properties(false)).containsEntry("waihu.sip.keystore", served.keyStore().toString())
                .containsEntry("quarkus.tls.waihu-https.key-store.p12.path", served.keyStore().toString());
        assertThat(served.properties(true)).as("a gateway key store of its own stays").doesNotContainKey("waihu.sip.keystore");
    }

    @Test
    void aConfiguredKeyStoreIsUsedAsItIs(@TempDir Path elsewhere) throws Exception {
        ServerCertificate.Served made = ServerCertificate.prepare(elsewhere, Map.of(), NOW);

        ServerCertificate.Served served = ServerCertificate.prepare(keys, Map.of("WAIHU_TLS_KEYSTORE",
                made.keyStore().toString(), "WAIHU_TLS_KEYSTORE_PASSWORD", made.password()), NOW);

        assertThat(served.keyStore()).isEqualTo(made.keyStore());
        assertThat(served.certificate()).isEqualTo(made.certificate());
        assertThat(Files.list(keys)).as("nothing generated").isEmpty();
    }

    @Test
    void halfAPemPairOrAnUnreadableKeyIsRefusedWithTheSettingsName(@TempDir Path elsewhere) throws Exception {
        Path cert = Files.writeString(elsewhere.resolve("cert.pem"), ServerCertificate.pem(
                ServerCertificate.prepare(elsewhere.resolve("made"), Map.of(), NOW).certificate()));
        assertThatThrownBy(() -> ServerCertificate.prepare(keys, Map.of("WAIHU_TLS_CERT", cert.toString()), NOW))
                .hasMessageContaining("WAIHU_TLS_KEY");
        Path notAKey = Files.writeString(elsewhere.resolve("key.pem"), "hello\n");
        assertThatThrownBy(() -> ServerCertificate.prepare(keys,
                Map.of("WAIHU_TLS_CERT", cert.toString(), "WAIHU_TLS_KEY", notAKey.toString()), NOW))
                .hasMessageContaining("WAIHU_TLS_KEY").hasMessageContaining("not an unencrypted PEM private key");
    }

    private static Set<String> altNames(X509Certificate certificate, int type) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names.stream().filter(n -> ((Integer) n.get(0)) == type).map(n -> (String) n.get(1))
                .collect(Collectors.toSet());
    }
}
