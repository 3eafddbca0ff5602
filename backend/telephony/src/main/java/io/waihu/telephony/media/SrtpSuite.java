package io.waihu.telephony.media;

import java.util.Locale;
import org.jitsi.srtp.SrtpPolicy;

/**
 * The SDES crypto suites the plain legs speak (RFC 4568 §6.2): AES-128 counter mode with an
 * HMAC-SHA1 tag of 80 or 32 bits, the two every SIP phone and carrier SBC that does SDES
 * offers. Both use a 128-bit master key and a 112-bit master salt, no MKI, key derivation rate
 * 0. The suite's name shortens only the SRTP tag: SRTCP keeps its 80-bit tag either way
 * (RFC 4568 §6.2.2), which matters only to the policy we hand jitsi-srtp, since the relay
 * neither sends nor reads RTCP.
 */
enum SrtpSuite {
    AES_CM_128_HMAC_SHA1_80(10),
    AES_CM_128_HMAC_SHA1_32(4);

    static final int KEY_BYTES = 16;
    static final int SALT_BYTES = 14;
    private static final int AUTH_KEY_BYTES = 20;
    private static final int SRTCP_TAG_BYTES = 10;

    /** Authentication tag appended to every SRTP packet. */
    final int tagBytes;

    SrtpSuite(int tagBytes) {
        this.tagBytes = tagBytes;
    }

    /** The suite with this SDP name, or null when we do not support it (case-sensitive in the RFC; we are lenient). */
    static SrtpSuite byName(String name) {
        for (SrtpSuite s : values()) {
            if (s.name().equals(name.toUpperCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }

    SrtpPolicy srtpPolicy() {
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, KEY_BYTES, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                AUTH_KEY_BYTES, tagBytes, SALT_BYTES);
    }

    SrtpPolicy srtcpPolicy() {
        return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, KEY_BYTES, SrtpPolicy.HMACSHA1_AUTHENTICATION,
                AUTH_KEY_BYTES, SRTCP_TAG_BYTES, SALT_BYTES);
    }
}
