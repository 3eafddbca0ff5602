package io.waihu.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MD5 digest arithmetic of RFC 2617 §3.2.2 / RFC 7616 §3.4.1, shared by the registrar (checking
 * phones) and trunk calls (answering carriers' challenges). MD5 only: it is what SIP phones and
 * carriers implement; RFC 8760's SHA-256 variants are rarely offered.
 */
final class DigestMath {

    private DigestMath() {}

    static String md5Hex(String text) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** HA1 = MD5(username:realm:password); what {@link io.waihu.telephony.SipAccount#ha1()} stores. */
    static String ha1(String username, String realm, String password) {
        return md5Hex(username + ":" + realm + ":" + password);
    }

    /**
     * The request-digest. With {@code qop=auth}: MD5(HA1:nonce:nc:cnonce:qop:HA2); without qop
     * (RFC 2069 compatibility): MD5(HA1:nonce:HA2). HA2 = MD5(method:digest-uri).
     */
    static String response(String ha1, String nonce, String nc, String cnonce, String qop, String method, String uri) {
        String ha2 = md5Hex(method + ":" + uri);
        if (qop == null || qop.isEmpty()) {
            return md5Hex(ha1 + ":" + nonce + ":" + ha2);
        }
        return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** Constant-time comparison of two hex digests (lower-cased). */
    static boolean same(String expected, String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
