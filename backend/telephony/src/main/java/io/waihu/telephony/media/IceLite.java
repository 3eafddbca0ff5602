package io.waihu.telephony.media;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STUN side of an ICE-lite agent (RFC 8445 §2.5, RFC 5389): answer the browser's Binding
 * requests on our one host candidate and let the last nominated pair decide where media goes.
 * A lite agent never sends checks, keeps no check lists and needs no TURN, which is all a
 * gateway with a public (or 1:1-NATed) address needs; a full ICE library (ice4j) would bring
 * its own sockets and threads per leg for nothing. Requests are authenticated with the local
 * ice-pwd (short-term credentials, §10.2) so that a stranger cannot redirect media.
 */
final class IceLite {

    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int BINDING_REQUEST = 0x0001;
    private static final int BINDING_SUCCESS = 0x0101;
    private static final int ATTR_USERNAME = 0x0006;
    private static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    private static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    private static final int ATTR_USE_CANDIDATE = 0x0025;
    private static final int ATTR_FINGERPRINT = 0x8028;
    private static final int FINGERPRINT_XOR = 0x5354554e;

    /** A response to send back to the request's source, and whether the request nominated the pair. */
    record Reply(byte[] response, boolean useCandidate) {}

    private IceLite() {}

    /** STUN message: first two bits zero and the magic cookie in place (RFC 7983 §7 demultiplexing). */
    static boolean isStun(byte[] b, int len) {
        return len >= 20 && (b[0] & 0xc0) == 0 && Rtp.readInt(b, 4) == MAGIC_COOKIE;
    }

    /**
     * Answers a Binding request addressed to {@code localUfrag} and signed with {@code localPwd};
     * null for anything else (indications, responses, wrong credentials). {@code remoteUfrag} may
     * be null while the remote description is not known yet: the browser can check before our
     * answer reaches it.
     */
    static Reply handle(byte[] b, int len, InetSocketAddress source, String localUfrag, String localPwd, String remoteUfrag) {
        if (((b[0] & 0xff) << 8 | (b[1] & 0xff)) != BINDING_REQUEST) {
            return null;
        }
        int msgLen = (b[2] & 0xff) << 8 | (b[3] & 0xff);
        if (msgLen + 20 > len) {
            return null;
        }
        String username = null;
        int integrityAt = -1;
        boolean useCandidate = false;
        for (int p = 20; p + 4 <= 20 + msgLen; ) {
            int type = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
            int alen = (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
            if (p + 4 + alen > 20 + msgLen) {
                return null;
            }
            if (type == ATTR_USERNAME) {
                username = new String(b, p + 4, alen, StandardCharsets.UTF_8);
            } else if (type == ATTR_MESSAGE_INTEGRITY && alen == 20) {
                integrityAt = p;
                break; // only FINGERPRINT may follow MESSAGE-INTEGRITY (RFC 5389 §15.4)
            } else if (type == ATTR_USE_CANDIDATE) {
                useCandidate = true;
            }
            p += 4 + ((alen + 3) & ~3);
        }
        if (username == null || integrityAt < 0) {
            return null;
        }
        int colon = username.indexOf(':');
        if (colon < 0 || !username.substring(0, colon).equals(localUfrag)
                || (remoteUfrag != null && !username.substring(colon + 1).equals(remoteUfrag))) {
            return null;
        }
        byte[] key = localPwd.getBytes(StandardCharsets.UTF_8);
        byte[] expected = integrity(b, integrityAt, key);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(b, integrityAt + 4, integrityAt + 24))) {
            return null;
        }
        return new Reply(response(b, source, key), useCandidate);
    }

    private static byte[] response(byte[] request, InetSocketAddress source, byte[] key) {
        byte[] addr = source.getAddress().getAddress();
        boolean v4 = source.getAddress() instanceof Inet4Address;
        int xorLen = 4 + addr.length;
        byte[] r = new byte[20 + 4 + xorLen + 24 + 8];
        r[0] = (byte) (BINDING_SUCCESS >> 8);
        r[1] = (byte) BINDING_SUCCESS;
        System.arraycopy(request, 4, r, 4, 16); // cookie and transaction id
        int p = 20;
        r[p + 1] = (byte) ATTR_XOR_MAPPED_ADDRESS;
        r[p + 3] = (byte) xorLen;
        r[p + 5] = (byte) (v4 ? 1 : 2);
        int port = source.getPort() ^ (MAGIC_COOKIE >>> 16);
        r[p + 6] = (byte) (port >> 8);
        r[p + 7] = (byte) port;
        for (int i = 0; i < addr.length; i++) {
            r[p + 8 + i] = (byte) (addr[i] ^ r[4 + i]); // cookie then transaction id (§15.2)
        }
        p += 4 + xorLen;
        r[p + 1] = (byte) ATTR_MESSAGE_INTEGRITY;
        r[p + 3] = 20;
        System.arraycopy(integrity(r, p, key), 0, r, p + 4, 20);
        p += 24;
        r[p] = (byte) (ATTR_FINGERPRINT >> 8);
        r[p + 1] = (byte) ATTR_FINGERPRINT;
        r[p + 3] = 4;
        setLength(r, p + 8 - 20);
        CRC32 crc = new CRC32();
        crc.update(r, 0, p);
        Rtp.writeInt(r, p + 4, (int) crc.getValue() ^ FINGERPRINT_XOR);
        return r;
    }

    /** HMAC-SHA1 over the message up to the MESSAGE-INTEGRITY attribute at {@code at}, length adjusted (§15.4). */
    private static byte[] integrity(byte[] msg, int at, byte[] key) {
        byte[] copy = Arrays.copyOf(msg, at);
        setLength(copy, at + 24 - 20);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(copy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is a mandatory JDK algorithm", e);
        }
    }

    private static void setLength(byte[] msg, int length) {
        msg[2] = (byte) (length >> 8);
        msg[3] = (byte) length;
    }
}
