package io.waihu.telephony.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.waihu.telephony.CallEnd;
import io.waihu.telephony.CallResult;
import io.waihu.telephony.HangupBy;
import io.waihu.telephony.OutboundCall;
import io.waihu.telephony.SipTransport;
import io.waihu.telephony.TrunkSpec;
import io.waihu.telephony.testing.Sipp;
import io.waihu.telephony.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls to a carrier over TLS. sipp (Debian's build) has no TLS, so the carrier is sipp over TCP
 * behind a TLS front in this test: a JDK TLS server with its own keytool-made certificate that
 * forwards the plain bytes both ways. The gateway is told to trust that certificate
 * ({@code trunkTrustStore}); the front counts the handshakes that completed.
 */
class TlsTrunkTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "keystore-pass";

    @TempDir
    Path dir;

    private GatewayFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /** A gateway with TLS on, trusting only the certificate in {@code carrierStore}. */
    private void gateway(Path carrierStore) throws Exception {
        Path own = dir.resolve("gateway.p12");
        TestCertificates.selfSigned(own, "CN=127.0.0.1", "ip:127.0.0.1", PASSWORD);
        int tls = io.waihu.telephony.testing.FreePorts.udpAndTcp();
        fx = new GatewayFixture(c -> c.withTls(tls, 0, own, PASSWORD).withTrunkTrustStore(carrierStore, PASSWORD));
    }

    private static TrunkSpec tlsTrunk(int port) {
        return new TrunkSpec("trunk-tls-" + port, "127.0.0.1", port, SipTransport.TLS, null, null,
                "+8657400000000", "9", 10);
    }

    private OutboundCall call(TrunkSpec trunk) {
        String id = UUID.randomUUID().toString();
        return new OutboundCall(id, GatewayFixture.AGENT, "+8613812345678", trunk, Duration.ofSeconds(20),
                dir.resolve(id + ".wav"));
    }

    @Test
    void callToATlsTrunkConnectsAndEveryRequestOfTheDialogUsesTls() throws Exception {
        Path carrierStore = dir.resolve("carrier.p12");
        TestCertificates.selfSigned(carrierStore, "CN=127.0.0.1", "ip:127.0.0.1", PASSWORD);
        gateway(carrierStore);
        try (TlsFront front = new TlsFront(carrierStore);
                Sipp carrier = Sipp.with("carrier_tls_hangup.xml").tcp().duration(Duration.ofMillis(600))
                        .set("front_port", front.port()).start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            front.forwardTo(carrier.port);
            TrunkSpec trunk = tlsTrunk(front.port());
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk), events);
            CallEnd end = events.awaitEnd(WAIT);

            assertThat(end.result()).as(events.events().toString()).isEqualTo(CallResult.ANSWERED);
            assertThat(end.by()).isEqualTo(HangupBy.CUSTOMER);
            assertThat(carrier.awaitExit(WAIT)).as(carrier.diagnostics()).isZero();
            assertThat(phone.awaitExit(WAIT)).as(phone.diagnostics()).isZero();
            // INVITE, ACK, BYE and its 200 all went through the front: one TLS connection, no plain one
            assertThat(front.handshakes()).isEqualTo(1);
            assertThat(carrier.messages()).contains("INVITE sip:98613812345678@127.0.0.1:" + front.port())
                    .contains("transport=tls").contains("SIP/2.0/TLS").contains("ACK sip:carrier@")
                    .doesNotContain("UDP message");
            fx.assertNothingLeaks(trunk.id());
        }
    }

    @Test
    void aCarrierCertificateTheGatewayDoesNotTrustEndsTheCallAtOnceAndNoInviteIsSent() throws Exception {
        Path trusted = dir.resolve("trusted.p12");
        TestCertificates.selfSigned(trusted, "CN=127.0.0.1", "ip:127.0.0.1", PASSWORD);
        Path impostor = dir.resolve("impostor.p12");
        TestCertificates.selfSigned(impostor, "CN=127.0.0.1", "ip:127.0.0.1", PASSWORD);
        gateway(trusted);
        assertRefused(impostor);
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefusedToo() throws Exception {
        Path otherHost = dir.resolve("other-host.p12");
        TestCertificates.selfSigned(otherHost, "CN=carrier.example", "dns:carrier.example", PASSWORD);
        gateway(otherHost);
        assertRefused(otherHost);
    }

    /** The front presents {@code certificate}: the call fails as a transport error, the carrier sees nothing. */
    private void assertRefused(Path certificate) throws Exception {
        try (TlsFront front = new TlsFront(certificate);
                Sipp carrier = Sipp.with("carrier_tls_hangup.xml").tcp().set("front_port", front.port())
                        .timeoutSeconds(15).start("carrier");
                Sipp phone = fx.deskPhone("phone_answer.xml", Duration.ZERO)) {
            front.forwardTo(carrier.port);
            TrunkSpec trunk = tlsTrunk(front.port());
            CallEvents events = new CallEvents();

            fx.gateway.dial(call(trunk), events);
            // well before the 20 s ring timeout: the closed connection fails the INVITE at once
            CallEnd end = events.awaitEnd(Duration.ofSeconds(8));

            assertThat(end.result()).as(events.events().toString()).isEqualTo(CallResult.CONGESTION);
            assertThat(end.sipCode()).isEqualTo(503);
            assertThat(end.reason()).contains("TLS connection closed");
            assertThat(carrier.messages()).doesNotContain("INVITE sip:");
            assertThat(phone.awaitExit(WAIT)).as(phone.diagnostics()).isZero();
            fx.assertNothingLeaks(trunk.id());
        }
    }

    /** A TLS server that hands each connection's plain bytes to a TCP port and back. */
    static final class TlsFront implements AutoCloseable {
        private final SSLServerSocket server;
        private final AtomicInteger handshakes = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private volatile int target;

        TlsFront(Path keystore) throws Exception {
            KeyStore ks = TestCertificates.load(keystore, PASSWORD);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress());
            Thread accept = new Thread(this::acceptLoop, "tls-front");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void forwardTo(int port) {
            target = port;
        }

        int handshakes() {
            return handshakes.get();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    SSLSocket client = (SSLSocket) server.accept();
                    open.add(client);
                    Thread t = new Thread(() -> serve(client), "tls-front-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(SSLSocket client) {
            try {
                client.startHandshake();
                handshakes.incrementAndGet();
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(plain);
                Thread back = new Thread(() -> pump(plain, client), "tls-front-back");
                back.setDaemon(true);
                back.start();
                pump(client, plain);
            } catch (IOException refused) {
                closeQuietly(client); // handshake refused by the gateway, or the carrier went away
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException gone) {
                // one side closed: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            open.forEach(TlsFront::closeQuietly);
        }
    }
}
