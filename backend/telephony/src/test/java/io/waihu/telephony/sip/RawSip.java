package io.waihu.telephony.sip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bare SIP endpoint over UDP or TCP for tests that need to send what no well-behaved user agent
 * would (garbage, truncated messages, wrong passwords) and read the raw answers.
 */
final class RawSip implements AutoCloseable {

    private final DatagramSocket udp;
    private final Socket tcp;
    private final InputStream tcpIn;
    private final int gatewayPort;

    private RawSip(DatagramSocket udp, Socket tcp, int gatewayPort) throws IOException {
        this.udp = udp;
        this.tcp = tcp;
        this.tcpIn = tcp == null ? null : tcp.getInputStream();
        this.gatewayPort = gatewayPort;
    }

    static RawSip udp(int gatewayPort) throws IOException {
        return new RawSip(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), null, gatewayPort);
    }

    /** Over UDP from another loopback address (127.0.0.x), which the gateway sees as another host. */
    static RawSip udpFrom(String localAddress, int gatewayPort) throws IOException {
        return new RawSip(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(localAddress), 0)), null,
                gatewayPort);
    }

    static RawSip tcp(int gatewayPort) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gatewayPort);
        return new RawSip(null, s, gatewayPort);
    }

    /** Over TLS, trusting what {@code trust} trusts; the handshake is done before this returns. */
    static RawSip tls(int gatewayPort, javax.net.ssl.SSLContext trust) throws IOException {
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) trust.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), gatewayPort);
        s.startHandshake();
        return new RawSip(null, s, gatewayPort);
    }

    int localPort() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    String transport() {
        return udp != null ? "UDP" : tcp instanceof javax.net.ssl.SSLSocket ? "TLS" : "TCP";
    }

    void send(String message) throws IOException {
        send(message.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), gatewayPort));
        } else {
            tcp.getOutputStream().write(bytes);
            tcp.getOutputStream().flush();
        }
    }

    /** The next message, or null when none arrives in time. */
    String receive(Duration timeout) throws IOException {
        try {
            if (udp != null) {
                udp.setSoTimeout((int) timeout.toMillis());
                byte[] buf = new byte[65535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            }
            tcp.setSoTimeout((int) timeout.toMillis());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = tcpIn.read()) != -1) {
                head.write(b);
                String h = head.toString(StandardCharsets.UTF_8);
                if (h.equals("\r\n") || h.equals("\r\n\r\n")) {
                    head.reset(); // keep-alive CRLFs
                } else if (h.endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String h = head.toString(StandardCharsets.UTF_8);
            String length = header(h, "Content-Length");
            int n = length == null ? 0 : Integer.parseInt(length.trim());
            return h + new String(tcpIn.readNBytes(n), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** The next response to a request (skipping 100 Trying unless asked for), or fails. */
    String response(Duration timeout, boolean skipTrying) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("no response within " + timeout);
            }
            String m = receive(Duration.ofMillis(left));
            if (m == null) {
                throw new AssertionError("no response within " + timeout);
            }
            if (m.startsWith("SIP/2.0 ") && !(skipTrying && m.startsWith("SIP/2.0 100"))) {
                return m;
            }
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(8, 11));
    }

    static String header(String message, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*?)\\r?$").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    static Map<String, String> authParams(String challenge) {
        Map<String, String> p = new HashMap<>();
        Matcher kv = Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^,\\s]+)").matcher(challenge);
        while (kv.find()) {
            p.put(kv.group(1), kv.group(3) != null ? kv.group(3) : kv.group(2));
        }
        return p;
    }

    /** A digest answer to {@code challenge} (the header value) for a request. */
    static String authorization(String challenge, String user, String password, String method, String uri) {
        return authorization(challenge, user, password, method, uri, 1);
    }

    /** As above, as the {@code nc}-th request with the challenge's nonce. */
    static String authorization(String challenge, String user, String password, String method, String uri, int nc) {
        Map<String, String> p = authParams(challenge);
        String ha1 = DigestMath.ha1(user, p.get("realm"), password);
        String cnonce = "c" + Long.toHexString(System.nanoTime());
        String count = String.format("%08x", nc);
        String response = DigestMath.response(ha1, p.get("nonce"), count, cnonce, "auth", method, uri);
        return "Digest username=\"" + user + "\",realm=\"" + p.get("realm") + "\",nonce=\"" + p.get("nonce")
                + "\",uri=\"" + uri + "\",response=\"" + response + "\",algorithm=MD5,qop=auth,nc=" + count + ",cnonce=\""
                + cnonce + "\"";
    }

    static String branch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A request from this endpoint; {@code extra} headers end with CRLF each. */
    String request(String method, String uri, String user, String callId, int cseq, String extra, String body) {
        String b = body == null ? "" : body;
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport() + " 127.0.0.1:" + localPort() + ";branch=" + branch() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=t" + callId.hashCode() + "\r\n"
                + "To: <" + (method.equals("REGISTER") ? "sip:" + user + "@127.0.0.1" : uri) + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + localPort() + ";transport=" + transport().toLowerCase() + ">\r\n"
                + extra
                + (b.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + b;
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
    }
}
