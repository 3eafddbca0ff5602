package io.waihu.telephony.sip;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** Start-up's wait for the SIP stack's UDP receiver. */
final class UdpReadiness {

    private static final Logger LOG = Logger.getLogger(UdpReadiness.class);

    private UdpReadiness() {}

    /**
     * Returns once the gateway answers an OPTIONS on its UDP port. The stack's UDP receiver sets
     * itself up on its own thread after {@code start()}; a gateway stopped before that (a quick
     * test, a failed start-up) made the stack's stop throw {@code ConcurrentModificationException}.
     * Waiting also means "listening" in the log is true. Gives up, with a warning, after 10 s.
     */
    static void await(GatewayConfig config, int udpPort) {
        String host = config.bindAddress().equals("0.0.0.0") || config.bindAddress().equals("::")
                ? "127.0.0.1" : config.bindAddress();
        String callId = "ready-" + java.util.UUID.randomUUID();
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getByName(host))) {
            probe.setSoTimeout(100);
            byte[] options = ("OPTIONS sip:" + host + ":" + udpPort + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + host + ":" + probe.getLocalPort() + ";branch=z9hG4bK" + callId + ";rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:ready@waihu.invalid>;tag=ready\r\nTo: <sip:" + host + ">\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.net.InetSocketAddress gateway = new java.net.InetSocketAddress(host, udpPort);
            byte[] buffer = new byte[4096];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                probe.send(new java.net.DatagramPacket(options, options.length, gateway));
                try {
                    java.net.DatagramPacket answer = new java.net.DatagramPacket(buffer, buffer.length);
                    probe.receive(answer);
                    if (new String(buffer, 0, answer.getLength(), java.nio.charset.StandardCharsets.US_ASCII)
                            .contains(callId)) {
                        return;
                    }
                } catch (java.net.SocketTimeoutException notYet) {
                    // the receiver is not up yet: send again
                }
            }
            LOG.warnf("SIP gateway did not answer on UDP port %d within 10 s", udpPort);
        } catch (IOException e) {
            LOG.warnf(e, "could not check that the SIP gateway serves UDP port %d", udpPort);
        }
    }
}
