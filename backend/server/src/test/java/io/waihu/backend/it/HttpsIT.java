package io.waihu.backend.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.backend.it.support.PackagedServer;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS as the README runs the server (the packaged jar, listening on every address): a plain
 * request from another machine's address is sent to HTTPS, which answers with the certificate
 * made on the first start, whose fingerprint the start printed; this machine keeps plain HTTP,
 * and the metrics port stays plain.
 */
class HttpsIT {

    private static final String PASSWORD = "https-admin-password";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;
    private PackagedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void plainHttpFromAnotherAddressGoesToHttpsWithTheCertificateTheStartPrinted() throws Exception {
        server = PackagedServer.start(dataDir, 0, PASSWORD, PackagedServer.ephemeralSipPorts());
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(dataDir.resolve("keys/https-cert.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        assertThat(server.log()).as("the start prints the fingerprint to check the browser's against")
                .contains("SHA-256 " + fingerprint);

        String address = nonLoopbackAddress();
        HttpClient client = HttpClient.newBuilder().sslContext(HttpsTest.trusting(certificate))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> redirect = client.send(HttpRequest.newBuilder(
                URI.create("http://" + address + ":" + server.port() + "/softphone/?lang=zh")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(308);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("https://" + address + ":" + server.httpsPort() + "/softphone/?lang=zh");

        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("insecure-context");
        assertThat(page.sslSession().orElseThrow().getPeerCertificates()[0]).as("the certificate names %s", address)
                .isEqualTo(certificate);

        HttpResponse<String> local = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/softphone/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(local.statusCode()).as("this machine keeps plain HTTP").isEqualTo(200);
        assertThat(Files.readString(dataDir.resolve("server.log")))
                .as("the metrics port stays plain HTTP (its scrapers)")
                .containsPattern("Management interface listening on http://127\\.0\\.0\\.1:\\d+");
    }

    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        throw new AssertionError("this machine has no non-loopback IPv4 address to play another machine from");
    }
}
